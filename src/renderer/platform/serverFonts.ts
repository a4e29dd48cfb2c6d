// The browser build's fonts: the ones its server writes PDFs with (GET /app/fonts/, server/http/fonts.ts),
// fetched once per page and kept in memory; the service worker keeps them for offline use.
import { FONT_FACES, type FaceChoice, type FontFace } from '../../core/layout'
import { UI } from '../../core/messages/ui'

interface ServedFace { label: string; fallback: boolean; postscriptName?: string; url: string }

let list: Promise<Record<FontFace, ServedFace>> | undefined
const bytes = new Map<FontFace, Promise<Uint8Array<ArrayBuffer>>>()

/** Remembers a promise while it is pending or kept, forgets it when it fails, so a later ask retries. */
function keep<T>(p: Promise<T>, forget: () => void): Promise<T> {
  p.catch(forget)
  return p
}

/** fetch, with a failure the user can read: no network, or the server's own reason */
async function get(url: string): Promise<Response> {
  let res: Response
  try {
    res = await fetch(url)
  } catch {
    throw new Error(UI.page.fontsUnavailable)
  }
  if (res.ok) return res
  const body = (await res.json().catch(() => null)) as { message?: string } | null
  throw new Error(body?.message ?? UI.page.fontsUnavailable)
}

async function fetchList(server: string): Promise<Record<FontFace, ServedFace>> {
  const body = (await (await get(`${server}/app/fonts/`)).json().catch(() => null)) as { faces?: Record<FontFace, ServedFace> } | null
  if (!body?.faces || FONT_FACES.some((f) => !body.faces![f])) throw new Error(UI.page.fontsUnavailable)
  return body.faces
}

function served(server: string): Promise<Record<FontFace, ServedFace>> {
  list ??= keep(fetchList(server), () => (list = undefined))
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
      const res = await get(server + (await served(server))[face].url)
      return new Uint8Array(await res.arrayBuffer())
    })(), () => bytes.delete(face))
    bytes.set(face, p)
  }
  return p
}
