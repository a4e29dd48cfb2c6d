// zt verify <file> [--trust <root.pem>]… [--json]: checks a sealed-document export (zt-sealed) or
// an OFD with no server — every signature's eight steps, and the 原文, PDF and OFD files against
// what the seal signed. Exits 1 on any failure. Only roots this machine trusts count: the agency
// root of a signed-in profile's directory and any named with --trust; a root inside the file never.
import { readFile } from 'node:fs/promises'
import { formatDateTime } from '../../core/text/formatDate'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { fromPem } from '../../core/pki/der'
import { parseCertificate, type Certificate } from '../../core/pki/certificate'
import { verifySealedPackage, type PackageReport } from '../../core/seal/sealedPackage'
import { OFD_XML, unzipEntries, verifyOfd } from '../../core/ofd'
import { DIRECTORY_ROOM } from '../../core/sync/roomName'
import { noExtraPositionals, parseCommandArgs, requirePositional } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { profileHome, readProfile } from '../profile'
import { loadRoom } from '../roomCache'

interface LocalTrust { roots: Certificate[]; revoked: Map<string, string> }

async function localTrust(home: string): Promise<LocalTrust> {
  const profile = await readProfile(home).catch(() => null)
  const directory = profile ? await loadRoom(home, profile, DIRECTORY_ROOM, true).catch(() => null) : null
  const pem = directory?.getMap('ca').get('root')
  const certs = directory ? [...directory.getMap<{ serial: string; revokedAt?: string }>('certificates').values()] : []
  return {
    roots: typeof pem === 'string' ? [parseCertificate(fromPem('CERTIFICATE', pem))] : [],
    revoked: new Map(certs.filter((c) => c.revokedAt).map((c) => [c.serial, c.revokedAt!])),
  }
}

async function trustedRoot(path: string): Promise<Certificate> {
  try {
    const bytes = new Uint8Array(await readFile(path))
    const text = new TextDecoder().decode(bytes)
    return parseCertificate(text.includes('-----BEGIN') ? fromPem('CERTIFICATE', text) : bytes)
  } catch {
    throw new CliError(CLI_MESSAGES.trustUnreadable(path), 2)
  }
}

export async function verify(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, trust: { type: 'string', multiple: true } })
  const path = requirePositional(positionals, 0, '签章文件')
  noExtraPositionals(positionals, 1)
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await readFile(path))
  } catch {
    throw new CliError(CLI_MESSAGES.fileUnreadable2(path), 2)
  }
  const local = await localTrust(profileHome(values.home, ctx.env))
  const roots = [...local.roots, ...(await Promise.all((values.trust ?? []).map(trustedRoot)))]
  const isOfd = unzipEntries(bytes)?.some(([name]) => name === OFD_XML) ?? false
  const report: PackageReport = isOfd ? verifyOfd(bytes, { roots, revokedAt: (s) => local.revoked.get(s) }) : verifySealedPackage(bytes, roots)
  if (values.json) {
    ctx.out(JSON.stringify({ ...report, signatures: report.signatures.map(({ signature: _s, ...r }) => r) }, null, 2))
  } else {
    const root = `${report.rootFingerprint ?? '—'}${report.rootTrusted === false ? CLI_MESSAGES.verifyRootUnknown : ''}`
    ctx.out(CLI_MESSAGES.verifyHeader(report.title ?? '', report.docNumber ?? '', root))
    for (const p of report.problems) ctx.out(`  ${p}`)
    report.signatures.forEach((s, i) => {
      const sig = s.signature
      const signer = sig ? (parseCertificate(sig.signerCert).subject.commonName ?? '') : ''
      ctx.out(CLI_MESSAGES.verifySignature(i + 1, sig?.seal.info.name ?? '', signer, sig ? formatDateTime(sig.timeInfo) : ''))
      for (const step of s.steps) ctx.out(CLI_MESSAGES.verifyStep(step.step, step.name, step.ok, step.reason))
    })
    ctx.out(report.ok ? CLI_MESSAGES.verifyOk : CLI_MESSAGES.verifyFailed)
  }
  if (!report.ok) throw new CliError('', 1)
}
