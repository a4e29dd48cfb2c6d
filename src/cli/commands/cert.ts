// zt cert show [<user>] [--pem] / zt cert root [--pem]: certificates, and the agency root.
import { CLI_MESSAGES } from '../../core/messages/cli'
import { parseCertificate, type Certificate, type DistinguishedName } from '../../core/pki/certificate'
import { fromPem } from '../../core/pki/der'
import { formatDateTime } from '../../core/text/formatDate'
import { noExtraPositionals, parseCommandArgs } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { readDeviceKey } from '../deviceKey'
import { apiClient } from '../net/api'
import { RoomSession } from '../net/RoomSession'
import { DIRECTORY_ROOM } from '../../core/sync/roomName'
import type { DirectoryUser } from '../../core/directory/model'
import { profileHome, requireProfile } from '../profile'

const name = (n: DistinguishedName): string => [n.commonName, n.organizationalUnitName, n.organizationName, n.userId && `UID=${n.userId}`].filter(Boolean).join('，')

function describe(cert: Certificate, revoked = false): string {
  return CLI_MESSAGES.certSummary(name(cert.subject), name(cert.issuer), cert.serial, formatDateTime(cert.notBefore), formatDateTime(cert.notAfter), revoked)
}

/** zt cert show [<user>]: this device's certificate, or a user's newest one from the directory. */
export async function certShow(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { pem: { type: 'boolean' } })
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const username = positionals[0]
  if (username === undefined) {
    const key = await readDeviceKey(home)
    if (!key?.certificate) throw new CliError(CLI_MESSAGES.noDeviceKey)
    ctx.out(values.pem ? key.certificate.trim() : describe(parseCertificate(fromPem('CERTIFICATE', key.certificate))))
    return
  }
  const profile = await requireProfile(home, ctx.now())
  const api = apiClient(profile.server, profile.token)
  const directory = new RoomSession({ syncUrl: api.syncUrl, token: profile.token, room: DIRECTORY_ROOM })
  try {
    await directory.whenSynced()
    const user = [...directory.doc.getMap<DirectoryUser>('users').values()].find((u) => u.username === username)
    const certs = [...directory.doc.getMap<PublishedCert>('certificates').values()]
      .filter((c) => c.userId === user?.id)
      .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))
    const newest = certs[0]
    if (!newest) throw new CliError(CLI_MESSAGES.noCertificate(username))
    ctx.out(values.pem ? newest.pem.trim() : describe(parseCertificate(fromPem('CERTIFICATE', newest.pem)), newest.revokedAt !== undefined))
  } finally {
    directory.destroy()
  }
}

interface PublishedCert {
  userId: string
  pem: string
  issuedAt: string
  revokedAt?: string
}

export async function certRoot(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { pem: { type: 'boolean' } })
  noExtraPositionals(positionals, 0)
  const profile = await requireProfile(profileHome(values.home, ctx.env), ctx.now())
  const pem = await apiClient(profile.server).caRoot()
  ctx.out(values.pem ? pem.trim() : describe(parseCertificate(fromPem('CERTIFICATE', pem))))
}
