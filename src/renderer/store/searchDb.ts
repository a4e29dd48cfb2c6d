// Where the search worker keeps the full-text index (src/core/search): its own IndexedDB database
// per user, opened only inside the worker — the serialised index with what each room gave it, and
// the text of every indexed item for the excerpts shown with results. It is a cache of what the
// rooms in the user's store hold: losing it costs a rebuild, never data.
import { Dexie, type EntityTable } from 'dexie'

export interface SearchSnapshotRow {
  key: 'index'
  /** SearchIndex.serialize() */
  bytes: Uint8Array
  /** room → [fingerprint of the room's state when indexed, ids of the items it gave] */
  sources: Record<string, [string, string[]]>
  /** rooms the server refused: kept out of the index until they sync again */
  refused: string[]
  savedAt: string
}

export interface SearchTextRow {
  id: string
  title: string
  body: string
  extra: string
}

export type SearchDb = Dexie & {
  snapshot: EntityTable<SearchSnapshotRow, 'key'>
  texts: EntityTable<SearchTextRow, 'id'>
}

export function openSearchDb(userId: string): SearchDb {
  const db = new Dexie(`zhengtong-search-${userId}`) as SearchDb
  db.version(1).stores({ snapshot: 'key', texts: 'id' })
  return db
}
