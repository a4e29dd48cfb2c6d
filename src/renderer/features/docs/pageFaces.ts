// The faces the page view draws with: the very font files the host writes PDFs with (the desktop's
// disk, the browser build's server), loaded once per page as FontFace objects from their bytes.
// A face the host has only a stand-in for (Noto), or that cannot be loaded, is drawn with the Noto
// families installed here, and the view says so.
import { useEffect, useState } from 'react'
import { FACE_NAMES, FONT_FACES, type FaceChoice, type FontFace } from '../../../core/layout'
import { host } from '../../platform/host'

export interface PageFaces {
  /** the CSS font-family for each face */
  families: Record<FontFace, string>
  /** what stands for each face, as the host writes its PDFs */
  choice?: FaceChoice
  /** why the host's fonts are not on screen */
  error?: string
  loading: boolean
}

const SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", serif'
const SANS = '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
/** what each face falls back to where the host's own font is not loaded */
export const FALLBACK_FAMILIES: Record<FontFace, string> = { xiaobiaosong: SERIF, fangsong: SERIF, kaiti: SERIF, songti: SERIF, heiti: SANS }

const familyOf = (face: FontFace): string => `zt-${face}`

let loading: Promise<PageFaces> | undefined

async function load(): Promise<PageFaces> {
  const { faces, error } = await host['fonts.choice']()
  if (!faces) return { families: FALLBACK_FAMILIES, ...(error ? { error } : {}), loading: false }
  const families = { ...FALLBACK_FAMILIES }
  try {
    await Promise.all(FONT_FACES.filter((f) => !faces[f].fallback).map(async (f) => {
      const font = new FontFace(familyOf(f), (await host['fonts.data']({ face: f })) as Uint8Array<ArrayBuffer>)
      document.fonts.add(await font.load())
      families[f] = `"${familyOf(f)}", ${FALLBACK_FAMILIES[f]}`
    }))
  } catch (err) {
    // drawn in Noto rather than not at all; the next page view asks again
    loading = undefined
    return { families: FALLBACK_FAMILIES, choice: faces, error: err instanceof Error ? err.message : String(err), loading: false }
  }
  return { families, choice: faces, loading: false }
}

const INITIAL: PageFaces = { families: FALLBACK_FAMILIES, loading: true }

export function usePageFaces(): PageFaces {
  const [faces, setFaces] = useState<PageFaces>(INITIAL)
  useEffect(() => {
    let live = true
    loading ??= load()
    void loading.then((f) => live && setFaces(f), (err: unknown) => {
      loading = undefined
      if (live) setFaces({ families: FALLBACK_FAMILIES, error: err instanceof Error ? err.message : String(err), loading: false })
    })
    return () => {
      live = false
    }
  }, [])
  return faces
}

/** 「仿宋：Fandol 仿宋 · 小标宋：…」 for the note under the page view */
export function facesLine(choice: FaceChoice): string {
  return (['fangsong', 'xiaobiaosong', 'heiti', 'kaiti'] as const).map((f) => `${FACE_NAMES[f]}：${choice[f].label}`).join(' · ')
}
