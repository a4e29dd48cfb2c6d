// Keeps every room the user holds in the local store and in sync with the server, in the
// background: one y-websocket provider per room on the room's y-dexie document, an outbox of
// requests that waits for the network, and the status the header shows (在线 / 离线 / 同步中 n 项).
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { Access } from '../../core/api/http'
import { readDocMeta, type DocMeta } from '../../core/docflow/docMeta'
import type { FileRef } from '../../core/docflow/content'
import { sm3Hex } from '../../core/crypto/sm3'
import { CLOSE_FORBIDDEN, CLOSE_NO_ROOM, CLOSE_STORAGE_FULL, CLOSE_UNAUTHENTICATED, MESSAGE_PERSISTED, SYNC_PROTOCOL, readPersisted } from '../../core/sync/messages'
import { unconfirmedCount } from '../../core/sync/pending'
import { DIRECTORY_ROOM, SEALS_ROOM, VENUES_ROOM, docRoom, inboxRoom, parseRoomName } from '../../core/sync/roomName'
import { ARCHIVE_ROOM } from '../../core/archive/catalogue'
import { BULLETIN_ROOM } from '../../core/bulletin/model'
import type { Session } from '../session'
import { DexieYProvider, type OutboxRow, type RoomRow, type ZtDb } from '../store'
import { ApiError, archiveOriginal, createRoom, downloadBlob, enroll, listRooms, submitCommand, syncUrl, uploadBlob } from './api'
import { host } from '../platform/host'
import type { UnsignedCommand } from '../../core/command/envelope'
import { payloadProblem, type CommandType, type PayloadOf } from '../../core/command/registry'
import { errorMessage } from '../../core/messages/errors'
import { enrolProof } from '../../core/pki/enrolProof'
import { isFlowKind, type FlowKind } from '../../core/docflow/definitions'
import { isClearance } from '../../core/directory/model'

export interface SyncStatus {
  online: boolean
  pending: number
  /** unconfirmed changes plus queued requests, per room (rooms with none are absent) */
  byRoom: ReadonlyMap<string, number>
  /** rooms the server refused for good (4403 no access, 4404 no such room), with the close code */
  refused: ReadonlyMap<string, number>
  /** the server refused to save for want of disk space (4507); kept until nothing is pending */
  storageFull: boolean
}

interface Entry {
  doc: Y.Doc
  provider: WebsocketProvider
  serverSV?: Uint8Array
  /** read-only rooms (the directory, documents shared read-only) have nothing of ours to confirm */
  writable: boolean
}

/** Told of every room the engine holds (full-text search indexes them as they load and change). */
export interface RoomObserver {
  /** the room is loaded from the store (and connecting); called at once for rooms already open */
  opened(room: string, doc: Y.Doc): void
  /** the server refused the room for good: no access (any more), or no such room */
  refused(room: string): void
  /** the room synced with the server: whatever was refused is readable again */
  synced(room: string): void
}

const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000]
/** Rooms shared with us while we are signed in show up within this long (no push for that yet). */
const ROOM_LIST_REFRESH_MS = 10_000
/** documents opened together at start, and the longest wait for an idle moment between batches */
const OPEN_BATCH = 10
const OPEN_PAUSE_MS = 1000

/** The server's answer to one command, as the engine hears it. */
export type CommandOutcome = { id: string; status: 'accepted' } | { id: string; status: 'rejected'; message: string }

/** A command refused on this machine before it was signed: nothing was queued. */
export class RefusedBeforeSigning extends Error {}

