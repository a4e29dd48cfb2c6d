// zt admin revoke <user>: revokes every certificate of a user (administrators only). Commands the
// user signed before now stay valid; later ones are rejected.
import { CLI_MESSAGES } from '../../core/messages/cli'
import { noExtraPositionals, parseCommandArgs, requirePositional } from '../args'
import type { CliContext } from '../CliContext'
import { ApiClient } from '../net/ApiClient'
import { profileHome, requireProfile } from '../profile'

export async function adminRevoke(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, {})
  const username = requirePositional(positionals, 0, '用户名')
  noExtraPositionals(positionals, 1)
  const profile = await requireProfile(profileHome(values.home, ctx.env), ctx.now())
  const revoked = await new ApiClient(profile.server, profile.token).revoke(username)
  ctx.out(CLI_MESSAGES.revoked(username, revoked.length))
}
