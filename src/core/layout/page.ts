// The page model (GB/T 9704): positioned boxes in millimetres from the page's top-left corner.
// The PDF writer and the on-screen page view both draw exactly these boxes, so they agree.

/** Open substitutes for the de-facto faces (STANDARDS.md §2): the writer maps each to a font file. */
export type FontFace = 'xiaobiaosong' | 'fangsong' | 'kaiti' | 'heiti' | 'songti'

export interface TextBox {
  kind: 'text'
  /** left edge of the first glyph, mm */
  x: number
  /** baseline, mm from the page top */
  baseline: number
  text: string
  face: FontFace
  /** font size, pt */
  size: number
  /** advance of a full-width character, mm (the grid pitch; half-width characters take half) */
  advance: number
  color: 'black' | 'red'
}

/** A filled rectangle: a rule (or a table's cell border), top-left at (x, y). */
export interface RuleBox {
  kind: 'rule'
  x: number
  y: number
  width: number
  /** its height: a horizontal rule's thickness, mm */
  thickness: number
  color: 'black' | 'red'
}

/** A picture (a seal, a handwritten opinion) as SVG markup or PNG bytes, centred on (cx, cy). */
export interface ImageBox {
  kind: 'image'
  cx: number
  cy: number
  width: number
  height: number
  svg?: string
  png?: Uint8Array
}

export type Box = TextBox | RuleBox | ImageBox

export interface Page {
  /** the printed page number ("— 1 —"), if the page carries one */
  number?: number
  boxes: Box[]
}

export interface PageModel {
  width: number
  height: number
  pages: Page[]
  /** document title, for the PDF's metadata */
  title: string
}

export const MM_PER_PT = 25.4 / 72
export const ptToMm = (pt: number): number => pt * MM_PER_PT
export const mmToPt = (mm: number): number => mm / MM_PER_PT
