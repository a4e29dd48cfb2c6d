// The de-facto 公文 faces as an OFD names them (STANDARDS.md §2), for each face of the page model.
// A reader without the embedded file finds the same name on its own machine.
import type { FontFace, PageModel } from '../layout/page'

export const OFD_FONT_NAMES: Record<FontFace, string> = {
  xiaobiaosong: '方正小标宋简体',
  fangsong: '仿宋_GB2312',
  kaiti: '楷体_GB2312',
  heiti: '黑体',
  songti: '宋体',
}

export const FACES = Object.keys(OFD_FONT_NAMES) as FontFace[]

export function faceOfFontName(name: string): FontFace | undefined {
  return FACES.find((f) => OFD_FONT_NAMES[f] === name)
}

/**
 * Gives the font program to embed for each face, cut to the characters drawn in it (a subset:
 * the shell does it, src/pdf/embedFonts.ts). Faces it leaves out are named, not embedded.
 */
export type EmbedFonts = (drawn: Partial<Record<FontFace, string>>) => Partial<Record<FontFace, Uint8Array>>

/** The characters each face draws in the model, each once, in code point order (whitespace is not drawn). */
export function drawnText(model: PageModel): Partial<Record<FontFace, string>> {
  const sets = new Map<FontFace, Set<number>>()
  for (const page of model.pages) {
    for (const b of page.boxes) {
      if (b.kind !== 'text') continue
      let set = sets.get(b.face)
      for (const ch of b.text) {
        if (!ch.trim()) continue
        if (!set) sets.set(b.face, (set = new Set()))
        set.add(ch.codePointAt(0)!)
      }
    }
  }
  return Object.fromEntries(FACES.filter((f) => sets.has(f)).map((f) => [f, String.fromCodePoint(...[...sets.get(f)!].sort((a, b) => a - b))]))
}
