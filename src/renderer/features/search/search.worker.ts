// The search worker: holds the index (src/core/search), keeps it in IndexedDB, answers searches —
// so neither indexing nor searching ever runs on the page's thread. Requests are handled one at a
// time, in order.
import { SearchIndex, excerpt, matchRanges, type SearchDoc, type SearchFilters } from '../../../core/search'
import { openSearchDb, type SearchDb } from '../../store/searchDb'
import type { Found, FoundItem, OpenAnswer, SearchRequest, WorkerAnswer, WorkerMessage } from './protocol'

const SAVE_AFTER_MS = 1500
const SAVE_AT_LEAST_EVERY_MS = 10_000

let db: SearchDb | null = null
let index = new SearchIndex()
/** room → fingerprint and the ids of the items it gave */
let sources = new Map<string, [string, string[]]>()
let refused = new Set<string>()
let saveTimer: ReturnType<typeof setTimeout> | null = null
let dirtySince = 0

async function open(userId: string): Promise<OpenAnswer> {
  db = openSearchDb(userId)
  try {
    const row = await db.snapshot.get('index')
    if (row) {
      index = SearchIndex.deserialize(row.bytes)
      sources = new Map(Object.entries(row.sources))
      refused = new Set(row.refused)
    }
  } catch {
    // an unreadable snapshot is only a cache: start again, the rooms give everything back
    index = new SearchIndex()
    sources = new Map()
    refused = new Set()
  }
  return { sources: Object.fromEntries([...sources].map(([s, [fp]]) => [s, fp])), refused: [...refused], docs: index.size }
}

function changed(): void {
  const now = Date.now()
  if (!dirtySince) dirtySince = now
  if (saveTimer) clearTimeout(saveTimer)
  const wait = Math.max(0, Math.min(SAVE_AFTER_MS, dirtySince + SAVE_AT_LEAST_EVERY_MS - now))
  saveTimer = setTimeout(() => void save(), wait)
}

async function save(): Promise<void> {
  saveTimer = null
  dirtySince = 0
  if (!db) return
  await db.snapshot.put({ key: 'index', bytes: index.serialize(), sources: Object.fromEntries(sources), refused: [...refused], savedAt: new Date().toISOString() })
}

async function removeItems(ids: string[]): Promise<void> {
  for (const id of ids) index.remove(id)
  if (ids.length) await db?.texts.bulkDelete(ids)
}

/** A fingerprint of an item's own fields, so a room's unchanged items are not indexed again. */
function itemPrint(d: SearchDoc): string {
  let h = 0x811c9dc5
  const s = JSON.stringify([d.kind, d.title, d.body, d.extra, d.date, d.classification])
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return `${s.length}:${(h >>> 0).toString(36)}`
}

async function put(source: string, fingerprint: string, docs: SearchDoc[]): Promise<void> {
  if (refused.has(source)) return
  const before = sources.get(source)?.[1] ?? []
  const ids = new Set(docs.map((d) => d.id))
  await removeItems(before.filter((id) => !ids.has(id)))
  const fresh = docs.map((d) => ({ ...d, fingerprint: itemPrint(d) })).filter((d) => index.fingerprint(d.id) !== d.fingerprint)
  for (const d of fresh) index.add(d)
  if (fresh.length) await db?.texts.bulkPut(fresh.map((d) => ({ id: d.id, title: d.title, body: d.body, extra: d.extra })))
  sources.set(source, [fingerprint, [...ids]])
  changed()
}

async function drop(source: string, isRefused: boolean): Promise<void> {
  await removeItems(sources.get(source)?.[1] ?? [])
  sources.delete(source)
  if (isRefused) refused.add(source)
  changed()
}

async function search(query: string, filters: SearchFilters | undefined, limit: number): Promise<Found> {
  const result = index.search(query, { filters, limit })
  const texts = await (db ? db.texts.bulkGet(result.hits.map((h) => h.id)) : Promise.resolve([]))
  const items: FoundItem[] = result.hits.map((hit, i) => {
    const t = texts[i]
    const title = t?.title ?? ''
    const inBody = t && t.body && matchRanges(t.body, query).length ? t.body : ''
    const inExtra = t && !inBody && t.extra && matchRanges(t.extra, query).length ? t.extra : ''
    const source = inBody || inExtra || t?.body || ''
    return { ...hit, title: { text: title, ranges: matchRanges(title, query) }, excerpt: source ? excerpt(source, query) : null }
  })
  return { query, total: result.total, items, indexed: index.size }
}

async function handle(request: SearchRequest): Promise<unknown> {
  switch (request.op) {
    case 'open':
      return open(request.userId)
    case 'put':
      return put(request.source, request.fingerprint, request.docs)
    case 'drop':
      return drop(request.source, request.refused)
    case 'allow':
      refused.delete(request.source)
      changed()
      return null
    case 'retain': {
      const keep = new Set(request.sources)
      for (const source of [...sources.keys()]) if (!keep.has(source)) await drop(source, false)
      for (const source of [...refused]) if (!keep.has(source)) refused.delete(source)
      return null
    }
    case 'search':
      return search(request.query, request.filters, request.limit ?? 50)
  }
}

let queue: Promise<unknown> = Promise.resolve()
self.onmessage = (event: MessageEvent<WorkerMessage>) => {
  const { id, request } = event.data
  queue = queue.then(async () => {
    let answer: WorkerAnswer
    try {
      answer = { id, ok: true, result: await handle(request) }
    } catch (err) {
      answer = { id, ok: false, error: err instanceof Error ? err.message : String(err) }
    }
    self.postMessage(answer)
  })
}
