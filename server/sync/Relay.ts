// The room relay: authenticates each socket before anything is sent, checks it may read the room,
// loads rooms on demand and unloads them when their last connection leaves.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import * as Y from 'yjs'
import { readDocMeta } from '../../src/core/docflow/docMeta'
import { CLOSE_FORBIDDEN, CLOSE_NO_ROOM, CLOSE_SERVER_BUSY, CLOSE_UNAUTHENTICATED } from '../../src/core/sync/messages'
import { parseRoomName } from '../../src/core/sync/roomName'
import type { Sessions } from '../auth/Sessions'
import type { Storage } from '../storage/types'
import { accessOf, writableRoots } from './access'
import { Connection, type ConnectionContext } from './Connection'
import { Room } from './Room'
import { UpdateValidator } from './UpdateValidator'

export interface RelayOptions {
  maxFrameBytes: number
  messagesPerSecond: number
  bytesPerSecond: number
  /** a socket must be joined to its room within this time */
  handshakeTimeoutMs: number
}

interface Held {
  room: Promise<Room>
  holders: number
}

export class Relay {
  private readonly wss: WebSocketServer
  private readonly rooms = new Map<string, Held>()
  private readonly validator = new UpdateValidator()
  private readonly ctx: ConnectionContext

  constructor(
    private readonly storage: Storage,
    private readonly sessions: Sessions,
    private readonly audit: (type: string, detail: Record<string, unknown>, actor?: string) => void,
    private readonly options: RelayOptions,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxFrameBytes,
      // a token offered as the subprotocol is echoed, as the handshake requires
      handleProtocols: (protocols) => [...protocols][0] ?? false,
    })
    this.ctx = {
      validator: this.validator,
      audit: (type, detail) => this.audit(type, detail, typeof detail.user === 'string' ? detail.user : undefined),
      afterCommit: (room) => void this.indexRoom(room),
      writableRoots: (user, room) => writableRoots(user, room.ref, room.ref.kind === 'doc' || room.ref.kind === 'meeting' ? this.storage.room(room.name) : undefined),
      unitName: (unitId) => this.storage.units().find((u) => u.id === unitId)?.name ?? '',
      limits: { messagesPerSecond: options.messagesPerSecond, bytesPerSecond: options.bytesPerSecond },
    }
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const name = decodeURIComponent(url.pathname.slice('/sync/'.length))
    const protocol = req.headers['sec-websocket-protocol']?.split(',')[0]?.trim()
    const token = url.searchParams.get('token') ?? protocol ?? null
    const ip = req.socket.remoteAddress ?? ''
    this.wss.handleUpgrade(req, socket, head, (ws) => void this.join(ws, name, token, ip))
  }

  private async join(ws: WebSocket, name: string, token: string | null, ip: string): Promise<void> {
    const user = this.sessions.authenticate(token)
    if (!user) {
      this.audit('sync.refused', { room: name.slice(0, 100), reason: 'unauthenticated', ip })
      ws.close(CLOSE_UNAUTHENTICATED, 'unauthenticated')
      return
    }
    const ref = parseRoomName(name)
    const record = ref?.kind === 'doc' || ref?.kind === 'meeting' ? this.storage.room(name) : undefined
    if (!ref || ((ref.kind === 'doc' || ref.kind === 'meeting') && !record)) {
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

    // messages that arrive while the room loads wait for it
    const early: Uint8Array[] = []
    let room: Room | null = null
    let conn: Connection | null = null
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const bytes = isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(0)
      if (conn) conn.handle(bytes)
      else early.push(bytes)
    })
    ws.on('error', () => ws.terminate())
    // the socket may close while the room loads: whatever happens, the hold is released once
    ws.once('close', () => {
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
    conn = new Connection(ws, user, access, room, this.ctx, ip)
    room.peers.add(conn)
    conn.start()
    for (const bytes of early) conn.handle(bytes)
  }

  /** Loads a room (once) and counts a holder; `release` undoes it. */
  private acquire(name: string, ref: NonNullable<ReturnType<typeof parseRoomName>>): Promise<Room> {
    let held = this.rooms.get(name)
    if (!held) {
      held = { room: Room.load(name, ref, this.storage), holders: 0 }
      this.rooms.set(name, held)
      held.room.catch(() => this.rooms.delete(name))
    }
    held.holders++
    return held.room
  }

  private async release(name: string): Promise<void> {
    const held = this.rooms.get(name)
    if (!held) return
    held.holders--
    if (held.holders > 0) return
    this.rooms.delete(name)
    const room = await held.room.catch(() => null)
    if (!room) return
    await room.idle()
    room.destroy()
    await this.storage.releaseRoom(name)
  }

  /** Runs a change on a room as the server, loading it if nobody holds it. */
  async writeAsServer(name: string, change: (doc: Y.Doc) => void): Promise<void> {
    const ref = parseRoomName(name)
    if (!ref) throw new Error(`bad room ${name}`)
    const room = await this.acquire(name, ref)
    try {
      await room.writeAsServer(change)
    } finally {
      await this.release(name)
    }
  }

  /** Reads a room's current state as the server (loading it if needed). */
  async readAsServer<T>(name: string, read: (doc: Y.Doc) => T): Promise<T> {
    const ref = parseRoomName(name)
    if (!ref) throw new Error(`bad room ${name}`)
    const room = await this.acquire(name, ref)
    try {
      return read(room.doc)
    } finally {
      await this.release(name)
    }
  }

  /** Keeps the list fields of a document's record in step with its meta. */
  private async indexRoom(room: Room): Promise<void> {
    if (room.ref.kind !== 'doc') return
    const record = this.storage.room(room.name)
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
      const updated = this.storage.room(room.name)
      for (const peer of room.peers) {
        if (peer instanceof Connection && accessOf(peer.user, room.ref, updated) === 'none') {
          this.audit('sync.refused', { room: room.name, reason: 'clearance' }, peer.user.id)
          peer.close(CLOSE_FORBIDDEN, 'clearance')
        }
      }
    }
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.close(1001, 'server shutting down')
    for (const held of this.rooms.values()) await (await held.room).idle()
    await this.validator.close()
    this.wss.close()
  }
}
