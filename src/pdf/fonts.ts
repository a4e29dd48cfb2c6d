// Open substitutes for the proprietary 公文 faces (STANDARDS.md §2), found on this machine:
// 小标宋 → Noto Serif CJK Bold, 仿宋/楷体/宋体 → Noto Serif CJK, 黑体 → Noto Sans CJK.
// ZT_FONT_DIR points at a folder holding the same files, for machines that keep them elsewhere.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { FontFace } from '../core/layout'

export interface FontFile {
  path: string
  /** the face's PostScript name inside a collection (.ttc) */
  postscriptName?: string
}

const FILES: Record<FontFace, { file: string; name: string }> = {
  xiaobiaosong: { file: 'NotoSerifCJK-Bold.ttc', name: 'NotoSerifCJKsc-Bold' },
  fangsong: { file: 'NotoSerifCJK-Regular.ttc', name: 'NotoSerifCJKsc-Regular' },
  kaiti: { file: 'NotoSerifCJK-Regular.ttc', name: 'NotoSerifCJKsc-Regular' },
  songti: { file: 'NotoSerifCJK-Regular.ttc', name: 'NotoSerifCJKsc-Regular' },
  heiti: { file: 'NotoSansCJK-Regular.ttc', name: 'NotoSansCJKsc-Regular' },
}

const SYSTEM_DIRS = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/google-noto-cjk',
  '/Library/Fonts',
  '/System/Library/Fonts',
  'C:\\Windows\\Fonts',
]

export class MissingFontError extends Error {
  constructor(readonly file: string) {
    super(`找不到公文字体 ${file}：请安装 Noto CJK 字体（Debian：fonts-noto-cjk），或用 ZT_FONT_DIR 指定字体目录`)
  }
}

export function findFonts(env: Record<string, string | undefined> = process.env): Record<FontFace, FontFile> {
  const dirs = [env.ZT_FONT_DIR, ...SYSTEM_DIRS].filter((d): d is string => !!d)
  const out = {} as Record<FontFace, FontFile>
  for (const [face, { file, name }] of Object.entries(FILES) as [FontFace, { file: string; name: string }][]) {
    const dir = dirs.find((d) => existsSync(join(d, file)))
    if (!dir) throw new MissingFontError(file)
    out[face] = { path: join(dir, file), postscriptName: name }
  }
  return out
}
