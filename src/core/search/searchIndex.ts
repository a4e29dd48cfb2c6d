// The inverted index: term → postings (document, weighted term frequency), ranked by BM25 with the
// title counted three times. Postings are varint bytes (about two bytes a posting, the bulk of the
// memory), appended as documents arrive: a document's ordinal only grows, so every list stays
// sorted and adding is an append. Removing marks the ordinal dead; searches skip dead postings and
// count document frequencies from the live ones, so results and scores never see a removed
// document, and a compaction drops dead postings once they are a quarter of all.
import { CLEARANCE_LEVELS, type Clearance } from '../directory/model'
import { ByteReader, ByteWriter } from './bytes'
import { SEARCH_KINDS, type SearchDoc, type SearchFilters, type SearchHit, type SearchKind, type SearchResult } from './model'
import { normalizeForSearch } from './normalize'
import { forEachTerm, planQuery } from './tokenize'

const TITLE_WEIGHT = 3
const K1 = 1.2
const B = 0.75
/** a Segmenter word of the query found as a word in a document raises it by this share of a term */
const BONUS_WEIGHT = 0.5
/** at most this many terms stand for a prefix the user is still typing */
const MAX_PREFIX_TERMS = 64
const MAGIC = [0x5a, 0x54, 0x53, 0x01] // "ZTS" v1

interface Postings {
  buf: Uint8Array
  len: number
  /** postings written, dead ones included */
  count: number
  /** the last ordinal written */
  last: number
}

interface Group {
  ords: number[]
  tfs: number[]
}

const dayOf = (date: string): number => {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(date)
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 : -1
}
const dateOf = (day: number): string => (day < 0 ? '' : new Date(day * 86_400_000).toISOString().slice(0, 10))
const isCjkStart = (term: string): boolean => /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u.test(term)

function append(p: Postings, delta: number, tf: number): void {
  if (p.len + 10 > p.buf.length) {
    const next = new Uint8Array(Math.max(8, p.buf.length * 2, p.len + 10))
    next.set(p.buf.subarray(0, p.len))
    p.buf = next
  }
  for (let n = delta; ; n = Math.floor(n / 128)) {
    if (n < 0x80) {
      p.buf[p.len++] = n
      break
    }
    p.buf[p.len++] = (n & 0x7f) | 0x80
  }
  for (let n = tf; ; n = Math.floor(n / 128)) {
    if (n < 0x80) {
      p.buf[p.len++] = n
      break
    }
    p.buf[p.len++] = (n & 0x7f) | 0x80
  }
}

/** Calls `each(ordinal, tf)` for every posting, dead ones included. */
function decode(p: Postings, each: (ord: number, tf: number) => void): void {
  const buf = p.buf
  let pos = 0
  let ord = -1
  while (pos < p.len) {
    let delta = 0
    let mul = 1
    let b: number
    do {
      b = buf[pos++]!
      delta += (b & 0x7f) * mul
      mul *= 128
    } while (b >= 0x80)
    let tf = 0
    mul = 1
    do {
      b = buf[pos++]!
      tf += (b & 0x7f) * mul
      mul *= 128
    } while (b >= 0x80)
    ord += delta
    each(ord, tf)
  }
}

export class SearchIndex {
  private terms = new Map<string, Postings>()
  /** terms that do not start with a CJK character, sorted, for prefixes; null when stale */
  private latinTerms: string[] | null = null
  // per ordinal
  private ids: (string | undefined)[] = []
  private kinds: number[] = []
  private days: number[] = []
  private levels: number[] = []
  private lengths: number[] = []
  private termCounts: number[] = []
  private fingerprints: (string | undefined)[] = []
  private readonly ordinalOf = new Map<string, number>()
  private totalLength = 0
  private postingCount = 0
  private deadPostings = 0

  /** how many documents the index holds */
  get size(): number {
    return this.ordinalOf.size
  }

  has(id: string): boolean {
    return this.ordinalOf.has(id)
  }

