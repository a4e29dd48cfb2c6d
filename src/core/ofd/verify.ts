// 验章 for an OFD: every signature listed in Doc_0/Signs/Signatures.xml is checked with the whole
// GB/T 38540 procedure (src/core/seal/verify.ts) against the roots this machine trusts, its
// dataHash against SM3(Signature.xml), and every file of the package against the references —
// a page, a font, the PDF or the 原文 changed by one byte fails at the data step.
import { bytesEqual } from '../crypto/bytes'
import { SEAL_MESSAGES as M } from '../messages/seal'
import type { Certificate } from '../pki/certificate'
import { coverageProblem } from '../seal/coverage'
import { fingerprint, safeCert, safeChains, type PackageReport } from '../seal/sealedPackage'
import { verifySealedSignature, withDataHashFailure, withDataHashReason } from '../seal/verify'
import { sm3 } from '../crypto/sm3'
import { OfdReadError, readOfd, type OfdDocument } from './reader'
import { OUR_CREATOR } from './writer'
import { isCanonicalZip } from './zip'

export interface OfdTrust {
  /** the roots this machine trusts */
  roots: Certificate[]
  revokedAt(serial: string): string | undefined
}

export type OfdReport = PackageReport

export function verifyOfd(bytes: Uint8Array, trust: OfdTrust): OfdReport {
  let doc: OfdDocument
  try {
    doc = readOfd(bytes)
  } catch (e) {
    return { ok: false, problems: [e instanceof OfdReadError && e.part !== 'zip' ? M.ofdPart(e.part) : M.notOfd], signatures: [] }
  }
  const problems: string[] = []
  // ours are packed canonically (like a zt-sealed export): any other packing was not made by an export
  if (doc.creator === OUR_CREATOR && !isCanonicalZip(bytes, doc.entries)) problems.push(M.repacked)
  if (!trust.roots.length) problems.push(M.noTrustedRoot)
  if (!doc.signatures.length) problems.push(M.ofdNoSignatures)
  const signatures = doc.signatures.map((s) => {
    if (!s.signedValue) return withDataHashFailure(verifySealedSignature(new Uint8Array(), { root: trust.roots, revokedAt: trust.revokedAt, expectedHash: sm3(s.xml) }), M.missing(s.parsed.signedValueLoc, '签章值'))
    const report = verifySealedSignature(s.signedValue, { root: trust.roots, revokedAt: trust.revokedAt, expectedHash: sm3(s.xml) })
    if (s.seal && report.signature && !bytesEqual(s.seal, report.signature.seal.der)) problems.push(M.sealFileDiffers(s.parsed.sealLoc))
    if (!report.steps.find((x) => x.id === 'dataHash')?.ok) return report.signature ? withDataHashFailure(report, M.sealDataHash) : report
    const problem = coverageProblem({ sealData: s.xml, dataHash: report.signature!.dataHash, files: doc.files, whole: true })
    return problem ? withDataHashFailure(report, problem) : withDataHashReason(report, M.dataOk)
  })
  const number = doc.custom['文号']
  const trusted = trust.roots.find((r) => signatures.some((s) => s.signature && safeChains(s.signature.signerCert, r)))
  const first = signatures.find((s) => s.signature)?.signature
  if (!trusted && trust.roots.length && first) problems.push(M.unknownRoot(M.issuer(safeCert(first.signerCert)?.issuer.commonName ?? '')))
  return {
    ...(trusted ? { rootFingerprint: fingerprint(trusted.der) } : {}), rootTrusted: !!trusted,
    ok: !problems.length && signatures.length > 0 && signatures.every((s) => s.ok), problems, signatures,
    ...(doc.title ? { title: doc.title } : {}), ...(number ? { docNumber: number } : {}),
  }
}
