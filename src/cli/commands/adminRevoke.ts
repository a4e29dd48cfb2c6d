// zt admin revoke <user>: revokes every certificate of a user and ends their sessions (administrators
// only); commands the server receives from then on under those keys are rejected. zt admin unlock
// <user> lifts a sign-in lockout; zt admin allow-enroll <user> lets a revoked user enrol a new key.
import { CLI_MESSAGES } from '../../core/messages/cli'
import { noExtraPositionals, parseCommandArgs, requirePositional } from '../args'
import type { CliContext } from '../CliContext'
import type { ApiClient } from '../../core/api/ApiClient'
import { apiClient } from '../net/api'
import { profileHome, requireProfile } from '../profile'

export async function adminRevoke(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, {})
  const username = requirePositional(positionals, 0, '用户名')
  noExtraPositionals(positionals, 1)
  const profile = await requireProfile(profileHome(values.home, ctx.env), ctx.now())
  const revoked = await apiClient(profile.server, profile.token).revoke(username)
  ctx.out(CLI_MESSAGES.revoked(username, revoked.length))
}

async function adminClient(args: string[], ctx: CliContext): Promise<{ api: ApiClient; username: string }> {
  const { values, positionals } = parseCommandArgs(args, {})
  const username = requirePositional(positionals, 0, '用户名')
  noExtraPositionals(positionals, 1)
  const profile = await requireProfile(profileHome(values.home, ctx.env), ctx.now())
  return { api: apiClient(profile.server, profile.token), username }
}

export async function adminUnlock(args: string[], ctx: CliContext): Promise<void> {
  const { api, username } = await adminClient(args, ctx)
  ctx.out(CLI_MESSAGES.unlocked(username, await api.unlock(username)))
}

export async function adminAllowEnroll(args: string[], ctx: CliContext): Promise<void> {
  const { api, username } = await adminClient(args, ctx)
  await api.allowEnroll(username)
  ctx.out(CLI_MESSAGES.enrolAllowed(username))
}