  /** What the caller said it indexed for `id` (its `fingerprint`), or undefined. */
  fingerprint(id: string): string | undefined {
    const ord = this.ordinalOf.get(id)
    return ord === undefined ? undefined : this.fingerprints[ord]
  }

  /** Every document id held, oldest addition first. */
  docIds(): string[] {
    return [...this.ordinalOf.keys()]
  }

  stats(): { docs: number; terms: number; postings: number; postingBytes: number } {
    let postingBytes = 0
    for (const p of this.terms.values()) postingBytes += p.len
    return { docs: this.size, terms: this.terms.size, postings: this.postingCount - this.deadPostings, postingBytes }
  }

  /** Adds a document, or replaces the one with its id. */
  add(doc: SearchDoc): void {
    if (this.ordinalOf.has(doc.id)) this.remove(doc.id)
    const tf = new Map<string, number>()
    const count = (text: string, weight: number): void => {
      if (text) forEachTerm(normalizeForSearch(text), (t) => tf.set(t, (tf.get(t) ?? 0) + weight))
    }
    count(doc.title, TITLE_WEIGHT)
    count(doc.body, 1)
    count(doc.extra, 1)
    const ord = this.ids.length
    let length = 0
    for (const [term, n] of tf) {
      length += n
      let p = this.terms.get(term)
      if (!p) {
        p = { buf: new Uint8Array(8), len: 0, count: 0, last: -1 }
        this.terms.set(term, p)
        if (!isCjkStart(term)) this.latinTerms = null
      }
      append(p, ord - p.last, n)
      p.last = ord
      p.count++
    }
    this.ids.push(doc.id)
    this.kinds.push(SEARCH_KINDS.indexOf(doc.kind))
    this.days.push(dayOf(doc.date))
    this.levels.push(Math.max(0, CLEARANCE_LEVELS.indexOf(doc.classification)))
    this.lengths.push(length)
    this.termCounts.push(tf.size)
    this.fingerprints.push(doc.fingerprint)
    this.ordinalOf.set(doc.id, ord)
    this.totalLength += length
    this.postingCount += tf.size
  }

  /** Removes a document; false if the index does not hold it. */
  remove(id: string): boolean {
    const ord = this.ordinalOf.get(id)
    if (ord === undefined) return false
    this.ordinalOf.delete(id)
    this.ids[ord] = undefined
    this.fingerprints[ord] = undefined
    this.totalLength -= this.lengths[ord]!
    this.deadPostings += this.termCounts[ord]!
    if (this.deadPostings > 10_000 && this.deadPostings * 4 > this.postingCount) this.compact()
    return true
  }

  /** Drops dead postings and terms, and numbers the documents 0… again. */
  compact(): void {
    const remap = new Int32Array(this.ids.length).fill(-1)
    let next = 0
    this.ids.forEach((id, ord) => {
      if (id !== undefined) remap[ord] = next++
    })
    const terms = new Map<string, Postings>()
    for (const [term, p] of this.terms) {
      const q: Postings = { buf: new Uint8Array(Math.max(8, p.len)), len: 0, count: 0, last: -1 }
      decode(p, (ord, tf) => {
        const to = remap[ord]!
        if (to < 0) return
        append(q, to - q.last, tf)
        q.last = to
        q.count++
      })
      if (q.count) terms.set(term, q)
    }
    const keep = <T>(arr: T[]): T[] => arr.filter((_, ord) => remap[ord]! >= 0)
    this.kinds = keep(this.kinds)
    this.days = keep(this.days)
    this.levels = keep(this.levels)
    this.lengths = keep(this.lengths)
    this.termCounts = keep(this.termCounts)
    this.fingerprints = keep(this.fingerprints)
    this.ids = keep(this.ids)
    this.ordinalOf.clear()
    this.ids.forEach((id, ord) => this.ordinalOf.set(id!, ord))
    this.terms = terms
    this.latinTerms = null
    this.postingCount -= this.deadPostings
    this.deadPostings = 0
  }

