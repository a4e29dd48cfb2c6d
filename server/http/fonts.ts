// The fonts this server writes PDFs with, for the browser build (issue 15): GET /app/fonts/ names
// the font found for each GB/T 9704 face (src/pdf/fonts.ts), GET /app/fonts/<face> sends its file,
// so the page view draws and the page's PDF writer embeds the same faces the server's PDFs use.
// Public, like the app's own files: the fonts are free or already the machine's, never secret.
import { createReadStream, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname } from 'node:path'
import { FONT_FACES, type FontFace } from '../../src/core/layout'
import { faceChoice, findFonts, MissingFontError, type FontFile } from '../../src/pdf/fonts'
import { sendJson } from './respond'

export const FONTS_PATH = '/app/fonts/'

const TYPES: Record<string, string> = { '.otf': 'font/otf', '.ttf': 'font/ttf', '.ttc': 'font/collection' }

/** A version of the file in its URL, so caches (the service worker's too) never keep an old font. */
function version(path: string): string {
  const st = statSync(path)
  return `${st.size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}`
}

export function serveFonts(path: string, res: ServerResponse, env: Record<string, string | undefined> = process.env): void {
  let fonts: Record<FontFace, FontFile>
  try {
    // looked up per request: fonts installed while the server runs are used without a restart
    fonts = findFonts(env)
  } catch (err) {
    if (!(err instanceof MissingFontError)) throw err
    sendJson(res, 503, { error: 'fonts_missing', message: err.message })
    return
  }
  const rest = path.slice(FONTS_PATH.length)
  if (rest === '') {
    const choice = faceChoice(fonts)
    const faces = Object.fromEntries(FONT_FACES.map((f) => [f, { ...choice[f], url: `${FONTS_PATH}${f}?v=${version(fonts[f].path)}` }]))
    sendJson(res, 200, { faces })
    return
  }
  const face = FONT_FACES.find((f) => f === rest)
  if (!face) {
    sendJson(res, 404, { error: 'not_found' })
    return
  }
  const file = fonts[face].path
  res.writeHead(200, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'cache-control': 'public, max-age=86400',
    'x-content-type-options': 'nosniff',
  })
  createReadStream(file).on('error', () => res.destroy()).pipe(res)
}
