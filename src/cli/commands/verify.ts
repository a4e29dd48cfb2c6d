// zt verify <file> [--json]: checks a sealed-document export with no server — every signature's
// eight steps, and the PDF against the content. Exits 1 on any failure. When this machine has the
// agency root (from a signed-in profile's directory), that root is the one trusted.
import { readFile } from 'node:fs/promises'
import { formatDateTime } from '../../core/text/formatDate'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { fromPem } from '../../core/pki/der'
import { parseCertificate, type Certificate } from '../../core/pki/certificate'
import { verifySealedPackage } from '../../core/seal/sealedPackage'
import { DIRECTORY_ROOM } from '../../core/sync/roomName'
import { noExtraPositionals, parseCommandArgs, requirePositional } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { profileHome, readProfile } from '../profile'
import { loadRoom } from '../roomCache'

async function localRoot(home: string): Promise<Certificate | undefined> {
  const profile = await readProfile(home).catch(() => null)
  if (!profile) return undefined
  const directory = await loadRoom(home, profile, DIRECTORY_ROOM, true).catch(() => null)
  const pem = directory?.getMap('ca').get('root')
  return typeof pem === 'string' ? parseCertificate(fromPem('CERTIFICATE', pem)) : undefined
}

export async function verify(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } })
  const path = requirePositional(positionals, 0, '签章文件')
  noExtraPositionals(positionals, 1)
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await readFile(path))
  } catch {
    throw new CliError(CLI_MESSAGES.fileUnreadable2(path), 2)
  }
  const report = verifySealedPackage(bytes, await localRoot(profileHome(values.home, ctx.env)))
  if (values.json) {
    ctx.out(JSON.stringify({ ...report, signatures: report.signatures.map(({ signature: _s, ...r }) => r) }, null, 2))
  } else {
    ctx.out(CLI_MESSAGES.verifyHeader(report.title ?? '', report.docNumber ?? '', report.rootFingerprint ?? ''))
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
