// Draws a page model (src/core/layout) into a PDF with embedded, subset CJK fonts and selectable
// text. Deterministic: the same model gives the same bytes (fixed dates, ids from the content).
import PDFDocument from 'pdfkit'
import SVGtoPDF from 'svg-to-pdfkit'
import { mmToPt, type Box, type PageModel } from '../core/layout'
import { charUnits } from '../core/layout'
import { findFonts, type FontFile } from './fonts'
import type { FontFace } from '../core/layout'

/** print red (Y80 M80 on white, STANDARDS.md §2) and black */
const COLOURS = { red: '#e60012', black: '#000000' } as const

export interface PdfOptions {
  fonts?: Record<FontFace, FontFile>
  /** the PDF's creation date: the document's own date, so output never depends on the clock */
  date?: Date
  author?: string
  /** SM3 (hex) of the canonical content the PDF renders: written into its metadata for 验章 */
  contentHash?: string
}

export async function writePdf(model: PageModel, opts: PdfOptions = {}): Promise<Uint8Array> {
  const fonts = opts.fonts ?? findFonts()
  const date = opts.date ?? new Date(0)
  const doc = new PDFDocument({
    size: [mmToPt(model.width), mmToPt(model.height)],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: model.title, Author: opts.author ?? '', Producer: '政通', Creator: '政通', CreationDate: date, ModDate: date, ...(opts.contentHash ? { ZtContentHash: opts.contentHash } : {}) },
  })
  for (const [face, f] of Object.entries(fonts)) doc.registerFont(face, f.path, f.postscriptName)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve())
    doc.on('error', reject)
  })
  for (const page of model.pages) {
    doc.addPage({ size: [mmToPt(model.width), mmToPt(model.height)], margin: 0 })
    for (const box of page.boxes) draw(doc, box)
  }
  doc.end()
  await done
  return new Uint8Array(Buffer.concat(chunks))
}

function draw(doc: PDFKit.PDFDocument, box: Box): void {
  if (box.kind === 'rule') {
    doc.rect(mmToPt(box.x), mmToPt(box.y), mmToPt(box.width), mmToPt(box.thickness)).fill(COLOURS[box.color])
    return
  }
  if (box.kind === 'image') {
    const x = mmToPt(box.cx - box.width / 2)
    const y = mmToPt(box.cy - box.height / 2)
    // a seal picture: vector, its text in the 小标宋 substitute
    if (box.svg) SVGtoPDF(doc, box.svg, x, y, { width: mmToPt(box.width), height: mmToPt(box.height), fontCallback: () => 'xiaobiaosong' })
    else if (box.png) doc.image(Buffer.from(box.png), x, y, { width: mmToPt(box.width), height: mmToPt(box.height) })
    return
  }
  doc.font(box.face).fontSize(box.size).fillColor(COLOURS[box.color])
  // each character on its grid position, so the PDF matches the page model (and the screen) exactly
  let x = box.x
  const y = mmToPt(box.baseline)
  for (const ch of box.text) {
    if (ch.trim()) doc.text(ch, mmToPt(x), y, { lineBreak: false, baseline: 'alphabetic' })
    x += charUnits(ch) * box.advance
  }
}
