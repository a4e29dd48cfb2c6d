// What text becomes before it is cut into terms: NFKC (full-width letters and digits, compatibility
// ideographs, circled numbers), lower case, and traditional folded to simplified (../text), so the
// index and the query meet in one form. The variant with offsets maps every folded UTF-16 unit
// back to the original text, for highlighting.
import { FOLD_TABLE, foldScript } from '../text/foldScript'

/** The searchable form of `text`. */
export function normalizeForSearch(text: string): string {
  return foldScript(text.normalize('NFKC').toLowerCase())
}

export interface NormalizedText {
  text: string
  /** origin[i]: where folded unit i came from in the original; origin[text.length] = its length */
  origin: Int32Array
}

const isMark = (cp: number): boolean => MARK.test(String.fromCodePoint(cp))
const MARK = /^\p{M}$/u

/**
 * The searchable form with offsets into the original. A character whose NFKC form and lower case
 * are itself (ASCII letters aside, which only change case) skips the normaliser: CJK ideographs
 * are stable, and calling `normalize` per character would make highlighting slow.
 */
export function normalizeWithOffsets(text: string): NormalizedText {
  const out: string[] = []
  const origin: number[] = []
  let i = 0
  while (i < text.length) {
    const cp = text.codePointAt(i)!
    const width = cp > 0xffff ? 2 : 1
    const next = i + width < text.length ? text.codePointAt(i + width)! : 0
    // a combining mark after it (e + ́) is composed with it by the slow path below
    const marked = next >= 0x300 && isMark(next)
    if (cp < 0x80 && !marked) {
      out.push(cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : text[i]!)
      origin.push(i)
      i += 1
      continue
    }
    if (!marked && ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf))) {
      const ch = text[i]!
      out.push(FOLD_TABLE.get(ch) ?? ch)
      origin.push(i)
      i += 1
      continue
    }
    // a character with the combining marks that follow it, normalised together
    let end = i + width
    while (end < text.length) {
      const next = text.codePointAt(end)!
      if (!isMark(next)) break
      end += next > 0xffff ? 2 : 1
    }
    const folded = foldScript(text.slice(i, end).normalize('NFKC').toLowerCase())
    for (let k = 0; k < folded.length; k++) {
      out.push(folded[k]!)
      origin.push(i)
    }
    i = end
  }
  origin.push(text.length)
  return { text: out.join(''), origin: Int32Array.from(origin) }
}
