// The GB/T 9704 faces (仿宋 body, 小标宋 title, 黑体 / 楷体 levels, STANDARDS.md §2) and the font
// files that stand for each, best first: the agency's own licensed faces where a machine has
// them (Windows' 中易 faces, 方正小标宋), then the free Fandol faces (GPL with the font exception,
// so a PDF may embed them; Debian ships them in texlive-lang-chinese, CI installs only the .otf
// files), then Noto CJK — a fallback that does not look like the prescribed face, named as such.
// The PDF writer and the page view take the same file for a face, so screen and print agree.
import type { FontFace } from './page'

export interface FaceFile {
  file: string
  /** the face's PostScript name inside a collection (.ttc) */
  postscriptName?: string
  /** what the UI calls this font */
  label: string
  /** a stand-in that does not look like the prescribed face */
  fallback?: boolean
}

/** What GB/T 9704 calls each face. */
export const FACE_NAMES: Record<FontFace, string> = { xiaobiaosong: '小标宋', fangsong: '仿宋', kaiti: '楷体', heiti: '黑体', songti: '宋体' }

export const FONT_FACES = Object.keys(FACE_NAMES) as FontFace[]

const NOTO_SERIF = { file: 'NotoSerifCJK-Regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular', label: 'Noto Serif CJK SC', fallback: true }

export const FACE_FILES: Record<FontFace, readonly FaceFile[]> = {
  xiaobiaosong: [
    { file: 'FZXBSJW.TTF', label: '方正小标宋简体' },
    { file: 'FandolSong-Bold.otf', label: 'Fandol 宋体 粗' },
    { file: 'NotoSerifCJK-Bold.ttc', postscriptName: 'NotoSerifCJKsc-Bold', label: 'Noto Serif CJK SC Bold', fallback: true },
  ],
  fangsong: [
    { file: 'simfang.ttf', label: '仿宋' },
    { file: 'FandolFang-Regular.otf', label: 'Fandol 仿宋' },
    NOTO_SERIF,
  ],
  kaiti: [
    { file: 'simkai.ttf', label: '楷体' },
    { file: 'FandolKai-Regular.otf', label: 'Fandol 楷体' },
    NOTO_SERIF,
  ],
  heiti: [
    { file: 'simhei.ttf', label: '黑体' },
    { file: 'FandolHei-Regular.otf', label: 'Fandol 黑体' },
    { file: 'NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular', label: 'Noto Sans CJK SC', fallback: true },
  ],
  songti: [
    { file: 'simsun.ttc', postscriptName: 'SimSun', label: '宋体' },
    { file: 'FandolSong-Regular.otf', label: 'Fandol 宋体' },
    NOTO_SERIF,
  ],
}

/** The font found for each face, as a host reports it (the server to the browser build). */
export type FaceChoice = Record<FontFace, { label: string; fallback: boolean; postscriptName?: string }>