  /** The live postings of one term, or of every term starting with it. */
  private group(term: string, prefix: boolean): Group {
    const names = prefix ? this.withPrefix(term) : this.terms.has(term) ? [term] : []
    if (names.length === 1) {
      const ords: number[] = []
      const tfs: number[] = []
      decode(this.terms.get(names[0]!)!, (ord, tf) => {
        if (this.ids[ord] === undefined) return
        ords.push(ord)
        tfs.push(tf)
      })
      return { ords, tfs }
    }
    const merged = new Map<number, number>()
    for (const name of names) {
      decode(this.terms.get(name)!, (ord, tf) => {
        if (this.ids[ord] !== undefined) merged.set(ord, (merged.get(ord) ?? 0) + tf)
      })
    }
    const ords = [...merged.keys()].sort((a, b) => a - b)
    return { ords, tfs: ords.map((o) => merged.get(o)!) }
  }

  private withPrefix(prefix: string): string[] {
    if (!this.latinTerms) this.latinTerms = [...this.terms.keys()].filter((t) => !isCjkStart(t)).sort()
    const all = this.latinTerms
    let lo = 0
    let hi = all.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (all[mid]! < prefix) lo = mid + 1
      else hi = mid
    }
    const out: string[] = []
    for (let i = lo; i < all.length && out.length < MAX_PREFIX_TERMS && all[i]!.startsWith(prefix); i++) out.push(all[i]!)
    return out
  }

  /** Documents holding every term of the query that pass the filters, best first. */
  search(query: string, options: { filters?: SearchFilters; limit?: number } = {}): SearchResult {
    const plan = planQuery(normalizeForSearch(query))
    if (!plan.required.length || !this.size) return { total: 0, hits: [] }
    const groups = plan.required.map((r) => this.group(r.term, r.prefix))
    if (groups.some((g) => g.ords.length === 0)) return { total: 0, hits: [] }
    groups.sort((a, b) => a.ords.length - b.ords.length)

    const n = this.size
    const avg = this.totalLength / n
    const weight = (df: number): ((tf: number, ord: number) => number) => {
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5))
      return (tf, ord) => (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.lengths[ord]!) / avg))
    }
    const pass = this.filter(options.filters)
    const first = groups[0]!
    const w0 = weight(first.ords.length)
    let cands: number[] = []
    let scores: number[] = []
    first.ords.forEach((ord, i) => {
      if (!pass(ord)) return
      cands.push(ord)
      scores.push(w0(first.tfs[i]!, ord))
    })
    for (const g of groups.slice(1)) {
      if (!cands.length) break
      const w = weight(g.ords.length)
      const nextCands: number[] = []
      const nextScores: number[] = []
      let j = 0
      for (let i = 0; i < cands.length; i++) {
        const ord = cands[i]!
        while (j < g.ords.length && g.ords[j]! < ord) j++
        if (j < g.ords.length && g.ords[j] === ord) {
          nextCands.push(ord)
          nextScores.push(scores[i]! + w(g.tfs[j]!, ord))
        }
      }
      cands = nextCands
      scores = nextScores
    }
    for (const word of plan.bonus) {
      if (!this.terms.has(word) || !cands.length) continue
      const g = this.group(word, false)
      const w = weight(g.ords.length)
      const at = new Map(g.ords.map((o, i) => [o, g.tfs[i]!]))
      cands.forEach((ord, i) => {
        const tf = at.get(ord)
        if (tf !== undefined) scores[i]! += BONUS_WEIGHT * w(tf, ord)
      })
    }
    const order = cands.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || this.days[cands[b]!]! - this.days[cands[a]!]! || cands[b]! - cands[a]!)
    const hits: SearchHit[] = order.slice(0, options.limit ?? 50).map((i) => {
      const ord = cands[i]!
      return { id: this.ids[ord]!, kind: SEARCH_KINDS[this.kinds[ord]!] as SearchKind, score: scores[i]!, date: dateOf(this.days[ord]!), classification: CLEARANCE_LEVELS[this.levels[ord]!] as Clearance }
    })
    return { total: cands.length, hits }
  }

  private filter(f: SearchFilters | undefined): (ord: number) => boolean {
    if (!f) return () => true
    const kinds = f.kinds?.length ? new Set(f.kinds.map((k) => SEARCH_KINDS.indexOf(k))) : null
    const levels = f.classifications?.length ? new Set(f.classifications.map((c) => CLEARANCE_LEVELS.indexOf(c))) : null
    const from = f.from ? dayOf(f.from) : -Infinity
    const to = f.to ? dayOf(f.to) : Infinity
    const dated = !!(f.from || f.to)
    return (ord) => {
      if (kinds && !kinds.has(this.kinds[ord]!)) return false
      if (levels && !levels.has(this.levels[ord]!)) return false
      if (dated) {
        const d = this.days[ord]!
        if (d < 0 || d < from || d > to) return false
      }
      return true
    }
  }

  /**
   * The index as bytes, for IndexedDB: documents in order, then terms sorted, each with its
   * postings as they are held. The same documents added in the same order give the same bytes.
   */
  serialize(): Uint8Array {
    if (this.deadPostings || this.ids.length !== this.size) this.compact()
    const w = new ByteWriter(1 << 16)
    w.bytes(Uint8Array.from(MAGIC))
    w.uint(this.ids.length)
    this.ids.forEach((id, ord) => {
      w.string(id!)
      w.uint(this.kinds[ord]!)
      w.uint(this.days[ord]! + 1)
      w.uint(this.levels[ord]!)
      w.uint(this.lengths[ord]!)
      w.uint(this.termCounts[ord]!)
      const fp = this.fingerprints[ord]
      w.uint(fp === undefined ? 0 : 1)
      if (fp !== undefined) w.string(fp)
    })
    const names = [...this.terms.keys()].sort()
    w.uint(names.length)
    for (const name of names) {
      const p = this.terms.get(name)!
      w.string(name)
      w.uint(p.count)
      w.uint(p.last)
      w.uint(p.len)
      w.bytes(p.buf.subarray(0, p.len))
    }
    return w.result()
  }

  /** An index from `serialize`'s bytes (which it then owns); throws on anything else. */
  static deserialize(bytes: Uint8Array): SearchIndex {
    const r = new ByteReader(bytes)
    if (!MAGIC.every((b, i) => bytes[i] === b)) throw new Error('not a search index')
    r.pos = MAGIC.length
    const idx = new SearchIndex()
    const docs = r.uint()
    for (let ord = 0; ord < docs; ord++) {
      const id = r.string()
      const kind = r.uint()
      const day = r.uint() - 1
      const level = r.uint()
      const length = r.uint()
      const termCount = r.uint()
      const fp = r.uint() ? r.string() : undefined
      if (kind >= SEARCH_KINDS.length || level >= CLEARANCE_LEVELS.length || idx.ordinalOf.has(id)) throw new Error('search index corrupt')
      idx.ids.push(id)
      idx.kinds.push(kind)
      idx.days.push(day)
      idx.levels.push(level)
      idx.lengths.push(length)
      idx.termCounts.push(termCount)
      idx.fingerprints.push(fp)
      idx.ordinalOf.set(id, ord)
      idx.totalLength += length
      idx.postingCount += termCount
    }
    const terms = r.uint()
    for (let i = 0; i < terms; i++) {
      const name = r.string()
      const count = r.uint()
      const last = r.uint()
      const len = r.uint()
      if (last >= docs) throw new Error('search index corrupt')
      const buf = r.bytes(len)
      idx.terms.set(name, { buf, len, count, last })
    }
    if (r.pos !== bytes.length) throw new Error('search index corrupt')
    return idx
  }
}
