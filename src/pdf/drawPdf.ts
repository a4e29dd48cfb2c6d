// Draws a page model (src/core/layout) into a PDF with embedded, subset CJK fonts and selectable
// text. Deterministic: the same model and fonts give the same bytes (fixed dates, ids from the
// content). No Node API: the desktop's main process, the CLI and the server run it through
// writePdf.ts with fonts found on disk; the browser build runs it in the page with the same font
// files fetched from the server (pdfkit resolves to its browser build there).
import PDFDocument from 'pdfkit'
import SVGtoPDF from 'svg-to-pdfkit'
import { charUnits, mmToPt, type Box, type FontFace, type PageModel } from '../core/layout'
import { concatBytes } from '../core/crypto/bytes'

/** print red (Y80 M80 on white, STANDARDS.md §2) and black */
const COLOURS = { red: '#e60012', black: '#000000' } as const

/** A face's font program: a file path (Node) or its bytes (anywhere). */
export interface FontSource {
  path?: string
  data?: Uint8Array
  /** the face's PostScript name inside a collection (.ttc) */
  postscriptName?: string
}

export interface DrawOptions {
  fonts: Record<FontFace, FontSource>
  /** the PDF's creation date: the document's own date, so output never depends on the clock */
  date?: Date
  author?: string
  /** SM3 (hex) of the canonical content the PDF renders: written into its metadata for 验章 */
  contentHash?: string
}

export async function drawPdf(model: PageModel, opts: DrawOptions): Promise<Uint8Array> {
  const date = opts.date ?? new Date(0)
  const doc = new PDFDocument({
    size: [mmToPt(model.width), mmToPt(model.height)],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    lang: 'zh-CN',
    displayTitle: true,
    // no default Helvetica: every run names its face, and pdfkit's browser build has no standard fonts
    font: null as unknown as string,
    info: { Title: model.title, Author: opts.author ?? '', Producer: '政通', Creator: '政通', CreationDate: date, ModDate: date, ...(opts.contentHash ? { ZtContentHash: opts.contentHash } : {}) },
  })
  for (const [face, f] of Object.entries(opts.fonts)) {
    const src = f.data ?? f.path
    if (src === undefined) continue
    // pdfkit's typings know only Buffer and paths; both builds take a Uint8Array
    doc.registerFont(face, src as string, f.postscriptName)
  }
  const chunks: Uint8Array[] = []
  doc.on('data', (c: Uint8Array) => chunks.push(c))
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
  return concatBytes(...chunks)
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
    else if (box.png) doc.image(box.png as unknown as string, x, y, { width: mmToPt(box.width), height: mmToPt(box.height) })
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
