// The fonts an OFD embeds (issue 15): for each face it draws, a subset of the very font file the
// PDF is written with, holding only the characters drawn, so a reader without Fandol or 仿宋 shows
// the same faces and the file stays small. No Node API: the page gives the font bytes it has.
import type { FontFace } from '../core/layout'
import type { EmbedFonts } from '../core/ofd/fonts'
import { faceIndex } from './collection'
import type { FontSource } from './drawPdf'
import type { Subsetter } from './subset'

/** `font(face)` gives the face's bytes (and its name inside a collection). */
export function fontEmbedder(subset: Subsetter, font: (face: FontFace) => Required<Pick<FontSource, 'data'>> & FontSource): EmbedFonts {
  return (drawn) => {
    const out: Partial<Record<FontFace, Uint8Array>> = {}
    for (const [face, text] of Object.entries(drawn) as [FontFace, string][]) {
      const { data, postscriptName } = font(face)
      out[face] = subset(data, [...text].map((c) => c.codePointAt(0)!), faceIndex(data, postscriptName))
    }
    return out
  }
}