export class SyncEngine {
  private readonly entries = new Map<string, Entry>()
  private readonly opening = new Map<string, Promise<Entry>>()
  private readonly listeners = new Set<() => void>()
  private readonly observers = new Set<RoomObserver>()
  private readonly outcomeListeners = new Set<(o: CommandOutcome) => void>()
  // until the first connection attempt says otherwise, the browser's own view of the network
  private status: SyncStatus = { online: navigator.onLine, pending: 0, byRoom: new Map(), refused: new Map(), storageFull: false }
  private readonly refused = new Map<string, number>()
  private refreshTimer: ReturnType<typeof setInterval> | null = null
  private statusTimer: ReturnType<typeof setTimeout> | null = null
  private outboxRunning = false
  private retry = 0
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private stopped = false
  /** a connection attempt failed since the last success: connecting no longer counts as online */
  private connectFailed = false
  /** a socket was closed with 4507 since the last time nothing was pending */
  private storageFull = false
  // The browser knows first when the network is gone: stop the sockets then, resume when it is back.
  private readonly onOnline = (): void => {
    for (const [room, entry] of this.entries) if (!entry.provider.shouldConnect && !this.awaitingCreate.has(room)) entry.provider.connect()
    this.kick()
  }
  private readonly onOffline = (): void => {
    for (const entry of this.entries.values()) entry.provider.disconnect()
    this.scheduleStatus()
  }
  private readonly awaitingCreate = new Set<string>()
  private readonly toOpen = new Set<string>()
  private openingInTurn = false

  constructor(
    readonly db: ZtDb,
    readonly session: Session,
    private readonly onExpired: () => void,
  ) {}

  async start(): Promise<void> {
    window.addEventListener('online', this.onOnline)
    window.addEventListener('offline', this.onOffline)
    if (!(await this.db.rooms.get(DIRECTORY_ROOM))) await this.addRow({ room: DIRECTORY_ROOM, kind: 'directory', owner: '', access: 'read' })
    const inbox = inboxRoom(this.session.user.id)
    if (!(await this.db.rooms.get(inbox))) await this.addRow({ room: inbox, kind: 'inbox', owner: '', access: 'read' })
    // the seal registry, read by everyone: seals verify offline
    if (!(await this.db.rooms.get(SEALS_ROOM))) await this.addRow({ room: SEALS_ROOM, kind: 'seals', owner: '', access: 'read' })
    // meeting rooms and bookings: the occupancy grid works offline from the last sync
    if (!(await this.db.rooms.get(VENUES_ROOM))) await this.addRow({ room: VENUES_ROOM, kind: 'venues', owner: '', access: 'read' })
    // 通知公告, read by everyone (the 工作台 shows it offline from the last sync)
    if (!(await this.db.rooms.get(BULLETIN_ROOM))) await this.addRow({ room: BULLETIN_ROOM, kind: 'bulletin', owner: '', access: 'read' })
    // the archive (catalogue and packages), for archivists: read offline from the last sync
    if (this.session.user.roles.includes('archivist') && !(await this.db.rooms.get(ARCHIVE_ROOM))) await this.addRow({ room: ARCHIVE_ROOM, kind: 'archive', owner: '', access: 'read' })
    if (this.stopped) return
    // the shared rooms (待办, 通讯录, venues…) at once: the first screen reads them; the documents
    // after, a few at a time, so thousands held here do not hold up the first paint
    const rooms = (await this.db.rooms.toCollection().primaryKeys()).map(String)
    for (const room of rooms) if (parseRoomName(room)?.kind !== 'doc') void this.open(room).catch(() => undefined)
    this.openInTurn(rooms.filter((room) => parseRoomName(room)?.kind === 'doc'))
    this.kick()
    this.refreshTimer = setInterval(() => void this.refreshRooms(), ROOM_LIST_REFRESH_MS)
  }

  stop(): void {
    this.stopped = true
    window.removeEventListener('online', this.onOnline)
    window.removeEventListener('offline', this.onOffline)
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (this.refreshTimer) clearInterval(this.refreshTimer)
    if (this.statusTimer) clearTimeout(this.statusTimer)
    for (const [, entry] of this.entries) {
      entry.provider.destroy()
      DexieYProvider.release(entry.doc)
    }
    this.entries.clear()
    this.db.close()
  }

  // ── status ───────────────────────────────────────────────────────────────────────────────
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getStatus = (): SyncStatus => this.status

  /** Hears the server's answer to each of this user's commands, as it arrives. */
  onOutcome(listener: (o: CommandOutcome) => void): () => void {
    this.outcomeListeners.add(listener)
    return () => this.outcomeListeners.delete(listener)
  }

  private told(outcome: CommandOutcome): void {
    for (const l of [...this.outcomeListeners]) l(outcome)
  }

  observeRooms(observer: RoomObserver): () => void {
    this.observers.add(observer)
    for (const [room, entry] of this.entries) observer.opened(room, entry.doc)
    return () => this.observers.delete(observer)
  }

