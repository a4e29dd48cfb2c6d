// The sealed-document export (zt-sealed/2): one zip that verifies with no server — the canonical
// content, the PDF rendition the seals were applied over, each SES_Signature (DER) with the seal
// data it signs (an OFD Signature.xml listing the SM3 of the 原文, the PDF and the OFD's files),
// the issuing root (for its fingerprint only: trust comes from this machine) and the revocation
// list at export time. A 用印申请's seals cover the applicant's PDF itself and carry no seal data.
import { strFromU8, strToU8 } from 'fflate'
import { fromUtf8, toHex } from '../crypto/bytes'
import { sm3 } from '../crypto/sm3'
import { SEAL_MESSAGES as M } from '../messages/seal'
import { MAX_ZIP_ENTRIES, isCanonicalZip, tooManyBytes, unzipEntries, zipCanonical, zipSizes } from '../ofd/zip'
import { parseCertificate, verifyCertificateSignature, type Certificate } from '../pki/certificate'
import { coverageProblem } from './coverage'
import { CONTENT_REF, PDF_REF } from './sealData'
import { verifySealedSignature, withDataHashFailure, withDataHashReason, type VerifyReport } from './verify'

export const PACKAGE_FORMAT = 'zt-sealed/2'
const OLD_FORMATS = new Set(['zt-sealed/1'])

export interface PackageInput {
  /**
   * the canonical JSON of a 公文's content, exactly as hashed; absent for a 用印申请, whose seals
   * cover the PDF itself
   */
  canonicalContent?: string
  pdf: Uint8Array
  signatures: Uint8Array[]
  /** for a 公文: the seal data (Signature.xml) each signature signs, in the same order */
  sealData?: Uint8Array[]
  rootDer: Uint8Array
  /** serial → ISO time of revocation */
  revocations: Record<string, string>
  meta: { room: string; title: string; docNumber?: string; exportedAt: string }
}

export function buildSealedPackage(input: PackageInput): Uint8Array {
  const content = input.canonicalContent === undefined ? undefined : strToU8(input.canonicalContent)
  if (content && input.sealData?.length !== input.signatures.length) throw new TypeError('every seal on a 公文 needs its seal data')
  const files: [string, Uint8Array][] = []
  const put = (name: string, bytes: Uint8Array): void => {
    files.push([name, bytes])
  }
  put('manifest.json', strToU8(JSON.stringify({
    format: PACKAGE_FORMAT, ...input.meta, protects: content ? 'rendition' : 'pdf',
    contentHash: toHex(sm3(content ?? input.pdf)), pdfHash: toHex(sm3(input.pdf)),
    signatures: input.signatures.map((_, i) => `signatures/${i + 1}.ses`),
  }, null, 2)))
  if (content) put('content.json', content)
  put('document.pdf', input.pdf)
  input.signatures.forEach((der, i) => {
    put(`signatures/${i + 1}.ses`, der)
    if (content) put(`signatures/${i + 1}.xml`, input.sealData![i]!)
  })
  put('certs/root.der', input.rootDer)
  put('certs/revocations.json', strToU8(JSON.stringify(input.revocations)))
  return zipCanonical(files)
}

