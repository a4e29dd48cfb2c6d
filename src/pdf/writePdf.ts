// The PDF writer where Node runs (desktop main, CLI, server): drawPdf with the fonts found on disk.
import type { FontFace, PageModel } from '../core/layout'
import { drawPdf, type DrawOptions } from './drawPdf'
import { findFonts, type FontFile } from './fonts'

export interface PdfOptions extends Omit<DrawOptions, 'fonts'> {
  fonts?: Record<FontFace, FontFile>
}

export function writePdf(model: PageModel, opts: PdfOptions = {}): Promise<Uint8Array> {
  return drawPdf(model, { ...opts, fonts: opts.fonts ?? findFonts() })
}
