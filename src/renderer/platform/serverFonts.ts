// The browser build's fonts: the ones its server writes PDFs with (GET /app/fonts/, server/http/fonts.ts),
// fetched once per page and kept in memory; the service worker keeps them for offline use.
import { FONT_FACES, type FaceChoice, type FontFace } from '../../core/layout'
import { UI } from '../../core/messages/ui'
import { ApiClient } from '../../core/api/ApiClient'
import { ApiError } from '../../core/api/ApiError'
import type { ServedFonts } from '../../core/api/http'

type ServedFace = ServedFonts['faces'][FontFace]

let list: Promise<Record<FontFace, ServedFace>> | undefined
const bytes = new Map<FontFace, Promise<Uint8Array<ArrayBuffer>>>()

/** Remembers a promise while it is pending or kept, forgets it when it fails, so a later ask retries. */
function keep<T>(p: Promise<T>, forget: () => void): Promise<T> {
  p.catch(forget)
  return p
}

/** a failure the user can read: no network, or the server's own reason */
async function readable<T>(p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (err) {
    throw new Error(err instanceof ApiError && err.code !== 'network' && err.code !== 'server_error' ? err.message : UI.page.fontsUnavailable, { cause: err })
  }
}

function served(server: string): Promise<Record<FontFace, ServedFace>> {
  list ??= keep(readable(new ApiClient(server).servedFonts()).then((answer) => answer.faces), () => (list = undefined))
  return list
}

export async function serverFaceChoice(server: string): Promise<FaceChoice> {
  const faces = await served(server)
  return Object.fromEntries(FONT_FACES.map((f) => {
    const { label, fallback, postscriptName } = faces[f]
    return [f, { label, fallback, ...(postscriptName ? { postscriptName } : {}) }]
  })) as FaceChoice
}

export function serverFontData(server: string, face: FontFace): Promise<Uint8Array<ArrayBuffer>> {
  let p = bytes.get(face)
  if (!p) {
    p = keep((async () => {
      const file = await readable(new ApiClient(server).fontFile((await served(server))[face].url))
      return new Uint8Array(file)
    })(), () => bytes.delete(face))
    bytes.set(face, p)
  }
  return p
}
