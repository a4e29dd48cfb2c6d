// One socket on one room, after authentication: speaks the y-websocket protocol, stamps awareness,
// and sends every update it receives through validation before the room commits it.
import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import {
  CLOSE_RATE_LIMITED, CLOSE_SERVER_BUSY, CLOSE_STORAGE_FULL, CLOSE_TOO_LARGE, MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, encodePersisted,
} from '../../src/core/sync/messages'
import { userColor } from '../../src/core/sync/userColor'
import type { UserRecord } from '../../src/core/storage/types'
import type { RoomAccess } from './access'
import type { QuotaBreach, RoomQuotas } from './quotas'
import type { Room, RoomPeer } from './Room'
import { stampAwareness, type StampedUser } from './stampAwareness'
import { TokenBucket } from './TokenBucket'
import type { SpaceGuard } from '../storage/spaceGuard'

/** close code for a frame that is not our protocol (4400: the client does not retry) */
export const CLOSE_BAD_FRAME = 4400

/** how a connection that passed a room quota is closed */
const QUOTA_CLOSE: Record<QuotaBreach, [number, string]> = {
  updates: [CLOSE_RATE_LIMITED, 'update quota'],
  client_ids: [CLOSE_BAD_FRAME, 'client id quota'],
  state_size: [CLOSE_TOO_LARGE, 'room size quota'],
}

export interface ConnectionContext {
  quotas: RoomQuotas
  audit(type: string, detail: Record<string, unknown>): Promise<void>
  afterCommit(room: Room): void
  /** what this user may write in this room now (the flow moves write access between people) */
  writableRoots(user: UserRecord, room: Room): ReadonlySet<string>
  unitName(unitId: string): string
  limits: { messagesPerSecond: number; bytesPerSecond: number }
  /** the store's disk is full: nothing new is committed */
  space: SpaceGuard
}

export class Connection implements RoomPeer {
  private readonly clients = new Set<number>()
  private readonly messages: TokenBucket
  private readonly bytes: TokenBucket
  private readonly identity: StampedUser
  private closed = false

  constructor(
    private readonly ws: WebSocket,
    readonly user: UserRecord,
    readonly access: RoomAccess,
    readonly room: Room,
    private readonly ctx: ConnectionContext,
    private readonly ip: string,
    /** the socket under `ws` (the one its upgrade came on), corked around a commit's frames */
    private readonly socket: Duplex,
  ) {
    this.messages = new TokenBucket(ctx.limits.messagesPerSecond, ctx.limits.messagesPerSecond * 2)
    this.bytes = new TokenBucket(ctx.limits.bytesPerSecond, ctx.limits.bytesPerSecond * 2)
    this.identity = { id: user.id, name: user.name, unit: ctx.unitName(user.unitId), color: userColor(user.id) }
  }

