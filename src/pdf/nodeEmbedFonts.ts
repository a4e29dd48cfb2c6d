// The OFD font embedder where Node runs (server at 用印, CLI): hb-subset's wasm from the harfbuzzjs
// package and the font files findFonts picks for the PDF, each read once when first drawn.
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { FontFace } from '../core/layout'
import type { EmbedFonts } from '../core/ofd/fonts'
import { fontEmbedder } from './embedFonts'
import { findFonts, type FontFile } from './fonts'
import { createSubsetter, type Subsetter } from './subset'

let subsetter: Promise<Subsetter> | undefined

function loadSubsetter(): Promise<Subsetter> {
  subsetter ??= readFile(createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')).then(createSubsetter)
  subsetter.catch(() => (subsetter = undefined))
  return subsetter
}

export async function nodeFontEmbedder(fonts: Record<FontFace, FontFile> = findFonts()): Promise<EmbedFonts> {
  const subset = await loadSubsetter()
  const read = new Map<string, Uint8Array>()
  return fontEmbedder(subset, (face) => {
    const { path, postscriptName } = fonts[face]
    let data = read.get(path)
    if (!data) read.set(path, (data = readFileSync(path)))
    return { data, ...(postscriptName ? { postscriptName } : {}) }
  })
}
