// The data step for a seal over a rendition: SM3(Signature.xml) is the signature's dataHash, and
// every file the Signature.xml references has the SM3 it lists. An OFD must carry every one of
// them and nothing outside them (but its signatures); a zt-sealed package carries the 原文 and the
// PDF, which must both be referenced.
import { bytesEqual } from '../crypto/bytes'
import { sm3 } from '../crypto/sm3'
import { SEAL_MESSAGES as M } from '../messages/seal'
import { OID_SM3, SIGNS_DIR, absolute } from '../ofd/paths'
import { parseSignatureXml } from '../ofd/signature'
import { CONTENT_REF, PDF_REF } from './sealData'

export interface CoverageInput {
  /** Signature.xml as signed */
  sealData: Uint8Array
  /** the signature's dataHash */
  dataHash: Uint8Array
  /** files at hand, by package path (with or without the leading /) */
  files: Map<string, Uint8Array>
  /** an OFD: every reference must be present, and every file outside Signs/ referenced */
  whole: boolean
}

/** null when the seal data covers the files at hand; otherwise why not, in Chinese. */
export function coverageProblem(input: CoverageInput): string | null {
  if (!bytesEqual(sm3(input.sealData), input.dataHash)) return M.sealDataHash
  let refs: ReturnType<typeof parseSignatureXml>['references']
  try {
    const parsed = parseSignatureXml(input.sealData)
    if (parsed.checkMethod !== OID_SM3) return M.sealDataMethod
    refs = parsed.references
  } catch {
    return M.sealDataUnreadable
  }
  const files = new Map([...input.files].map(([p, b]) => [absolute(p), b]))
  if (!refs.some((r) => r.path === CONTENT_REF)) return M.noContentRef
  if (!refs.some((r) => r.path === PDF_REF)) return M.noPdfRef
  for (const r of refs) {
    const bytes = files.get(r.path)
    if (!bytes) {
      if (input.whole || r.path === CONTENT_REF || r.path === PDF_REF) return M.missing(r.path, M.what(r.path))
      continue
    }
    if (!bytesEqual(sm3(bytes), r.checkValue)) return M.changed(r.path, M.what(r.path))
  }
  if (input.whole) {
    const covered = new Set(refs.map((r) => r.path))
    for (const path of files.keys()) if (!path.startsWith(absolute(SIGNS_DIR)) && !covered.has(path)) return M.notCovered(path)
  }
  return null
}
