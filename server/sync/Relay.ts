// The room relay: authenticates each socket before anything is sent, checks it may read the room,
// loads rooms on demand and unloads them when their last connection leaves.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import * as Y from 'yjs'
import { readDocMeta } from '../../src/core/docflow/docMeta'
import { CLOSE_FORBIDDEN, CLOSE_NO_ROOM, CLOSE_RATE_LIMITED, CLOSE_SERVER_BUSY, CLOSE_UNAUTHENTICATED, SYNC_PROTOCOL } from '../../src/core/sync/messages'
import { parseRoomName, type RoomRef } from '../../src/core/sync/roomName'
import type { Sessions } from '../auth/Sessions'
import type { AuditFn } from '../audit/AuditLog'
import { Repeats } from '../audit/Repeats'
import type { UnauthBudget } from '../auth/UnauthBudget'
import type { SpaceGuard } from '../storage/spaceGuard'
import { requestUrl } from '../http/respond'
import type { Storage } from '../../src/core/storage/types'
import { accessOf, writableRoots } from './access'
import { Connection, type ConnectionContext } from './Connection'
import { Room } from './Room'
import { DEFAULT_ROOM_QUOTAS, type RoomQuotas } from './quotas'
import { DEFAULT_VALIDATOR_LIMITS, UpdateValidator, type ValidatorLimits } from './UpdateValidator'
import type { RoomFanout } from './fanout'

/** a document's list fields (title, 文种, 密级…) are written at most this often per room */
const INDEX_EVERY_MS = 1000

/** messages a socket may send before it has joined its room */
const EARLY_MESSAGES = 64

export interface RelayOptions {
  maxFrameBytes: number
  messagesPerSecond: number
  bytesPerSecond: number
  /** a socket must be joined to its room within this time */
  handshakeTimeoutMs: number
  /** how often the sessions of open sockets are checked (expiry, idle) */
  sessionSweepMs: number
  quotas?: RoomQuotas
  validator?: ValidatorLimits
  /** how many unauthenticated sockets of an address are still recorded (and let in at all) */
  unauthBudget: UnauthBudget
  /** a full disk: updates with anything new are refused (4507), reading goes on */
  space: SpaceGuard
  /** other processes serving the same rooms (--redis), if any */
  fanout?: RoomFanout
}

/** one `doc.open` record per reader and room in this window */
const OPEN_AUDIT_WINDOW_MS = 60_000

interface Held {
  room: Promise<Room>
  holders: number
  /** released by the server's last write or read: kept loaded a moment longer */
  linger: ReturnType<typeof setTimeout> | null
}

/**
 * how long a room the server wrote or read, and nobody holds, stays loaded: commands come in
 * runs on the same rooms (a document's steps, its people's 待办), and loading a room again costs
 * more than judging the command
 */
const SERVER_LINGER_MS = 2000

export class Relay {
  private readonly wss: WebSocketServer
  private readonly rooms = new Map<string, Held>()
  private readonly validator: UpdateValidator
  private readonly ctx: ConnectionContext
  private readonly opens = new Repeats(OPEN_AUDIT_WINDOW_MS)

