// The messages between the page and the search worker: every request carries an id, and the
// worker answers each once, in the order they came (so a search sees every change sent before it).
import type { Excerpt, SearchDoc, SearchFilters, SearchHit } from '../../../core/search'

export type SearchRequest =
  | { op: 'open'; userId: string }
  /** a room's items as they stand now: the ones it no longer gives leave the index */
  | { op: 'put'; source: string; fingerprint: string; docs: SearchDoc[] }
  /** a room left the store, or the server refused it (kept out until it syncs again) */
  | { op: 'drop'; source: string; refused: boolean }
  | { op: 'allow'; source: string }
  /** the rooms the store holds: every other room's items leave the index */
  | { op: 'retain'; sources: string[] }
  | { op: 'search'; query: string; filters?: SearchFilters; limit?: number }

export interface OpenAnswer {
  /** room → the fingerprint it was indexed at */
  sources: Record<string, string>
  refused: string[]
  docs: number
}

export interface FoundItem extends SearchHit {
  /** the title with its matches */
  title: Excerpt
  /** a stretch of the body (or of the rest) around the first match */
  excerpt: Excerpt | null
}

export interface Found {
  query: string
  total: number
  items: FoundItem[]
  /** how many items the index holds */
  indexed: number
}

export type WorkerMessage = { id: number; request: SearchRequest }
export type WorkerAnswer = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }
