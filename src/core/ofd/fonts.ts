// The de-facto 公文 faces as an OFD names them (STANDARDS.md §2), for each face of the page model.
// A reader without the embedded file finds the same name on its own machine.
import type { FontFace } from '../layout/page'

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
