// Where a query matched, as offsets into the original text (not the folded one), so the screen
// marks 數字政府 in a traditional text searched as 数字政府; and a short excerpt around the first match.
import { normalizeForSearch, normalizeWithOffsets } from './normalize'
import { planQuery } from './tokenize'

export type Range = [start: number, end: number]

const LETTER = /[\p{L}\p{M}]/u
const DIGIT = /\p{N}/u
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u

/** The stretches of `text` that match `query`, sorted, merged where they touch. */
export function matchRanges(text: string, query: string): Range[] {
  const plan = planQuery(normalizeForSearch(query))
  if (!plan.marks.length || !text) return []
  const norm = normalizeWithOffsets(text)
  const folded = norm.text
  // a Chinese run of the query is marked whole where the text has it whole (数字政府, not the 政府
  // of every 人民政府), else by its characters and pairs — what made the document match
  const marks = new Set<string>()
  for (const mark of [...plan.marks, ...plan.required.map((r) => r.term)]) {
    if (CJK.test(mark[0] ?? '') && [...mark].length > 2 && !folded.includes(mark)) {
      const chars = [...mark]
      for (let i = 0; i + 1 < chars.length; i++) marks.add(chars[i]! + chars[i + 1]!)
    } else if (!CJK.test(mark[0] ?? '') || plan.marks.includes(mark)) marks.add(mark)
  }
  const found: Range[] = []
  for (const mark of marks) {
    if (!mark) continue
    const cjk = CJK.test(mark[0]!)
    const same = DIGIT.test(mark[0]!) ? DIGIT : LETTER
    for (let at = folded.indexOf(mark); at >= 0; at = folded.indexOf(mark, at + 1)) {
      // a Latin word or number matches from its start (gov in government, not in ungoverned)
      if (!cjk && at > 0 && same.test(folded[at - 1]!) && !CJK.test(folded[at - 1]!)) continue
      found.push([at, at + mark.length])
    }
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: Range[] = []
  for (const r of found) {
    const last = merged[merged.length - 1]
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
    else merged.push([r[0], r[1]])
  }
  return merged.map(([a, b]) => [norm.origin[a]!, originalEnd(norm.origin, b)])
}

/** The original end of a folded range ending before unit `b` (one original character may fold to several). */
function originalEnd(origin: Int32Array, b: number): number {
  const last = origin[b - 1]!
  for (let k = b; k < origin.length; k++) if (origin[k]! > last) return origin[k]!
  return origin[origin.length - 1]!
}

export interface Excerpt {
  text: string
  /** matches within `text` */
  ranges: Range[]
}

/** About `width` characters of `text` around its first match (its start if none), with the matches. */
export function excerpt(text: string, query: string, width = 90): Excerpt {
  const flat = text.replace(/\s+/g, ' ').trim()
  const ranges = matchRanges(flat, query)
  const first = ranges[0]?.[0] ?? 0
  let start = Math.max(0, first - Math.floor(width / 4))
  // do not cut a surrogate pair
  if (start > 0 && /[\udc00-\udfff]/.test(flat[start]!)) start--
  let end = Math.min(flat.length, start + width)
  if (end < flat.length && /[\udc00-\udfff]/.test(flat[end]!)) end++
  const lead = start > 0 ? '…' : ''
  const tail = end < flat.length ? '…' : ''
  const shift = lead.length - start
  return {
    text: lead + flat.slice(start, end) + tail,
    ranges: ranges.filter(([a, b]) => a < end && b > start).map(([a, b]) => [Math.max(a, start) + shift, Math.min(b, end) + shift]),
  }
}
