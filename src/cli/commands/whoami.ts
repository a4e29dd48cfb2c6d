// zt whoami: who the stored session belongs to, as the server sees it now.
import { CLI_MESSAGES } from '../../core/messages/cli'
import { noExtraPositionals, parseCommandArgs } from '../args'
import type { CliContext } from '../CliContext'
import { apiClient } from '../net/api'
import { profileHome, requireProfile } from '../profile'

export async function whoami(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, {})
  noExtraPositionals(positionals, 0)
  const profile = await requireProfile(profileHome(values.home, ctx.env), ctx.now())
  const me = await apiClient(profile.server, profile.token).me()
  ctx.out(CLI_MESSAGES.whoami(me.name, me.username, me.unitName, me.title, profile.server))
}
