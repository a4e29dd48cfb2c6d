// Terms of a searchable text. Chinese (and kana, Hangul) runs give every character and every
// two-character window — so any two-character word is found, whatever a dictionary thinks — plus
// the longer words Intl.Segmenter finds; Latin words and digit runs are terms of their own, split
// where letters meet digits (5G → 5, g, 5g), so mixed 中文/English/数字 text needs no spaces.
// Text goes in already normalised (normalize.ts).

const CJK = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}'
/** one run: CJK characters, or digits, or other letters (with their combining marks) */
const RUN_RE = new RegExp(`([${CJK}]+)|(\\p{N}+)|([[\\p{L}\\p{M}]--[${CJK}]]+)`, 'gv')

/** Segmenter words this long or longer add a term; shorter ones are already characters or windows. */
const MIN_WORD = 3
/** Latin words longer than this are cut: nobody types them, and they would bloat the index. */
const MAX_WORD = 32

export type RunKind = 'cjk' | 'digits' | 'letters'

export interface Run {
  kind: RunKind
  text: string
  start: number
  end: number
}

export function runs(text: string): Run[] {
  const out: Run[] = []
  RUN_RE.lastIndex = 0
  for (let m = RUN_RE.exec(text); m; m = RUN_RE.exec(text)) {
    const kind: RunKind = m[1] ? 'cjk' : m[2] ? 'digits' : 'letters'
    out.push({ kind, text: m[0], start: m.index, end: m.index + m[0].length })
  }
  return out
}

let segmenter: Intl.Segmenter | null | undefined

function words(run: string): string[] {
  if (segmenter === undefined) segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null
  if (!segmenter) return []
  const out: string[] = []
  for (const s of segmenter.segment(run)) if (s.segment.length >= MIN_WORD) out.push(s.segment)
  return out
}

/** Characters and two-character windows of a CJK run (astral characters count as one). */
export function cjkGrams(run: string, emit: (term: string) => void): void {
  const chars = run.length === [...run].length ? null : [...run]
  const n = chars ? chars.length : run.length
  for (let i = 0; i < n; i++) {
    const c = chars ? chars[i]! : run[i]!
    emit(c)
    if (i + 1 < n) emit(c + (chars ? chars[i + 1]! : run[i + 1]!))
  }
}

/**
 * Every term of a normalised text, repeated as often as it occurs (the tokenizer MiniSearch is
 * given in the benchmark, so both index the same terms).
 */
export function tokens(text: string): string[] {
  const out: string[] = []
  forEachTerm(text, (t) => out.push(t))
  return out
}

/** Calls `emit` once per occurrence of each term of a normalised text. */
export function forEachTerm(text: string, emit: (term: string) => void): void {
  const all = runs(text)
  for (let r = 0; r < all.length; r++) {
    const run = all[r]!
    if (run.kind === 'cjk') {
      cjkGrams(run.text, emit)
      if (run.text.length >= MIN_WORD) for (const w of words(run.text)) emit(w)
      continue
    }
    emit(run.text.slice(0, MAX_WORD))
    // letters and digits written together (ipv6, 5g, sm2) are also one term
    let end = r
    while (end + 1 < all.length && all[end + 1]!.kind !== 'cjk' && all[end + 1]!.start === all[end]!.end) end++
    if (end > r && (r === 0 || all[r - 1]!.kind === 'cjk' || all[r - 1]!.end !== run.start)) {
      emit(text.slice(run.start, all[end]!.end).slice(0, MAX_WORD))
    }
  }
}

/** What a query asks for: every group must match (a group is one term, or a prefix). */
export interface QueryPlan {
  /** terms a document must hold; `prefix` accepts any term starting with it */
  required: { term: string; prefix: boolean }[]
  /** longer words that raise a document that holds them as words */
  bonus: string[]
  /** the strings to mark in a result */
  marks: string[]
}

/**
 * A normalised query as terms. The last Latin word is a prefix while the user is still typing it
 * (no space after it yet), so 'gov' finds 'government'.
 */
export function planQuery(query: string): QueryPlan {
  const required = new Map<string, boolean>()
  const bonus = new Set<string>()
  const marks = new Set<string>()
  const all = runs(query)
  const typing = all.length > 0 && all[all.length - 1]!.end === query.length
  all.forEach((run, r) => {
    if (run.kind === 'cjk') {
      const chars = [...run.text]
      if (chars.length === 1) required.set(run.text, false)
      else for (let i = 0; i + 1 < chars.length; i++) required.set(chars[i]! + chars[i + 1]!, false)
      if (run.text.length >= MIN_WORD) for (const w of words(run.text)) bonus.add(w)
      marks.add(run.text)
      return
    }
    const last = r === all.length - 1
    const term = run.text.slice(0, MAX_WORD)
    const prefix = last && typing && run.kind === 'letters'
    required.set(term, required.has(term) ? required.get(term)! && prefix : prefix)
    marks.add(term)
  })
  // a word's parts are required above; written together (5g), the whole raises and is marked whole
  for (const m of tokensOfMixed(all, query)) {
    marks.add(m)
    bonus.add(m)
  }
  return { required: [...required].map(([term, prefix]) => ({ term, prefix })), bonus: [...bonus], marks: [...marks] }
}

function tokensOfMixed(all: Run[], text: string): string[] {
  const out: string[] = []
  for (let r = 0; r < all.length; r++) {
    if (all[r]!.kind === 'cjk') continue
    let end = r
    while (end + 1 < all.length && all[end + 1]!.kind !== 'cjk' && all[end + 1]!.start === all[end]!.end) end++
    if (end > r) out.push(text.slice(all[r]!.start, all[end]!.end))
    r = end
  }
  return out
}
