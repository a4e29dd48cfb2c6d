// zt login <user> --password <pw> --server <url> [--pin <PIN>]: signs in and remembers the session;
// with a PIN it also makes (or reopens) this device's SM2 key and enrols it with the agency CA.
import { CLI_MESSAGES } from '../../core/messages/cli'
import { parseCommandArgs, noExtraPositionals, requireOption, requirePositional } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { apiClient } from '../net/api'
import { ApiError } from '../../core/api/ApiError'
import type { Sm2KeyPair } from '../../core/crypto/sm2'
import { deviceId, newDeviceKey, openDeviceKey, readDeviceKey, writeDeviceKey, type DeviceKey } from '../deviceKey'
import { profileHome, writeProfile } from '../profile'

export async function login(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, {
    password: { type: 'string' },
    server: { type: 'string' },
    pin: { type: 'string' },
  })
  const username = requirePositional(positionals, 0, '用户名')
  noExtraPositionals(positionals, 1)
  const password = requireOption(values.password, 'password')
  const server = parseServerUrl(requireOption(values.server, 'server'))
  const api = apiClient(server)
  const session = await api.login(username, password)
  const home = profileHome(values.home, ctx.env)
  await writeProfile(home, { server, token: session.token, user: session.user, expiresAt: session.expiresAt })
  ctx.out(CLI_MESSAGES.loggedIn(session.user.name, session.user.username, session.user.unitName))
  if (values.pin === undefined) {
    ctx.out(CLI_MESSAGES.notEnrolled)
    return
  }
  // the device key: reused when this user already has one here (the PIN must open it), else made
  const existing = await readDeviceKey(home)
  let made: { record: DeviceKey; keys: Sm2KeyPair }
  if (existing && existing.userId === session.user.id) {
    made = { record: existing, keys: openDeviceKey(existing, values.pin) }
  } else {
    made = newDeviceKey(session.user.id, values.pin)
  }
  const device = await deviceId(home)
  let enrolled
  try {
    enrolled = await api.enroll(made.keys, session.user.id, device)
  } catch (err) {
    // this device's key was revoked: a new one replaces it (the old one can sign nothing now)
    if (!(err instanceof ApiError && err.code === 'key_revoked')) throw err
    made = newDeviceKey(session.user.id, values.pin)
    enrolled = await api.enroll(made.keys, session.user.id, device)
  }
  const record = made.record
  await writeDeviceKey(home, { ...record, certificate: enrolled.certificate })
  ctx.out(CLI_MESSAGES.enrolled(enrolled.serial))
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
