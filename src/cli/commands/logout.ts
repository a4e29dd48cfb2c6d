// zt logout: revokes the token on the server when it can, and forgets it locally in any case.
import { CLI_MESSAGES } from '../../core/messages/cli'
import { noExtraPositionals, parseCommandArgs } from '../args'
import type { CliContext } from '../CliContext'
import { apiClient } from '../net/api'
import { ApiError } from '../../core/api/ApiError'
import { profileHome, readProfile, removeProfile } from '../profile'

export async function logout(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, {})
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const profile = await readProfile(home)
  if (profile) {
    try {
      await apiClient(profile.server, profile.token).logout()
    } catch (err) {
      // an expired token or an unreachable server must not keep the token on disk
      if (!(err instanceof ApiError)) throw err
    }
    await removeProfile(home)
  }
  ctx.out(CLI_MESSAGES.loggedOut)
}