  constructor(
    private readonly storage: Storage,
    private readonly sessions: Sessions,
    private readonly audit: AuditFn,
    private readonly options: RelayOptions,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxFrameBytes,
      // the handshake must echo one offered subprotocol: ours when named beside the token, else
      // the token itself (a client that offers only the token)
      handleProtocols: (protocols) => (protocols.has(SYNC_PROTOCOL) ? SYNC_PROTOCOL : ([...protocols][0] ?? false)),
    })
    this.validator = new UpdateValidator(options.validator ?? DEFAULT_VALIDATOR_LIMITS)
    this.ctx = {
      quotas: options.quotas ?? DEFAULT_ROOM_QUOTAS,
      audit: (type, detail) => this.audit(type, detail, typeof detail.user === 'string' ? detail.user : undefined),
      afterCommit: (room) => void this.indexRoom(room),
      writableRoots: (user, room) => writableRoots(user, room.ref, room.record),
      unitName: (unitId) => this.storage.units().find((u) => u.id === unitId)?.name ?? '',
      limits: { messagesPerSecond: options.messagesPerSecond, bytesPerSecond: options.bytesPerSecond },
      space: options.space,
    }
    // a loaded room keeps its record (who may write it now) in step with the store
    this.unwatch = storage.watch((change) => {
      if (change.kind === 'room') void this.refreshRecord(change.room)
      // logout, revocation, expiry or idle (in any process sharing the store): its sockets close
      if (change.kind === 'sessions') {
        for (const [ws, s] of this.sockets) {
          if (change.tokenHashes?.includes(s.tokenHash) || change.userId === s.userId) ws.close(CLOSE_UNAUTHENTICATED, 'session ended')
        }
      }
    })
    this.sweep = setInterval(() => void this.sweepSessions(), options.sessionSweepMs)
    this.sweep.unref()
  }

  private readonly unwatch: () => void
  private readonly sweep: ReturnType<typeof setInterval>
  /** open sockets and the session each was opened with */
  private readonly sockets = new Map<WebSocket, { tokenHash: string; userId: string }>()

  /** Closes the sockets whose session has expired or idled (ending it ends them all, through watch). */
  private async sweepSessions(): Promise<void> {
    const hashes = new Set([...this.sockets.values()].map((s) => s.tokenHash))
    for (const hash of hashes) {
      if (await this.sessions.stillLive(hash).catch(() => true)) continue
      for (const [ws, s] of this.sockets) if (s.tokenHash === hash) ws.close(CLOSE_UNAUTHENTICATED, 'session ended')
    }
  }

  private async refreshRecord(name: string): Promise<void> {
    const held = this.rooms.get(name)
    if (!held) return
    const room = await held.room.catch(() => null)
    if (room && hasRecord(room.ref)) room.record = await this.storage.room(name)
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = requestUrl(req)
    let name: string | null = null
    try {
      if (url) name = decodeURIComponent(url.pathname.slice('/sync/'.length))
    } catch {
      // a malformed escape names no room
    }
    if (!url || name === null) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
      return
    }
    // the token: beside our subprotocol (preferred), as the only subprotocol, or in the query
    // (the stock y-websocket client's way; the query may end up in proxy logs)
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean)
    const protocol = offered.find((p) => p !== SYNC_PROTOCOL)
    const token = url.searchParams.get('token') ?? protocol ?? null
    const ip = req.socket.remoteAddress ?? ''
    // an address past its budget of refused sockets is turned away before the handshake, unrecorded
    if (!this.options.unauthBudget.admits(ip)) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\n\r\n')
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => void this.join(ws, socket, name, token, ip))
  }

  private async join(ws: WebSocket, socket: Duplex, name: string, token: string | null, ip: string): Promise<void> {
    // messages that arrive while the session and the room are read (a store may answer them
    // asynchronously, and a client speaks first) wait for the connection; ws drops unheard ones
    const early: Uint8Array[] = []
    let conn: Connection | null = null
    let tokenHash: string | null = null
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (tokenHash) this.sessions.touch(tokenHash)
      const bytes = isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(0)
      if (conn) conn.handle(bytes)
      else if (early.length < EARLY_MESSAGES) early.push(bytes)
      else ws.close(CLOSE_SERVER_BUSY, 'too many messages before joining')
    })
    const auth = await this.sessions.check(token)
    if (!auth) {
      if (this.options.unauthBudget.spend(ip)) {
        void this.audit('sync.refused', { room: name.slice(0, 100), reason: 'unauthenticated', ip })
        ws.close(CLOSE_UNAUTHENTICATED, 'unauthenticated')
      } else ws.close(CLOSE_RATE_LIMITED, 'too many refused sockets')
      return
    }
    const user = auth.user
    tokenHash = auth.tokenHash
    const ref = parseRoomName(name)
    const record = ref && hasRecord(ref) ? await this.storage.room(name) : undefined
    if (!ref || (hasRecord(ref) && !record)) {
      this.audit('sync.refused', { room: name.slice(0, 100), reason: 'no_room', ip }, user.id)
      ws.close(CLOSE_NO_ROOM, 'no such room')
      return
    }
    const access = accessOf(user, ref, record)
    if (access === 'none') {
      this.audit('sync.refused', { room: name, reason: 'forbidden', ip }, user.id)
      ws.close(CLOSE_FORBIDDEN, 'forbidden')
      return
    }

    let room: Room | null = null
    ws.on('error', () => ws.terminate())
    this.sockets.set(ws, { tokenHash: auth.tokenHash, userId: user.id })
    // the socket may close while the room loads: whatever happens, the hold is released once
    ws.once('close', () => {
      this.sockets.delete(ws)
      if (conn) {
        conn.dispose()
        room?.peers.delete(conn)
      }
      void this.release(name)
    })
    const deadline = setTimeout(() => ws.close(CLOSE_SERVER_BUSY, 'handshake timeout'), this.options.handshakeTimeoutMs)
    try {
      room = await this.acquire(name, ref)
    } catch (err) {
      this.audit('sync.load_failed', { room: name, error: String(err).slice(0, 200) })
      ws.close(CLOSE_SERVER_BUSY, 'room unavailable')
      return
    } finally {
      clearTimeout(deadline)
    }
    if (ws.readyState !== ws.OPEN) return
    // reading a document or an archive record is audited: once a minute per reader and room
    if ((ref.kind === 'doc' || ref.kind === 'archive') && this.opens.first(`${user.id} ${name}`)) {
      void this.audit('doc.open', { room: name, access, ip }, user.id)
    }
    conn = new Connection(ws, user, access, room, this.ctx, ip, socket)
    room.peers.add(conn)
    conn.start()
    for (const bytes of early) conn.handle(bytes)
  }

  /** Loads a room (once) and counts a holder; `release` undoes it. */
  private acquire(name: string, ref: NonNullable<ReturnType<typeof parseRoomName>>): Promise<Room> {
    let held = this.rooms.get(name)
    if (!held) {
      held = { room: this.load(name, ref), holders: 0, linger: null }
      this.rooms.set(name, held)
      held.room.catch(() => this.rooms.delete(name))
    }
    if (held.linger) {
      // the lingering hold passes to the new holder
      clearTimeout(held.linger)
      held.linger = null
      held.holders--
    }
    held.holders++
    return held.room
  }

  private async load(name: string, ref: RoomRef): Promise<Room> {
    // listening before reading: whatever another process commits meanwhile is kept, not missed
    const link = this.options.fanout ? await this.options.fanout.open(name) : null
    try {
      const room = await Room.load(name, ref, this.storage, this.validator, link !== null)
      if (hasRecord(ref)) room.record = await this.storage.room(name)
      link?.attach(room)
      return room
    } catch (err) {
      link?.detach()
      throw err
    }
  }

  /** `linger`: the server's own hold ends, and the room may stay loaded a moment for its next command */
  private async release(name: string, linger = false): Promise<void> {
    const held = this.rooms.get(name)
    if (!held) return
    held.holders--
    if (held.holders > 0) return
    if (linger) {
      // the timer holds it now, until it fires or someone acquires the room
      held.holders++
      held.linger = setTimeout(() => {
        held.linger = null
        void this.release(name)
      }, SERVER_LINGER_MS)
      held.linger.unref()
      return
    }
    this.rooms.delete(name)
    const room = await held.room.catch(() => null)
    if (!room) return
    await room.idle()
    // its list fields are written before the document leaves memory
    const due = this.indexDue.get(name)
    if (due) {
      clearTimeout(due)
      this.indexDue.delete(name)
      await this.writeIndex(room).catch(() => undefined)
    }
    room.link?.detach()
    room.destroy()
    await this.storage.releaseRoom(name)
  }

  /** Runs a change on a room as the server, loading it if nobody holds it. */
  async writeAsServer(name: string, change: (doc: Y.Doc) => void): Promise<void> {
    const ref = parseRoomName(name)
    if (!ref) throw new Error(`bad room ${name}`)
    const room = await this.acquire(name, ref)
    let durable: Promise<void> | null = null
    try {
      // a change judged under the command lock starts from everything committed anywhere
      await room.link?.catchUp()
      durable = (await room.writeAsServer(change))?.durable ?? null
    } finally {
      // a staged write keeps its room loaded until it is durable: loaded again, the room would be
      // read from a log that may not hold it yet
      if (durable) void durable.catch(() => undefined).then(() => this.release(name, true))
      else await this.release(name, true)
    }
  }

  /** Reads a room's current state as the server (loading it if needed). */
  async readAsServer<T>(name: string, read: (doc: Y.Doc) => T): Promise<T> {
    const ref = parseRoomName(name)
    if (!ref) throw new Error(`bad room ${name}`)
    const room = await this.acquire(name, ref)
    try {
      await room.link?.catchUp()
      return read(room.serverDoc())
    } finally {
      await this.release(name, true)
    }
  }

  /** rooms whose list fields are due to be written (one write per room and second at most) */
  private readonly indexDue = new Map<string, ReturnType<typeof setTimeout>>()

  /**
   * Keeps the list fields of a document's record in step with its meta. A raised 密级 acts at
   * once; the other fields are written at most once a second per room, so typing a title does
   * not rewrite the record on every keystroke.
   */
  private async indexRoom(room: Room): Promise<void> {
    if (room.ref.kind !== 'doc') return
    const record = await this.storage.room(room.name)
    if (!record) return
    const meta = room.doc.getMap('meta')
    const { classification } = readDocMeta((k) => meta.get(k))
    if (record.classification !== classification) {
      await this.writeIndex(room)
      return
    }
    if (this.indexDue.has(room.name)) return
    const timer = setTimeout(() => {
      this.indexDue.delete(room.name)
      void this.writeIndex(room).catch(() => undefined)
    }, INDEX_EVERY_MS)
    timer.unref()
    this.indexDue.set(room.name, timer)
  }

  private async writeIndex(room: Room): Promise<void> {
    const record = await this.storage.room(room.name)
    if (!record) return
    const meta = room.doc.getMap('meta')
    const { title, docType, classification, urgency } = readDocMeta((k) => meta.get(k))
    const now = new Date()
    const stale = now.getTime() - Date.parse(record.updatedAt) > 60_000
    const changed = record.title !== title || record.docType !== docType || record.classification !== classification || record.urgency !== urgency
    if (changed || stale) {
      await this.storage.putRoom({ ...record, title, docType, classification, urgency, updatedAt: now.toISOString() })
    }
    // a raised 密级 takes the document away from whoever is no longer cleared for it
    if (record.classification !== classification) {
      const updated = await this.storage.room(room.name)
      room.record = updated
      for (const peer of room.peers) {
        if (peer instanceof Connection && accessOf(peer.user, room.ref, updated) === 'none') {
          this.audit('sync.refused', { room: room.name, reason: 'clearance' }, peer.user.id)
          peer.close(CLOSE_FORBIDDEN, 'clearance')
        }
      }
    }
  }

  async close(): Promise<void> {
    this.unwatch()
    // what is due to be indexed is written now, before the store closes
    const due = [...this.indexDue.keys()]
    for (const timer of this.indexDue.values()) clearTimeout(timer)
    this.indexDue.clear()
    for (const name of due) {
      const room = await this.rooms.get(name)?.room.catch(() => null)
      if (room) await this.writeIndex(room).catch(() => undefined)
    }
    clearInterval(this.sweep)
    for (const held of this.rooms.values()) {
      if (held.linger) clearTimeout(held.linger)
      held.linger = null
    }
    for (const client of this.wss.clients) client.close(1001, 'server shutting down')
    for (const held of this.rooms.values()) await (await held.room).idle()
    await this.validator.close()
    this.wss.close()
  }
}

/** Rooms whose access is kept in a room record (documents and meetings). */
function hasRecord(ref: RoomRef): boolean {
  return ref.kind === 'doc' || ref.kind === 'meeting'
}
