// The rendition a seal is applied over (issue 15): at 用印 the server — which holds the fonts and
// the PDF writer — lays the signed-off 公文 out once, writes the PDF with the holder's seal over the
// 署名 and the OFD from the same page model, stores both in the document's room, and gives the
// holder the seal data (an OFD Signature.xml listing the SM3 of every file) to sign. The holder's
// machine checks that the data covers the approved content before it signs; the server checks
// the seal against this stored rendition when the doc.seal command arrives.
import { canonicalContent } from '../../src/core/docflow/content'
import { cstDate } from '../../src/core/docflow/rendition'
import { layoutDocument, sealPictureOf } from '../../src/core/layout'
import { fromBase64, toBase64 } from '../../src/core/pki/der'
import { sm3Hex } from '../../src/core/crypto/sm3'
import { buildSealRendition } from '../../src/core/seal/sealData'
import { parseSeal } from '../../src/core/seal/ses'
import type { SealRecord } from '../../src/core/seal/registry'
import type { UserRecord } from '../../src/core/storage/types'
import { parseRoomName } from '../../src/core/sync/roomName'
import { readRecordSource } from '../../src/core/docflow/recordSource'
import { nodeFontEmbedder } from '../../src/pdf/nodeEmbedFonts'
import type { RuleContext } from '../commands/ruleContract'
import { SEALS_ROOM } from '../../src/core/sync/roomName'
import { HttpError } from '../http/respond'
import { accessOf } from '../sync/access'

export interface SealRenditionAnswer {
  /** SM3 of the unsigned OFD stored in the room */
  ofd: string
  /** SM3 of the PDF stored in the room (also inside the OFD) */
  pdf: string
  /** Signature.xml, base64: what the holder signs (its SM3 is the SES dataHash) */
  sealData: string
}

export async function makeSealRendition(
  deps: Pick<RuleContext, 'storage' | 'readRoom'>, user: UserRecord, room: string, req: { seal: string; perforation?: boolean }, now: Date,
): Promise<SealRenditionAnswer> {
  const ref = parseRoomName(room)
  const record = await deps.storage.room(room)
  if (!ref || ref.kind !== 'doc' || !record || accessOf(user, ref, record) === 'none') throw new HttpError(404, 'not_found')
  const source = await readRecordSource(deps, room)
  const { state, content } = source
  if (state.kind === 'sealrequest' || state.ended || state.visit.step !== 'seal' || !state.approvedHash) throw new HttpError(409, 'not_at_seal')
  const canonical = canonicalContent(content)
  if (sm3Hex(new TextEncoder().encode(canonical)) !== state.approvedHash) throw new HttpError(409, 'seal_hash_mismatch')
  const seal = await deps.readRoom(SEALS_ROOM, (doc) => doc.getMap<SealRecord>('seals').get(req.seal))
  if (!seal) throw new HttpError(404, 'no_such_seal')
  if (seal.status !== 'active') throw new HttpError(409, 'seal_not_active')
  if (!seal.holders.includes(user.id)) throw new HttpError(403, 'not_seal_holder')
  const picture = sealPictureOf(parseSeal(fromBase64(seal.der)).info.picture)

  // 印发日期 is the day of 用印: the rendition is frozen now, with the seal
  const rendition = { ...source.rendition, ...(source.rendition.docNumber ? { printDate: cstDate(now.toISOString()) } : {}) }
  const day = rendition.issueDate ?? cstDate(now.toISOString())
  const author = content.meta.issuerName
  // PDFKit loads on the first 用印, not at start: it is most of what the server would hold in memory idle
  const { writePdf } = await import('../../src/pdf/writePdf')
  const pdf = await writePdf(layoutDocument(rendition, { seals: [picture], ...(req.perforation ? { perforation: picture } : {}) }), {
    date: new Date(`${day}T00:00:00+08:00`), author, contentHash: state.approvedHash,
  })
  const embed = await nodeFontEmbedder()
  const { ofd, sealData } = buildSealRendition({
    layout: layoutDocument(rendition), embed, pdf, canonicalContent: canonical, seals: [picture], ...(req.perforation ? { perforation: picture } : {}),
    id: room, date: day, author, ...(rendition.docNumber ? { custom: { 文号: rendition.docNumber } } : {}), at: now,
  })
  const put = async (bytes: Uint8Array): Promise<string> => {
    const sm3 = sm3Hex(bytes)
    await deps.storage.putBlob({ sm3, size: bytes.length, uploadedBy: user.id, uploadedAt: now.toISOString(), rooms: [room] }, bytes)
    return sm3
  }
  return { ofd: await put(ofd), pdf: await put(pdf), sealData: toBase64(sealData) }
}
