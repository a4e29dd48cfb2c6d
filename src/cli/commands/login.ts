// zt login <user> --password <pw> --server <url>: signs in and remembers the session.
import { CLI_MESSAGES } from '../../core/messages/cli'
import { parseCommandArgs, noExtraPositionals, requireOption, requirePositional } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { ApiClient } from '../net/ApiClient'
import { profileHome, writeProfile } from '../profile'

export async function login(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, {
    password: { type: 'string' },
    server: { type: 'string' },
  })
  const username = requirePositional(positionals, 0, '用户名')
  noExtraPositionals(positionals, 1)
  const password = requireOption(values.password, 'password')
  const server = parseServerUrl(requireOption(values.server, 'server'))
  const api = new ApiClient(server)
  const session = await api.login(username, password)
  await writeProfile(profileHome(values.home, ctx.env), { server, token: session.token, user: session.user, expiresAt: session.expiresAt })
  ctx.out(CLI_MESSAGES.loggedIn(session.user.name, session.user.username, session.user.unitName))
}

/** http(s)://host[:port], without a trailing slash. */
export function parseServerUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new CliError(CLI_MESSAGES.badServerUrl(value), 2)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(CLI_MESSAGES.badServerUrl(value), 2)
  return url.origin + url.pathname.replace(/\/+$/, '')
}
