// The browser build's PDF: the same writer the desktop and the server run (src/pdf/drawPdf.ts),
// here in the page, with the font files the server writes its own PDFs with. pdfkit is loaded
// only when a PDF is asked for.
import type { BridgeArg } from '../../core/bridge/contract'
import { FONT_FACES, type FontFace, type PageModel } from '../../core/layout'
import type { FontSource } from '../../pdf/drawPdf'
import { serverFaceChoice, serverFontData } from './serverFonts'

export async function browserPdf(server: string, req: BridgeArg<'pdf.save'>): Promise<Uint8Array> {
  const [{ drawPdf }, choice] = await Promise.all([import('../../pdf/drawPdf'), serverFaceChoice(server)])
  const fonts = {} as Record<FontFace, FontSource>
  await Promise.all(FONT_FACES.map(async (f) => {
    const postscriptName = choice[f].postscriptName
    fonts[f] = { data: await serverFontData(server, f), ...(postscriptName ? { postscriptName } : {}) }
  }))
  return drawPdf(req.model as PageModel, { fonts, date: new Date(req.date), ...(req.contentHash ? { contentHash: req.contentHash } : {}) })
}
