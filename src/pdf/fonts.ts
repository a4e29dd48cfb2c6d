// Finds on this machine the font file for each 公文 face (src/core/layout/typefaces.ts: the
// licensed faces first, then Fandol, then Noto CJK). ZT_FONT_DIR names a folder to look in first.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { FACE_FILES, FACE_NAMES, FONT_FACES, type FaceChoice, type FontFace } from '../core/layout'
import { UI } from '../core/messages/ui'

export interface FontFile {
  path: string
  /** the face's PostScript name inside a collection (.ttc) */
  postscriptName?: string
  label: string
  fallback: boolean
}

const SYSTEM_DIRS = [
  // Fandol as scripts/install-fonts.sh puts it, and as Debian's texlive-lang-chinese does
  '/usr/local/share/fonts/fandol',
  '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol',
  '/usr/share/fonts/opentype/fandol',
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/google-noto-cjk',
  '/usr/share/fonts/truetype/windows',
  '/Library/Fonts',
  '/System/Library/Fonts',
  'C:\\Windows\\Fonts',
]

export class MissingFontError extends Error {
  constructor(readonly face: FontFace) {
    super(UI.page.fontMissing(FACE_NAMES[face]))
  }
}

export function findFonts(env: Record<string, string | undefined> = process.env): Record<FontFace, FontFile> {
  const dirs = [env.ZT_FONT_DIR, ...SYSTEM_DIRS].filter((d): d is string => !!d)
  const out = {} as Record<FontFace, FontFile>
  for (const face of FONT_FACES) {
    let found: FontFile | undefined
    for (const f of FACE_FILES[face]) {
      const dir = dirs.find((d) => existsSync(join(d, f.file)))
      if (!dir) continue
      found = { path: join(dir, f.file), ...(f.postscriptName ? { postscriptName: f.postscriptName } : {}), label: f.label, fallback: f.fallback === true }
      break
    }
    if (!found) throw new MissingFontError(face)
    out[face] = found
  }
  return out
}

/** Which font stands for each face here, for the UI to name (and a fallback to flag). */
export function faceChoice(fonts: Record<FontFace, FontFile>): FaceChoice {
  return Object.fromEntries(FONT_FACES.map((f) => {
    const { label, fallback, postscriptName } = fonts[f]
    return [f, { label, fallback, ...(postscriptName ? { postscriptName } : {}) }]
  })) as FaceChoice
}