  private scheduleStatus(): void {
    if (this.statusTimer) return
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null
      void this.computeStatus()
    }, 150)
  }

  private async computeStatus(): Promise<void> {
    if (this.stopped) return
    const byRoom = new Map<string, number>()
    const add = (room: string, n: number): void => {
      if (n > 0) byRoom.set(room, (byRoom.get(room) ?? 0) + n)
    }
    for (const [room, entry] of this.entries) if (entry.writable) add(room, unconfirmedCount(Y.encodeStateVector(entry.doc), entry.serverSV))
    for (const row of await this.db.outbox.where('status').equals('pending').toArray()) add(row.room, 1)
    let pending = 0
    for (const n of byRoom.values()) pending += n
    if (pending === 0) this.storageFull = false
    // online while any room is connected, or while the first connections are still being made
    const providers = [...this.entries.values()].map((e) => e.provider)
    const online = navigator.onLine && (providers.some((p) => p.wsconnected) || (!this.connectFailed && providers.some((p) => p.wsconnecting)))
    const sameMap = (x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>): boolean => x.size === y.size && [...x].every(([k, v]) => y.get(k) === v)
    if (online !== this.status.online || this.storageFull !== this.status.storageFull || !sameMap(byRoom, this.status.byRoom) || !sameMap(this.refused, this.status.refused)) {
      this.status = { online, pending, byRoom, refused: new Map(this.refused), storageFull: this.storageFull }
      for (const l of this.listeners) l()
    }
  }

  // ── rooms ────────────────────────────────────────────────────────────────────────────────
  private async addRow(fields: Pick<RoomRow, 'room' | 'kind' | 'owner' | 'access'> & Partial<RoomRow>): Promise<void> {
    await this.db.rooms.put({
      title: '', docType: '', classification: '', urgency: '', updatedAt: new Date().toISOString(),
      ...fields,
    } as RoomRow)
  }

  /** The room's document, loaded from the store and connected to the server (once). */
  open(room: string): Promise<Entry> {
    const existing = this.entries.get(room)
    if (existing) return Promise.resolve(existing)
    let opening = this.opening.get(room)
    if (!opening) {
      opening = this.load(room)
      this.opening.set(room, opening)
      void opening.finally(() => this.opening.delete(room))
    }
    return opening
  }

  /** Opens rooms OPEN_BATCH at a time, yielding to the page between batches. */
  private openInTurn(rooms: readonly string[]): void {
    for (const room of rooms) if (!this.entries.has(room)) this.toOpen.add(room)
    if (this.openingInTurn) return
    this.openingInTurn = true
    const next = async (): Promise<void> => {
      while (this.toOpen.size > 0 && !this.stopped) {
        const batch: string[] = []
        for (const room of this.toOpen) if (batch.push(room) >= OPEN_BATCH) break
        for (const room of batch) this.toOpen.delete(room)
        await Promise.all(batch.map((room) => this.open(room).catch(() => undefined)))
        // the next batch when the page is idle: what is on screen renders first
        await new Promise((r) => requestIdleCallback(r, { timeout: OPEN_PAUSE_MS }))
      }
      this.openingInTurn = false
    }
    void next()
  }

  private async load(room: string): Promise<Entry> {
    let row = await this.db.rooms.get(room)
    // a room just routed to this user (opened from 待办) may not be listed yet: ask the server
    if (!row && navigator.onLine) {
      await this.refreshRooms()
      row = await this.db.rooms.get(room)
    }
    if (!row) throw new Error(`room ${room} is not in the store`)
    const doc = row.ydoc
    await DexieYProvider.load(doc).whenLoaded
    const waitingForCreate = (await this.db.outbox.where('room').equals(room).filter((o) => o.kind === 'room.create').count()) > 0
    // signed out while the store was loading: no socket for a session that is gone
    if (this.stopped) {
      DexieYProvider.release(doc)
      throw new Error('sync stopped')
    }
    const provider = new WebsocketProvider(syncUrl(this.session.serverUrl), room, doc, {
      // the token as a subprotocol beside ours, not in the URL (which proxies log)
      protocols: [SYNC_PROTOCOL, this.session.token],
      connect: !waitingForCreate && navigator.onLine,
      disableBc: true,
      maxBackoffTime: 5000,
    })
    if (waitingForCreate) this.awaitingCreate.add(room)
    const entry: Entry = { doc, provider, serverSV: row.serverSV, writable: row.access === 'owner' || row.access === 'write' }
    provider.messageHandlers[MESSAGE_PERSISTED] = (_encoder, decoder) => {
      entry.serverSV = readPersisted(decoder)
      void this.db.rooms.update(room, { serverSV: entry.serverSV })
      this.scheduleStatus()
    }
    // y-websocket stops reconnecting on 4400–4499; the list says why the room no longer syncs
    provider.on('closed', ({ code }: { code: number }) => {
      if (code === CLOSE_FORBIDDEN || code === CLOSE_NO_ROOM) {
        this.refused.set(room, code)
        for (const o of this.observers) o.refused(room)
      }
      this.scheduleStatus()
    })
    provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') {
        this.connectFailed = false
        this.refused.delete(room)
      }
      this.scheduleStatus()
    })
    provider.on('connection-error', () => {
      this.connectFailed = true
      this.scheduleStatus()
    })
    provider.on('connection-close', (event) => {
      if (event?.code === CLOSE_UNAUTHENTICATED) this.onExpired()
      // y-websocket reconnects on 45xx: the change stays here and is sent again when space is back
      if (event?.code === CLOSE_STORAGE_FULL) this.storageFull = true
      if (!provider.wsconnected) this.connectFailed = true
      this.scheduleStatus()
    })
    provider.on('sync', (synced: boolean) => {
      if (synced) for (const o of this.observers) o.synced(room)
    })
    if (parseRoomName(room)?.kind === 'doc') {
      // list fields at once when the room first syncs, then debounced while people type
      provider.on('sync', (synced: boolean) => {
        if (synced) void this.indexRow(room, doc, false)
      })
      let timer: ReturnType<typeof setTimeout> | null = null
      doc.on('update', () => {
        this.scheduleStatus()
        timer ??= setTimeout(() => {
          timer = null
          void this.indexRow(room, doc, true)
        }, 500)
      })
    } else {
      doc.on('update', () => this.scheduleStatus())
    }
    this.entries.set(room, entry)
    for (const o of this.observers) o.opened(room, doc)
    this.scheduleStatus()
    return entry
  }

  /** Keeps the row's list fields (for lists and search) in step with the document's meta. */
  // `changed`: the document itself changed (not merely connected), so it moves up the list.
  private async indexRow(room: string, doc: Y.Doc, changed: boolean): Promise<void> {
    if (this.stopped) return
    const meta = doc.getMap('meta')
    const m = readDocMeta((k) => meta.get(k))
    const fields = { title: m.title, docType: m.docType, classification: m.classification, urgency: m.urgency }
    await this.db.rooms.update(room, changed ? { ...fields, updatedAt: new Date().toISOString() } : fields)
  }

  /** Creates a document on this machine; the server learns of it when the outbox next runs. */
  async createDoc(meta: Omit<DocMeta, 'createdBy' | 'createdAt'>, kind: FlowKind = 'outgoing', layout: Record<string, string> = {}): Promise<string> {
    const room = docRoom(crypto.randomUUID())
    const now = new Date().toISOString()
    const full: DocMeta = { ...meta, createdBy: this.session.user.id, createdAt: now }
    await this.db.transaction('rw', this.db.rooms, this.db.outbox, async () => {
      await this.addRow({ room, kind: 'doc', owner: this.session.user.id, access: 'owner', title: meta.title, docType: meta.docType, classification: meta.classification, urgency: meta.urgency })
      await this.db.outbox.add({ id: crypto.randomUUID(), kind: 'room.create', room, payload: { kind, classification: meta.classification }, createdAt: now, attempts: 0, status: 'pending' })
    })
    const { doc } = await this.open(room)
    const map = doc.getMap('meta')
    doc.transact(() => {
      for (const [k, v] of Object.entries(full)) map.set(k, v)
      // 版式 fields (主送, 发文机关标志, 署名…) the drafter filled in
      for (const [k, v] of Object.entries(layout)) if (v.trim()) map.set(k, v.trim())
      map.set('flowKind', kind)
    })
    this.kick()
    return room
  }

  /**
   * Attaches a file: its bytes kept here by SM3 and queued for upload, its reference added to the
   * document — all before the network is involved.
   */
  async attach(room: string, name: string, bytes: Uint8Array): Promise<FileRef> {
    const ref: FileRef = { name: name.normalize('NFC'), size: bytes.length, sm3: sm3Hex(bytes) }
    await this.db.transaction('rw', this.db.blobs, this.db.outbox, async () => {
      await this.db.blobs.put({ sm3: ref.sm3, name: ref.name, size: ref.size, bytes })
      await this.db.outbox.add({ id: crypto.randomUUID(), kind: 'blob.upload', room, payload: { sm3: ref.sm3, name: ref.name }, createdAt: new Date().toISOString(), attempts: 0, status: 'pending' })
    })
    const { doc } = await this.open(room)
    doc.getArray<FileRef>('files').push([ref])
    this.kick()
    return ref
  }

  /** An attachment's bytes: from this machine, or fetched (checked against its SM3) and kept. */
  async blob(room: string, ref: FileRef): Promise<Uint8Array> {
    const local = await this.db.blobs.get(ref.sm3)
    if (local) return local.bytes
    const bytes = await downloadBlob(this.session.serverUrl, this.session.token, room, ref.sm3)
    if (sm3Hex(bytes) !== ref.sm3) throw new Error('attachment corrupt')
    await this.db.blobs.put({ sm3: ref.sm3, name: ref.name, size: ref.size, bytes })
    return bytes
  }

  /** The 正本 of a filed record (for a borrower with a loan in force: fetched each time, never kept). */
  archiveOriginal(code: string): Promise<Uint8Array> {
    return archiveOriginal(this.session.serverUrl, this.session.token, code)
  }

  async share(room: string, username: string, access: Access): Promise<void> {
    await this.act('doc.share', room, { username, access })
  }

  async rename(room: string, title: string): Promise<void> {
    await this.act('doc.rename', room, { title })
  }

  /**
   * A user's action: signed by their key now, stored in the outbox before anything else happens,
   * sent when online. The row leaves the outbox only when the server has answered.
   */
  async act<K extends CommandType>(type: K, room: string, payload: PayloadOf<K>, contentHash?: string): Promise<string> {
    // what the server would refuse for its shape is refused here, before signing
    const problem = payloadProblem(type, payload)
    if (problem) throw new RefusedBeforeSigning(errorMessage(problem.code, problem.params))
    const unsigned: UnsignedCommand = { id: crypto.randomUUID(), type, room, actor: this.session.user.id, at: new Date().toISOString(), payload, ...(contentHash ? { contentHash } : {}) }
    const command = await host['keys.sign'](unsigned)
    const label = Object.fromEntries(Object.entries(payload as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'))
    await this.db.outbox.add({ id: command.id, kind: 'command', room, payload: label, command, createdAt: command.at, attempts: 0, status: 'pending' })
    this.kick()
    return command.id
  }

  /** Has the agency CA certified this device's key? Remembered per user and key. */
  private enrolledKey(): string | null {
    return localStorage.getItem(`zt.enrolled.${this.session.user.id}`)
  }

  /**
   * Enrols the device key with the agency CA (first sign-in, or later when that was offline),
   * proving possession: the key signs a key.enroll envelope naming the user, the key and this device.
   */
  async enroll(publicKey: string): Promise<void> {
    const device = deviceId()
    const proof = await host['keys.sign'](enrolProof({ id: crypto.randomUUID(), userId: this.session.user.id, publicKey, device, at: new Date() }))
    await enroll(this.session.serverUrl, this.session.token, publicKey, device, proof)
    localStorage.setItem(`zt.enrolled.${this.session.user.id}`, publicKey)
  }

  private async ensureEnrolled(): Promise<void> {
    const key = await host['keys.state']({ userId: this.session.user.id })
    if (key.publicKey && this.enrolledKey() !== key.publicKey) await this.enroll(key.publicKey)
  }

  async dismissRejected(seq: number): Promise<void> {
    await this.db.outbox.delete(seq)
  }

  /** Run the outbox and refresh the room list now (after a change, or when the network returns). */
  kick(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    void this.runOutbox().then(() => this.refreshRooms())
  }

  private async refreshRooms(): Promise<void> {
    if (this.stopped || !navigator.onLine) return
    try {
      const rooms = await listRooms(this.session.serverUrl, this.session.token)
      // one read for the whole list, not one per room (thousands of documents)
      const held = await this.db.rooms.bulkGet(rooms.map((r) => r.room))
      for (const [i, r] of rooms.entries()) {
        const row = held[i]
        if (!row) await this.addRow({ room: r.room, kind: parseRoomName(r.room)?.kind ?? 'doc', owner: r.owner, access: r.access, title: r.title, docType: r.docType, classification: r.classification, urgency: r.urgency, updatedAt: r.updatedAt })
        else if (row.access !== r.access) {
          await this.db.rooms.update(r.room, { access: r.access })
          const entry = this.entries.get(r.room)
          if (entry) entry.writable = r.access === 'owner' || r.access === 'write'
        }
        if (parseRoomName(r.room)?.kind !== 'doc') void this.open(r.room).catch(() => undefined)
      }
      this.openInTurn(rooms.map((r) => r.room).filter((room) => parseRoomName(room)?.kind === 'doc'))
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.onExpired()
    }
  }

  private async runOutbox(): Promise<void> {
    if (this.outboxRunning || this.stopped) return
    this.outboxRunning = true
    try {
      for (;;) {
        const next = await this.db.outbox.where('status').equals('pending').first()
        if (!next) break
        const ok = await this.send(next)
        if (!ok) return this.scheduleRetry()
      }
      this.retry = 0
    } finally {
      this.outboxRunning = false
      this.scheduleStatus()
    }
  }

  /** Sends one outbox row; false when the network is down (the row stays for the next try). */
  private async send(row: OutboxRow): Promise<boolean> {
    try {
      if (row.kind === 'blob.upload') {
        const blob = await this.db.blobs.get(row.payload.sm3 ?? '')
        if (blob) await uploadBlob(this.session.serverUrl, this.session.token, row.room, blob.bytes)
      } else if (row.kind === 'room.create') {
        const level = row.payload.classification ?? ''
        await createRoom(this.session.serverUrl, this.session.token, row.room, isFlowKind(row.payload.kind) ? row.payload.kind : 'outgoing', isClearance(level) ? level : undefined)
      } else {
        await this.ensureEnrolled()
        const answer = await submitCommand(this.session.serverUrl, this.session.token, row.command!)
        if (answer.status === 'rejected') {
          // the server said no: keep the row, marked, so its author sees why
          await this.db.outbox.update(row.seq!, { status: 'rejected', error: answer.message ?? answer.error, attempts: row.attempts + 1 })
          this.told({ id: row.id, status: 'rejected', message: answer.message ?? answer.error ?? '' })
          return true
        }
        this.told({ id: row.id, status: 'accepted' })
      }
    } catch (err) {
      if (!(err instanceof ApiError) || err.isNetwork || err.status >= 500) {
        await this.db.outbox.update(row.seq!, { attempts: row.attempts + 1 })
        return false
      }
      if (err.status === 401) {
        this.onExpired()
        return false
      }
      // the server said no: keep the row, marked, so its author sees why
      await this.db.outbox.update(row.seq!, { status: 'rejected', error: err.message, attempts: row.attempts + 1 })
      if (row.kind === 'command') this.told({ id: row.id, status: 'rejected', message: err.message })
      return true
    }
    await this.db.outbox.delete(row.seq!)
    if (row.kind === 'room.create') {
      this.awaitingCreate.delete(row.room)
      const entry = this.entries.get(row.room)
      if (entry && !entry.provider.shouldConnect) entry.provider.connect()
    }
    return true
  }

  private scheduleRetry(): void {
    if (this.stopped) return
    const delay = RETRY_MS[Math.min(this.retry++, RETRY_MS.length - 1)]!
    this.retryTimer = setTimeout(() => this.kick(), delay)
  }
}

/** This installation's id (random, made once and kept in this profile): the CA keeps one live certificate per device. */
function deviceId(): string {
  let id = localStorage.getItem('zt.device')
  if (!id || !/^[A-Za-z0-9._-]{8,64}$/.test(id)) {
    id = `desk-${crypto.randomUUID()}`
    localStorage.setItem('zt.device', id)
  }
  return id
}
