// The sealed-document export: one zip that verifies with no server — the canonical content (what
// every seal's dataHash covers), the PDF rendition (which records that hash), each SES_Signature
// (DER), the seals, the agency root and the revocation list at export time.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { bytesEqual, fromUtf8, toHex } from '../crypto/bytes'
import { sm3 } from '../crypto/sm3'
import { parseCertificate, type Certificate } from '../pki/certificate'
import { verifySealedSignature, type StepResult, type VerifyReport } from './verify'

export const PACKAGE_FORMAT = 'zt-sealed/1'

export interface PackageInput {
  /**
   * the canonical JSON of a 公文's content, exactly as hashed; absent for a 用印申请, whose seals
   * cover the PDF itself
   */
  canonicalContent?: string
  pdf: Uint8Array
  signatures: Uint8Array[]
  rootDer: Uint8Array
  /** serial → ISO time of revocation */
  revocations: Record<string, string>
  meta: { room: string; title: string; docNumber?: string; exportedAt: string }
}

/** Fixed file times, so the same document exports to the same bytes. */
const MTIME = new Date('2000-01-01T00:00:00Z')

/** The container for a set of files: fixed times and compression, so it is canonical. */
function zipCanonical(entries: [string, Uint8Array][]): Uint8Array {
  return zipSync(Object.fromEntries(entries.map(([name, bytes]) => [name, [bytes, { mtime: MTIME }]])), { level: 6 })
}

export function buildSealedPackage(input: PackageInput): Uint8Array {
  const content = input.canonicalContent === undefined ? undefined : strToU8(input.canonicalContent)
  const files: [string, Uint8Array][] = []
  const put = (name: string, bytes: Uint8Array): void => {
    files.push([name, bytes])
  }
  put('manifest.json', strToU8(JSON.stringify({
    format: PACKAGE_FORMAT, ...input.meta, protects: content ? 'content' : 'pdf', contentHash: toHex(sm3(content ?? input.pdf)),
    signatures: input.signatures.map((_, i) => `signatures/${i + 1}.ses`),
  }, null, 2)))
  if (content) put('content.json', content)
  put('document.pdf', input.pdf)
  input.signatures.forEach((der, i) => put(`signatures/${i + 1}.ses`, der))
  put('certs/root.der', input.rootDer)
  put('certs/revocations.json', strToU8(JSON.stringify(input.revocations)))
  return zipCanonical(files)
}

export interface PackageReport {
  ok: boolean
  /** what is wrong with the package as a whole (unreadable, missing parts, no signatures) */
  problems: string[]
  title?: string
  docNumber?: string
  /** SM3 fingerprint of the root the signatures were checked against */
  rootFingerprint?: string
  signatures: VerifyReport[]
}

/** The hash a PDF of ours records in its metadata (/ZtContentHash), if any. */
export function pdfContentHash(pdf: Uint8Array): string | undefined {
  const text = fromLatin1(pdf)
  const inline = /\/ZtContentHash \(([0-9a-f]{64})\)/.exec(text)
  if (inline) return inline[1]
  const ref = /\/ZtContentHash (\d+) 0 R/.exec(text)
  if (!ref) return undefined
  return new RegExp(`(?:^|\\n)${ref[1]} 0 obj\\s*\\(([0-9a-f]{64})\\)`).exec(text)?.[1]
}

function fromLatin1(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192))
  return s
}

/**
 * Verifies every signature of a package against its content and PDF. `trustedRoot`, when the
 * verifier has its own copy of the agency root, overrides the package's.
 */
export function verifySealedPackage(zip: Uint8Array, trustedRoot?: Certificate): PackageReport {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(zip)
  } catch {
    return { ok: false, problems: ['文件不是有效的签章文件（无法解压）'], signatures: [] }
  }
  const problems: string[] = []
  // only the canonical container: any other packing of the same files was not made by an export
  if (!bytesEqual(zipCanonical(Object.entries(files)), zip)) problems.push('签章文件的封装被改动（与导出时不一致）')
  const need = (name: string): Uint8Array | undefined => {
    const f = files[name]
    if (!f) problems.push(`签章文件缺少 ${name}`)
    return f
  }
  const manifestBytes = need('manifest.json')
  // a 用印申请's seals cover the PDF itself; a 公文's cover its canonical content
  const protectsPdf = !files['content.json'] && manifestSays(manifestBytes, 'pdf')
  const pdf = need('document.pdf')
  const content = protectsPdf ? pdf : need('content.json')
  const rootDer = need('certs/root.der')
  const revocationBytes = need('certs/revocations.json')
  if (!manifestBytes || !content || !pdf || !rootDer || !revocationBytes) return { ok: false, problems, signatures: [] }
  let manifest: { format?: string; title?: string; docNumber?: string; signatures?: unknown }
  let revocations: Record<string, string>
  let root: Certificate
  try {
    manifest = JSON.parse(strFromU8(manifestBytes)) as typeof manifest
    revocations = JSON.parse(fromUtf8(revocationBytes)) as Record<string, string>
    root = trustedRoot ?? parseCertificate(rootDer)
  } catch {
    return { ok: false, problems: ['签章文件的清单、吊销列表或根证书无法解析'], signatures: [] }
  }
  if (manifest.format !== PACKAGE_FORMAT) problems.push('签章文件格式不受支持')
  if (trustedRoot && toHex(rootDer) !== toHex(trustedRoot.der)) problems.push('签章文件所附根证书与本机信任的根证书不同（已按本机根证书验证）')
  const names = Object.keys(files).filter((n) => /^signatures\/\d+\.ses$/.test(n)).sort()
  if (!names.length) problems.push('签章文件中没有电子签章')

  const expectedHash = sm3(content)
  const pdfHash = pdfContentHash(pdf)
  const signatures = names.map((name) => {
    const report = verifySealedSignature(files[name]!, { root, revokedAt: (s) => (typeof revocations[s] === 'string' ? revocations[s] : undefined), expectedHash })
    // the PDF is the rendition of this content: it must say so
    if (!protectsPdf && report.steps.find((s) => s.id === 'dataHash')?.ok && pdfHash !== toHex(expectedHash)) return failDataHash(report, '版式文件（PDF）所载原文杂凑值与原文不符：PDF 已被改动或不是该原文的版式文件')
    return report
  })
  // a different root in the package is only a note: the signatures were checked against ours
  const ok = problems.filter((p) => !p.startsWith('签章文件所附根证书')).length === 0 && signatures.every((s) => s.ok)
  return {
    ok, problems, signatures, rootFingerprint: toHex(sm3(root.der)).slice(0, 32),
    ...(manifest.title ? { title: manifest.title } : {}), ...(manifest.docNumber ? { docNumber: manifest.docNumber } : {}),
  }
}

function manifestSays(bytes: Uint8Array | undefined, protects: string): boolean {
  try {
    return (JSON.parse(strFromU8(bytes ?? new Uint8Array())) as { protects?: unknown }).protects === protects
  } catch {
    return false
  }
}

function failDataHash(report: VerifyReport, reason: string): VerifyReport {
  const steps: StepResult[] = report.steps.map((s) => (s.id === 'dataHash' ? { ...s, ok: false, reason } : s))
  const failed = steps.find((s) => s.ok === false)
  return { ...report, steps, ok: false, ...(failed ? { failed } : {}) }
}