  /** Greets the client: sync step 1, everyone's awareness, and what the server holds durably. */
  start(): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeSyncStep1(encoder, this.room.doc)
    this.send(encoding.toUint8Array(encoder))
    const states = [...this.room.awareness.getStates().keys()]
    if (states.length > 0) this.send(awarenessMessage(this.room.awareness, states))
    this.send(encodePersisted(Y.encodeStateVector(this.room.doc)))
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return
    this.ws.send(message, this.sent)
  }

  /** one callback for every send, not a closure each */
  private readonly sent = (err?: Error | null): void => {
    if (err) this.close(CLOSE_SERVER_BUSY, 'send failed')
  }

  cork(): void {
    this.socket.cork()
  }

  uncork(): void {
    this.socket.uncork()
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.ws.close(code, reason)
  }

  /** Called when the socket is gone: forget this connection's awareness states. */
  dispose(): void {
    this.closed = true
    // an id another process's client holds now is not this connection's to remove
    const own = [...this.clients].filter((id) => !this.room.remoteClients.has(id))
    if (own.length > 0) awarenessProtocol.removeAwarenessStates(this.room.awareness, own, this)
  }

  handle(data: Uint8Array): void {
    if (!this.messages.take(1) || !this.bytes.take(data.length)) {
      this.ctx.audit('sync.rate_limited', { room: this.room.name, user: this.user.id, ip: this.ip })
      this.close(CLOSE_RATE_LIMITED, 'rate limited')
      return
    }
    try {
      const decoder = decoding.createDecoder(data)
      const type = decoding.readVarUint(decoder)
      switch (type) {
        case MESSAGE_SYNC:
          this.handleSync(decoder)
          break
        case MESSAGE_AWARENESS:
          this.handleAwareness(decoding.readVarUint8Array(decoder))
          break
        case MESSAGE_QUERY_AWARENESS:
          this.send(awarenessMessage(this.room.awareness, [...this.room.awareness.getStates().keys()]))
          break
        case MESSAGE_AUTH:
          break
        default:
          throw new TypeError(`unknown message type ${type}`)
      }
    } catch (err) {
      this.ctx.audit('sync.bad_frame', { room: this.room.name, user: this.user.id, ip: this.ip, error: String(err).slice(0, 200) })
      this.close(CLOSE_BAD_FRAME, 'malformed message')
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const kind = decoding.readVarUint(decoder)
    if (kind === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder)
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
      encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.room.doc, stateVector))
      this.send(encoding.toUint8Array(encoder))
      return
    }
    if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate) {
      const update = decoding.readVarUint8Array(decoder)
      void this.receiveUpdate(update)
      return
    }
    throw new TypeError(`unknown sync message ${kind}`)
  }

  private receiveUpdate(update: Uint8Array): Promise<void> {
    const quota = this.room.quotaOf(this.user.id, this.ctx.quotas)
    // counted as it arrives, before decoding: a flood of updates costs the validator nothing
    if (!quota.takeUpdate()) {
      this.refuseQuota('updates', update)
      return Promise.resolve()
    }
    return this.room.enqueue(async () => {
      if (this.closed) return
      const verdict = await this.room.validate(update)
      if (!verdict.ok) {
        this.ctx.audit('sync.update_rejected', { room: this.room.name, user: this.user.id, ip: this.ip, reason: verdict.reason, bytes: update.length })
        if (verdict.reason !== 'incomplete') this.close(CLOSE_BAD_FRAME, 'update refused')
        return
      }
      if (verdict.roots.length === 0) return // nothing new
      const writable = this.ctx.writableRoots(this.user, this.room)
      const forbidden = verdict.roots.filter((r) => !writable.has(r))
      if (forbidden.length > 0) {
        this.room.refuse()
        this.ctx.audit('sync.write_refused', { room: this.room.name, user: this.user.id, ip: this.ip, roots: forbidden, access: this.access })
        return
      }
      const breach = quota.judge(verdict, this.room, update.length)
      if (breach) {
        this.room.refuse()
        return this.refuseQuota(breach, update)
      }
      // a full disk: refused before trying, and the client keeps the update and retries (4507)
      if (this.ctx.space.full) {
        this.room.refuse()
        this.close(CLOSE_STORAGE_FULL, 'storage full')
        return
      }
      try {
        await this.room.commit(update, this, true)
      } catch (err) {
        const full = this.ctx.space.noteFailure(err)
        void this.ctx.audit('sync.store_failed', { room: this.room.name, error: String(err).slice(0, 200) })
        this.close(full ? CLOSE_STORAGE_FULL : CLOSE_SERVER_BUSY, full ? 'storage full' : 'storage unavailable')
        return
      }
      this.ctx.afterCommit(this.room)
    })
  }

  private refuseQuota(breach: QuotaBreach, update: Uint8Array): void {
    this.ctx.audit('sync.quota_exceeded', { room: this.room.name, user: this.user.id, ip: this.ip, quota: breach, bytes: update.length })
    this.close(...QUOTA_CLOSE[breach])
  }

  private handleAwareness(update: Uint8Array): void {
    const owns = (clientID: number): boolean => {
      // another process's client (even one claimed here before its state arrived) — unless it is
      // this user's, come over (its process may be gone)
      if (this.room.remoteClients.has(clientID)) {
        const state = this.room.awareness.getStates().get(clientID) as { user?: { id?: unknown } } | undefined
        if (state?.user?.id !== this.user.id) return false
        this.room.remoteClients.delete(clientID)
      }
      if (this.clients.has(clientID)) return true
      for (const peer of this.room.peers) if (peer instanceof Connection && peer !== this && peer.clients.has(clientID)) return false
      this.clients.add(clientID)
      return true
    }
    const stamped = stampAwareness(update, this.identity, owns)
    if (stamped.clients.length > 0) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, stamped.update, this)
  }
}

function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}
