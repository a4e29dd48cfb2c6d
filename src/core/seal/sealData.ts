// What a 公文's seal signs (issue 15): not the content alone but the rendition a reader sees. The
// seal's data is an OFD Signature.xml (GB/T 33190 §18) whose references give the SM3 of every file
// of the unsigned OFD — its pages, fonts and resources, and, as attachments, the canonical content
// (content.json, whose SM3 is the sign-off's approvedHash) and the PDF rendition (document.pdf,
// seals drawn). The SES_Signature's dataHash is SM3(Signature.xml), as OFD prescribes, so one
// signature protects the 原文, the PDF and the OFD at once.
import { toHex, utf8 } from '../crypto/bytes'
import { sm3 } from '../crypto/sm3'
import type { DocumentLayout, SealPicture } from '../layout/document'
import { CONTENT_ATTACHMENT, PDF_ATTACHMENT, absolute, attachmentPath } from '../ofd/paths'
import { parseSignatureXml, signatureXml, type StampAnnot } from '../ofd/signature'
import { packOfd, writeOfdFiles, type OfdPageInfo } from '../ofd/writer'
import type { FontFace } from '../layout/page'
import type { EmbedFonts } from '../ofd/fonts'

export const CONTENT_REF = absolute(attachmentPath(CONTENT_ATTACHMENT))
export const PDF_REF = absolute(attachmentPath(PDF_ATTACHMENT))

export interface RenditionInput {
  /** the document laid out without seals (an OFD draws seals from its signatures) */
  layout: DocumentLayout
  /** the PDF rendition, the seals drawn over the 署名 */
  pdf: Uint8Array
  /** canonical JSON of the signed-off content, exactly as hashed */
  canonicalContent: string
  seals: SealPicture[]
  perforation?: SealPicture
  id: string
  date: string
  author?: string
  /** 文号 and the like, kept in the OFD's DocInfo */
  custom?: Record<string, string>
  fonts?: Partial<Record<FontFace, Uint8Array>>
  /** or the subsets of the faces drawn (src/pdf/embedFonts.ts) */
  embed?: EmbedFonts
  /** when the rendition is made for sealing */
  at: Date
}

export interface SealRendition {
  /** the unsigned OFD, packed canonically */
  ofd: Uint8Array
  /** Signature.xml for Sign_0: the data the seal signs */
  sealData: Uint8Array
}

/** The unsigned OFD and the seal data for one 用印 (one signature, Sign_0). */
export function buildSealRendition(input: RenditionInput): SealRendition {
  const { files, pages } = writeOfdFiles({
    model: input.layout, id: input.id, date: input.date, signed: true,
    ...(input.author ? { author: input.author } : {}), ...(input.custom ? { custom: input.custom } : {}), ...(input.fonts ? { fonts: input.fonts } : {}), ...(input.embed ? { embed: input.embed } : {}),
    attachments: [
      { file: CONTENT_ATTACHMENT, name: '原文', format: 'json', bytes: utf8(input.canonicalContent) },
      { file: PDF_ATTACHMENT, name: '版式文件', format: 'pdf', bytes: input.pdf },
    ],
  })
  const sealData = signatureXml({ files, stamps: stampsFor(input.layout, pages, input.seals, input.perforation), index: 0, at: input.at })
  return { ofd: packOfd(files), sealData }
}

/** Where each seal sits in the OFD: as in the PDF, over its 署名; a 骑缝章 as one clipped strip per page. */
function stampsFor(layout: DocumentLayout, pages: OfdPageInfo[], seals: SealPicture[], perforation?: SealPicture): StampAnnot[] {
  const stamps: StampAnnot[] = []
  if (layout.seal) {
    let spare = layout.seal.cx
    seals.forEach((s, i) => {
      const a = layout.sealAnchors[i] ?? { ...layout.seal!, cx: (spare -= s.widthMm + 4) }
      const page = pages[a.page]
      if (page) stamps.push({ pageRef: page.id, boundary: [a.cx - s.widthMm / 2, a.cy - s.heightMm / 2, s.widthMm, s.heightMm] })
    })
  }
  if (perforation?.svg && pages.length > 1) {
    const strip = perforation.widthMm / pages.length
    pages.forEach((p, i) => {
      stamps.push({
        pageRef: p.id,
        boundary: [layout.width - strip * (i + 1), layout.height / 2 - perforation.heightMm / 2, perforation.widthMm, perforation.heightMm],
        clip: [strip * i, 0, strip, perforation.heightMm],
      })
    })
  }
  return stamps
}

/** The hex dataHash a seal over this rendition carries. */
export const sealDataHashOf = (sealData: Uint8Array): string => toHex(sm3(sealData))

/** For a holder about to seal: does this seal data cover the approved content and a PDF? */
export function sealDataCoversContent(sealData: Uint8Array, approvedHash: string): boolean {
  try {
    const refs = parseSignatureXml(sealData).references
    const content = refs.find((r) => r.path === CONTENT_REF)
    return refs.some((r) => r.path === PDF_REF) && !!content && toHex(content.checkValue) === approvedHash
  } catch {
    return false
  }
}
