// One room in memory: its Y.Doc, its awareness, the connections on it, and a queue that keeps its
// updates in order. An update is made durable before anyone else sees it.
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { MESSAGE_AWARENESS, MESSAGE_SYNC, encodePersisted } from '../../src/core/sync/messages'
import type { RoomRef } from '../../src/core/sync/roomName'
import type { Storage } from '../storage/types'

export interface RoomPeer {
  send(message: Uint8Array): void
}

/** compact the log into a snapshot once it holds this many records */
const COMPACT_AFTER = 200

export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness: awarenessProtocol.Awareness
  readonly peers = new Set<RoomPeer>()
  private queue: Promise<unknown> = Promise.resolve()
  private stateCache: Uint8Array | null = null

  private constructor(
    readonly name: string,
    readonly ref: RoomRef,
    private readonly storage: Storage,
  ) {
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const changed = [...added, ...updated, ...removed]
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
      this.broadcast(encoding.toUint8Array(encoder))
    })
    this.doc.on('update', () => {
      this.stateCache = null
    })
  }

  static async load(name: string, ref: RoomRef, storage: Storage): Promise<Room> {
    const room = new Room(name, ref, storage)
    const updates = await storage.loadRoom(name)
    if (updates.length > 0) Y.applyUpdate(room.doc, Y.mergeUpdates(updates), 'storage')
    return room
  }

  /** The whole state as one update (cached until the next change). */
  state(): Uint8Array {
    this.stateCache ??= Y.encodeStateAsUpdate(this.doc)
    return this.stateCache
  }

  /** Runs `task` after every earlier task of this room. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task)
    this.queue = next.catch(() => undefined)
    return next
  }

  idle(): Promise<unknown> {
    return this.queue
  }

  /** Persists, applies and relays an accepted update. Call inside `enqueue`. */
  async commit(update: Uint8Array, from: RoomPeer | null): Promise<void> {
    await this.storage.appendUpdate(this.name, update)
    Y.applyUpdate(this.doc, update, from)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeUpdate(encoder, update)
    const message = encoding.toUint8Array(encoder)
    for (const peer of this.peers) if (peer !== from) peer.send(message)
    this.broadcast(encodePersisted(Y.encodeStateVector(this.doc)))
    if (this.storage.logLength(this.name) >= COMPACT_AFTER) await this.storage.compactRoom(this.name, this.state())
  }

  /** A change made by the server itself (directory, flow): same path as a client's. */
  writeAsServer(change: (doc: Y.Doc) => void): Promise<void> {
    return this.enqueue(async () => {
      const scratch = new Y.Doc()
      Y.applyUpdate(scratch, this.state())
      const before = Y.encodeStateVector(scratch)
      change(scratch)
      const update = Y.encodeStateAsUpdate(scratch, before)
      if (update.length > 2 && !isEmptyUpdate(update)) await this.commit(update, null)
    })
  }

  broadcast(message: Uint8Array): void {
    for (const peer of this.peers) peer.send(message)
  }

  destroy(): void {
    this.awareness.destroy()
    this.doc.destroy()
  }
}

function isEmptyUpdate(update: Uint8Array): boolean {
  const decoded = Y.decodeUpdate(update)
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0
}
