// A 公文's OFD before any seal: its page model (the same one the PDF draws) with the 原文 attached,
// as `zt doc export --ofd` and the desk's 导出 OFD both write it, byte for byte the same.
import { utf8 } from '../crypto/bytes'
import { canonicalContent, type Rendition } from '../docflow/content'
import { layoutDocument } from '../layout'
import { CONTENT_ATTACHMENT } from './paths'
import type { EmbedFonts } from './fonts'
import { packOfd, writeOfdFiles } from './writer'

/** The document's own day (成文日期, else the day it was drafted): exporting twice gives the same bytes. */
export function documentDay(rendition: Rendition, createdAt: string): string {
  return rendition.issueDate ?? createdAt.slice(0, 10)
}

export function documentOfd(input: {
  rendition: Rendition; room: string; createdAt: string; /** a 用印申请 carries no 原文 */ request?: boolean
  /** the subsets of the faces drawn, from the same font files as the PDF */
  embed?: EmbedFonts
}): Uint8Array {
  const { rendition } = input
  return packOfd(writeOfdFiles({
    model: layoutDocument(rendition), id: input.room, date: documentDay(rendition, input.createdAt), author: rendition.content.meta.issuerName,
    ...(rendition.docNumber ? { custom: { 文号: rendition.docNumber } } : {}), ...(input.embed ? { embed: input.embed } : {}),
    attachments: input.request ? [] : [{ file: CONTENT_ATTACHMENT, name: '原文', format: 'json', bytes: utf8(canonicalContent(rendition.content)) }],
  }).files)
}
