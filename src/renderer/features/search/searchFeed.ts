// Feeds the search worker from the rooms the engine holds: each 公文 room, the venues room and
// (for archivists) the archive room, read on this thread into plain items (src/core/search/
// sources.ts) when it loads and after it changes, in short slices so typing never waits. A room
// whose state is what the index last saw is skipped; a room the server refuses leaves the index
// and stays out, across restarts, until it syncs again.
import * as Y from 'yjs'
import type { DirectoryUser } from '../../../core/directory/model'
import type { SearchDoc, SearchFilters } from '../../../core/search'
import { archiveItems, docRoomItem, venueItems } from '../../../core/search/sources'
import { DIRECTORY_ROOM, parseRoomName } from '../../../core/sync/roomName'
import type { RoomObserver, SyncEngine } from '../../sync/SyncEngine'
import type { Found } from './protocol'
import { SearchClient } from './searchClient'

/** after a change, wait this long for the typing to pause before reading the room again */
const CHANGE_DEBOUNCE_MS = 1000
/** read rooms for at most this long at a time, then let the page breathe */
const SLICE_MS = 8

const SOURCE_KINDS = new Set(['doc', 'venues', 'archive'])

function base64(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s)
}

export class SearchFeed implements RoomObserver {
  private readonly client = new SearchClient()
  private readonly docs = new Map<string, Y.Doc>()
  private readonly detach: (() => void)[] = []
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly due = new Set<string>()
  private known = new Map<string, string>()
  private refusedRooms = new Set<string>()
  private pumping = false
  private stopped = false
  private readonly ready: Promise<void>
  private readyDone = false
  private readonly listeners = new Set<() => void>()
  /** bumps whenever the index may answer differently */
  version = 0

  constructor(private readonly engine: SyncEngine) {
    this.ready = this.client.open(engine.session.user.id).then((answer) => {
      this.known = new Map(Object.entries(answer.sources))
      this.refusedRooms = new Set(answer.refused)
      this.readyDone = true
      if (this.stopped) return
      this.detach.push(engine.observeRooms(this))
      // rooms that left the store while we were away leave the index
      void engine.db.rooms.toCollection().primaryKeys().then((rooms) => this.client.retain(rooms.map(String)))
      this.pump()
    })
  }

  search(query: string, filters?: SearchFilters, limit?: number): Promise<Found> {
    return this.ready.then(() => this.client.search(query, filters, limit))
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  stop(): void {
    this.stopped = true
    for (const d of this.detach) d()
    for (const t of this.timers.values()) clearTimeout(t)
    this.client.terminate()
  }

  // ── RoomObserver ──────────────────────────────────────────────────────────────────────────
  opened(room: string, doc: Y.Doc): void {
    if (room === DIRECTORY_ROOM) this.docs.set(room, doc)
    if (!SOURCE_KINDS.has(parseRoomName(room)?.kind ?? '') || this.docs.has(room)) return
    this.docs.set(room, doc)
    const onUpdate = (): void => this.later(room)
    doc.on('update', onUpdate)
    this.detach.push(() => doc.off('update', onUpdate))
    this.due.add(room)
    this.pump()
  }

  refused(room: string): void {
    if (!SOURCE_KINDS.has(parseRoomName(room)?.kind ?? '')) return
    this.refusedRooms.add(room)
    this.known.delete(room)
    this.due.delete(room)
    void this.client.drop(room, true).then(() => this.changed())
  }

  synced(room: string): void {
    if (!this.refusedRooms.delete(room)) return
    void this.client.allow(room)
    this.due.add(room)
    this.pump()
  }

  // ── reading rooms ─────────────────────────────────────────────────────────────────────────
  private later(room: string): void {
    const t = this.timers.get(room)
    if (t) clearTimeout(t)
    this.timers.set(room, setTimeout(() => {
      this.timers.delete(room)
      this.due.add(room)
      this.pump()
    }, CHANGE_DEBOUNCE_MS))
  }

  private pump(): void {
    if (this.pumping || this.stopped || !this.readyDone) return
    this.pumping = true
    setTimeout(() => {
      this.pumping = false
      const start = performance.now()
      for (const room of this.due) {
        if (performance.now() - start > SLICE_MS) break
        this.due.delete(room)
        this.read(room)
      }
      if (this.due.size) this.pump()
    }, 0)
  }

  private read(room: string): void {
    const doc = this.docs.get(room)
    if (!doc || this.refusedRooms.has(room) || this.stopped) return
    const clearance = this.engine.session.user.clearance
    const fingerprint = `${clearance}:${base64(Y.encodeStateVector(doc))}`
    if (this.known.get(room) === fingerprint) return
    this.known.set(room, fingerprint)
    const kind = parseRoomName(room)?.kind
    let items: SearchDoc[] = []
    if (kind === 'doc') {
      const item = docRoomItem(room, doc, clearance)
      items = item ? [item] : []
    } else if (kind === 'venues') {
      const users = this.docs.get(DIRECTORY_ROOM)?.getMap<DirectoryUser>('users')
      items = venueItems(doc, this.engine.session.user.id, (id) => users?.get(id)?.name ?? id)
    } else if (kind === 'archive') items = archiveItems(doc, clearance)
    void this.client.put(room, fingerprint, items).then(() => this.changed())
  }

  private changed(): void {
    this.version++
    for (const l of this.listeners) l()
  }
}
