// What the search index holds and answers. A document here is anything a user may open and read:
// a 公文, a meeting, a catalogue record. The caller decides what goes in (only what the user may
// read); the index never reaches for anything itself.
import type { Clearance } from '../directory/model'

export const SEARCH_KINDS = ['doc', 'meeting', 'record'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

export interface SearchDoc {
  /** unique across kinds: `doc:<uuid>`, `meeting:<id>`, `record:<档号>` */
  id: string
  kind: SearchKind
  title: string
  /** the body, paragraphs joined by newlines */
  body: string
  /** everything else one may read there: 文号, opinions, attachments' names, place, people */
  extra: string
  /** the agency's day the item is dated, YYYY-MM-DD, or '' */
  date: string
  classification: Clearance
  /** the caller's version of what was indexed (kept and returned as is) */
  fingerprint?: string
}

export interface SearchFilters {
  kinds?: readonly SearchKind[]
  /** first and last day, YYYY-MM-DD, inclusive */
  from?: string
  to?: string
  classifications?: readonly Clearance[]
}

export interface SearchHit {
  id: string
  kind: SearchKind
  score: number
  date: string
  classification: Clearance
}

export interface SearchResult {
  /** every match, before the limit */
  total: number
  hits: SearchHit[]
}
