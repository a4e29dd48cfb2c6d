// zt doc share <id> --with <user>[:read]: gives another user access to a document (write unless
// :read is asked for). Only the document's creator may share it; the server enforces that.
import { CLI_MESSAGES } from '../../core/messages/cli'
import { noExtraPositionals, parseCommandArgs, requireOption, requirePositional } from '../args'
import type { CliContext } from '../CliContext'
import { parseDocId, parseShareTarget } from '../docOptions'
import { ApiClient } from '../net/ApiClient'
import { profileHome, requireProfile } from '../profile'

export async function docShare(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { with: { type: 'string' } })
  const { room } = parseDocId(requirePositional(positionals, 0, '文档编号'))
  noExtraPositionals(positionals, 1)
  const { username, access } = parseShareTarget(requireOption(values.with, 'with'))
  const profile = await requireProfile(profileHome(values.home, ctx.env), ctx.now())
  await new ApiClient(profile.server, profile.token).addMember(room, username, access)
  ctx.out(CLI_MESSAGES.shared(username, access))
}
