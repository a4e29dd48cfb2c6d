// zt cert show [--pem] / zt cert root [--pem]: this device's certificate, and the agency root.
import { CLI_MESSAGES } from '../../core/messages/cli'
import { parseCertificate, type Certificate, type DistinguishedName } from '../../core/pki/certificate'
import { fromPem } from '../../core/pki/der'
import { formatDateTime } from '../../core/text/formatDate'
import { noExtraPositionals, parseCommandArgs } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { readDeviceKey } from '../deviceKey'
import { ApiClient } from '../net/ApiClient'
import { profileHome, requireProfile } from '../profile'

const name = (n: DistinguishedName): string => [n.commonName, n.organizationalUnitName, n.organizationName, n.userId && `UID=${n.userId}`].filter(Boolean).join('，')

function describe(cert: Certificate, revoked = false): string {
  return CLI_MESSAGES.certSummary(name(cert.subject), name(cert.issuer), cert.serial, formatDateTime(cert.notBefore), formatDateTime(cert.notAfter), revoked)
}

export async function certShow(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { pem: { type: 'boolean' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const key = await readDeviceKey(home)
  if (!key?.certificate) throw new CliError(CLI_MESSAGES.noDeviceKey)
  ctx.out(values.pem ? key.certificate.trim() : describe(parseCertificate(fromPem('CERTIFICATE', key.certificate))))
}

export async function certRoot(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { pem: { type: 'boolean' } })
  noExtraPositionals(positionals, 0)
  const profile = await requireProfile(profileHome(values.home, ctx.env), ctx.now())
  const pem = await new ApiClient(profile.server).caRoot()
  ctx.out(values.pem ? pem.trim() : describe(parseCertificate(fromPem('CERTIFICATE', pem))))
}