export interface PackageReport {
  ok: boolean
  /** what is wrong with the package as a whole (unreadable, missing parts, no signatures, unknown root) */
  problems: string[]
  title?: string
  docNumber?: string
  /** SM3 fingerprint of the root the signatures chain to, or of the file's own when this machine does not trust it */
  rootFingerprint?: string
  /** whether that root is one this machine trusts */
  rootTrusted?: boolean
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

/** at most this many entries (an export has six files and one per seal) */
export const MAX_PACKAGE_ENTRIES = MAX_ZIP_ENTRIES

/** Why the package would inflate to too much, judged before anything is inflated; null when within bounds. */
function bombProblem(zip: Uint8Array): string | null {
  const { entries, bytes } = zipSizes(zip)
  if (entries > MAX_PACKAGE_ENTRIES) return `签章文件包含的条目过多（${entries} 个，上限 ${MAX_PACKAGE_ENTRIES} 个），不予解压`
  if (tooManyBytes(zip, bytes)) return `签章文件解压后过大（${Math.ceil(bytes / 1024 / 1024)} MB），疑为压缩炸弹，不予解压`
  return null
}

export const fingerprint = (der: Uint8Array): string => toHex(sm3(der)).slice(0, 32)

/**
 * Verifies every signature of a package against its content and PDF, trusting only `trustedRoots`
 * (this machine's: its directory, or a root the user named); the root inside the file is never
 * trusted, only named when it is not one of them.
 */
export function verifySealedPackage(zip: Uint8Array, trustedRoots: Certificate[]): PackageReport {
  let tooBig: string | null
  try {
    tooBig = bombProblem(zip)
  } catch {
    tooBig = null
  }
  if (tooBig) return { ok: false, problems: [tooBig], signatures: [] }
  const entries = unzipEntries(zip)
  if (!entries) return { ok: false, problems: ['文件不是有效的签章文件（无法解压）'], signatures: [] }
  const files = Object.fromEntries(entries)
  const problems: string[] = []
  // only the canonical container: any other packing of the same files was not made by an export
  if (!isCanonicalZip(zip, entries)) problems.push('签章文件的封装被改动（与导出时不一致）')
  const need = (name: string): Uint8Array | undefined => {
    const f = files[name]
    if (!f) problems.push(`签章文件缺少 ${name}`)
    return f
  }
  const manifestBytes = need('manifest.json')
  let manifest: { format?: string; title?: string; docNumber?: string; protects?: string }
  try {
    manifest = JSON.parse(strFromU8(manifestBytes ?? strToU8('{}'))) as typeof manifest
  } catch {
    return { ok: false, problems: ['签章文件的清单无法解析'], signatures: [] }
  }
  const named = { ...(manifest.title ? { title: manifest.title } : {}), ...(manifest.docNumber ? { docNumber: manifest.docNumber } : {}) }
  if (manifest.format !== PACKAGE_FORMAT) {
    const format = String(manifest.format ?? '')
    return { ok: false, problems: [OLD_FORMATS.has(format) ? M.oldFormat(format) : M.unsupportedFormat(format)], signatures: [], ...named }
  }
  // a 用印申请's seals cover the PDF itself; a 公文's cover its rendition (content, PDF, OFD)
  const protectsPdf = manifest.protects === 'pdf' && !files['content.json']
  const pdf = need('document.pdf')
  const content = protectsPdf ? pdf : need('content.json')
  const rootDer = need('certs/root.der')
  const revocationBytes = need('certs/revocations.json')
  if (!manifestBytes || !content || !pdf || !rootDer || !revocationBytes) return { ok: false, problems, signatures: [], ...named }
  let revocations: Record<string, string>
  try {
    revocations = JSON.parse(fromUtf8(revocationBytes)) as Record<string, string>
  } catch {
    return { ok: false, problems: ['签章文件的吊销列表无法解析'], signatures: [], ...named }
  }
  const names = Object.keys(files).filter((n) => /^signatures\/\d+\.ses$/.test(n)).sort()
  if (!names.length) problems.push('签章文件中没有电子签章')
  if (!trustedRoots.length) problems.push(M.noTrustedRoot)

  const revokedAt = (s: string): string | undefined => (typeof revocations[s] === 'string' ? revocations[s] : undefined)
  const rendition = new Map([[CONTENT_REF, content], [PDF_REF, pdf]])
  const signatures = names.map((name) => {
    if (protectsPdf) return verifySealedSignature(files[name]!, { root: trustedRoots, revokedAt, expectedHash: sm3(pdf) })
    const sealData = files[name.replace(/\.ses$/, '.xml')] ?? new Uint8Array()
    const report = verifySealedSignature(files[name]!, { root: trustedRoots, revokedAt, expectedHash: sm3(sealData) })
    if (!report.signature) return report
    if (!report.steps.find((s) => s.id === 'dataHash')?.ok) return withDataHashFailure(report, M.sealDataHash)
    const problem = coverageProblem({ sealData, dataHash: report.signature.dataHash, files: rendition, whole: false })
    return problem ? withDataHashFailure(report, problem) : withDataHashReason(report, M.dataOk)
  })
  const own = safeCert(rootDer)
  const trusted = trustedRoots.find((r) => signatures.some((s) => s.signature && safeChains(s.signature.signerCert, r)))
  if (!trusted && trustedRoots.length) problems.push(M.unknownRoot(M.fileRoot(fingerprint(rootDer))))
  const ok = problems.length === 0 && signatures.every((s) => s.ok)
  return { ok, problems, signatures, rootFingerprint: fingerprint(trusted?.der ?? own?.der ?? rootDer), rootTrusted: !!trusted, ...named }
}

export function safeCert(der: Uint8Array): Certificate | undefined {
  try {
    return parseCertificate(der)
  } catch {
    return undefined
  }
}

export function safeChains(certDer: Uint8Array, root: Certificate): boolean {
  const cert = safeCert(certDer)
  return !!cert && verifyCertificateSignature(cert, root.publicKey)
}
