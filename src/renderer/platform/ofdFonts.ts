// The OFD font embedder in the page (both builds): hb-subset's wasm bundled with the app, and the
// font files the host writes its PDFs with (`fonts.data`: the desktop's disk, the browser build's
// server), so the desk's OFD embeds the same subsets as `zt doc export --ofd`, byte for byte.
import wasmUrl from 'harfbuzzjs/dist/harfbuzz-subset.wasm?url'
import type { FontFace } from '../../core/layout'
import { UI } from '../../core/messages/ui'
import type { EmbedFonts } from '../../core/ofd/fonts'
import { fontEmbedder } from '../../pdf/embedFonts'
import { createSubsetter, type Subsetter } from '../../pdf/subset'
import { host } from './host'

let subsetter: Promise<Subsetter> | undefined

function loadSubsetter(): Promise<Subsetter> {
  subsetter ??= fetch(wasmUrl).then((r) => {
    if (!r.ok) throw new Error(UI.page.fontsUnavailable)
    return r.arrayBuffer()
  }).then(createSubsetter)
  subsetter.catch(() => (subsetter = undefined))
  return subsetter
}

/** An embedder for the given faces (the ones the OFD draws), their font bytes fetched first. */
export async function pageFontEmbedder(faces: FontFace[]): Promise<EmbedFonts> {
  const [choice, subset] = await Promise.all([host['fonts.choice'](), loadSubsetter()])
  if (!choice.faces) throw new Error(choice.error ?? UI.page.fontsUnavailable)
  const named = choice.faces
  const data = new Map(await Promise.all(faces.map(async (f) => [f, await host['fonts.data']({ face: f })] as const)))
  return fontEmbedder(subset, (face) => {
    const bytes = data.get(face)
    if (!bytes) throw new Error(UI.page.fontsUnavailable)
    const postscriptName = named[face].postscriptName
    return { data: bytes, ...(postscriptName ? { postscriptName } : {}) }
  })
}
