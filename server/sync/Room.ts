// One room in memory: its Y.Doc, its awareness, the connections on it, and a queue that keeps its
// updates in order. An update is made durable before anyone else sees it.
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { MESSAGE_AWARENESS, MESSAGE_SYNC, encodePersisted } from '../../src/core/sync/messages'
import type { RoomRef } from '../../src/core/sync/roomName'
import type { RoomRecord, Storage } from '../../src/core/storage/types'
import { UserQuota, type RoomQuotas } from './quotas'
import type { UpdateValidator, Verdict } from './UpdateValidator'
import { currentStage, trackDurable } from '../storage/staging'

/** the origin of updates and awareness that came from another process */
export const REMOTE = Symbol('remote')

/** A loaded room's link to the other processes serving it (server/sync/fanout.ts). */
export interface RoomLink {
  /** The room is loaded at `room.position`: kept messages past it are applied, and its commits and awareness go out from now on. */
  attach(room: Room): void
  /** The room made `update` durable at `position` (called by Room.commit). */
  committed(update: Uint8Array, position: number): void
  /** Brings the room up to what the store holds now (before the server reads or writes it). */
  catchUp(): Promise<void>
  /** The room leaves memory. */
  detach(): void
}

export interface RoomPeer {
  send(message: Uint8Array): void
  /** what is sent from `cork` to `uncork` leaves in one write of the socket */
  cork?(): void
  uncork?(): void
}

/**
 * compact the log into a snapshot once it holds this many records and, for a large document, as
 * many bytes as a quarter of its snapshot: writing the snapshot then costs O(1) per byte appended
 */
const COMPACT_AFTER = 200

/**
 * A guid for the server's documents: Yjs makes one with lib0's uuidv4 otherwise, which draws
 * random bytes 31 times — 0.6 ms a document, and a command makes three. Only subdocuments read it.
 */
let docs = 0
const newDoc = (): Y.Doc => new Y.Doc({ gc: true, guid: `zt-${++docs}` })

export class Room {
  readonly doc = newDoc()
  readonly awareness: awarenessProtocol.Awareness
  readonly peers = new Set<RoomPeer>()
  /** documents and meetings: the record saying who may read and write it now (kept fresh by the relay) */
  record: RoomRecord | undefined
  /** the store position this copy holds (kept only when loaded for a fan-out) */
  position = 0
  /** other processes serving this room (several processes), or null */
  link: RoomLink | null = null
  /** awareness client ids of other processes' clients: no connection here may speak for them */
  readonly remoteClients = new Set<number>()
  private queue: Promise<unknown> = Promise.resolve()
  /**
   * the document with the server's staged writes that are not durable yet (server/storage/staging.ts),
   * which the judges after them read and write from; null when there are none
   */
  private ahead: Y.Doc | null = null
  private staging = 0
  /** the staged writes not yet durable (the document ahead is built again from them after a failed change) */
  private readonly pending = new Set<Uint8Array>()
  private stateCache: Uint8Array | null = null
  /** size of the state when loaded or last compacted, and bytes committed since (an upper bound of the state's size) */
  private snapshotBytes = 0
  private logBytes = 0
  private readonly quotas = new Map<string, UserQuota>()

  private constructor(
    readonly name: string,
    readonly ref: RoomRef,
    private readonly storage: Storage,
    private readonly validator: UpdateValidator,
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

  /** `positioned`: read the room with the position it stands at (for a fan-out to go on from) */
  static async load(name: string, ref: RoomRef, storage: Storage, validator: UpdateValidator, positioned = false): Promise<Room> {
    const room = new Room(name, ref, storage, validator)
    let updates: Uint8Array[]
    if (positioned) {
      const read = await storage.updatesSince(name, 0)
      updates = read.updates
      room.position = read.position
    } else updates = await storage.loadRoom(name)
    if (updates.length > 0) Y.applyUpdate(room.doc, Y.mergeUpdates(updates), 'storage')
    room.snapshotBytes = updates.length > 0 ? room.state().length : 0
    return room
  }

  /** At most the size of the state as one update, without encoding it. */
  approxBytes(): number {
    return this.snapshotBytes + this.logBytes
  }

  /** Client ids in the document. */
  clientCount(): number {
    return this.doc.store.clients.size
  }

  /** `userId`'s share of this room (kept while the room is loaded). */
  quotaOf(userId: string, quotas: RoomQuotas): UserQuota {
    let quota = this.quotas.get(userId)
    if (!quota) this.quotas.set(userId, (quota = new UserQuota(quotas)))
    return quota
  }

  /** Checks a client's update against the validator's copy of this room. Call inside `enqueue`. */
  validate(update: Uint8Array): Promise<Verdict> {
    return this.validator.validate(this.name, () => this.state(), update)
  }

  /** A validated update that will not be committed (refused by access or quota). */
  refuse(): void {
    this.validator.refused(this.name)
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

  /**
   * Persists, applies and relays an accepted update. Call inside `enqueue`; `validated`: the
   * validator's copy already holds it (a client's update), else it is told.
   */
  async commit(update: Uint8Array, from: RoomPeer | null, validated = false): Promise<void> {
    let position: number
    try {
      position = await this.storage.appendUpdate(this.name, update)
    } catch (err) {
      if (validated) this.refuse()
      throw err
    }
    if (!validated) this.validator.committed(this.name, update)
    Y.applyUpdate(this.doc, update, from)
    this.aheadToo(update, from)
    this.logBytes += update.length
    this.relay(update, from)
    // durable first, then out to the other processes
    this.link?.committed(update, position)
    await this.compactIfDue()
  }

  /** Call inside `enqueue`. Not while server writes are staged: the log holds some the state lacks. */
  private async compactIfDue(): Promise<void> {
    if (this.staging > 0) return
    if (this.storage.logLength(this.name) >= COMPACT_AFTER && this.logBytes * 4 >= this.snapshotBytes) {
      const state = this.state()
      await this.storage.compactRoom(this.name, state)
      this.snapshotBytes = state.length
      this.logBytes = 0
    }
  }

  /**
   * A server write inside a stage (a command's effect): the judges after it read it at once, from
   * `serverDoc()`; the peers, the validator and the other processes get it once it is durable.
   * Resolves then; the room must stay loaded until it does.
   */
  private stage(update: Uint8Array): Promise<void> {
    this.staging++
    this.pending.add(update)
    const durable = this.storage
      .appendUpdate(this.name, update)
      .then((position) => {
        this.pending.delete(update)
        this.validator.committed(this.name, update)
        Y.applyUpdate(this.doc, update, null)
        this.logBytes += update.length
        this.relay(update, null)
        this.link?.committed(update, position)
      })
      .finally(() => {
        this.pending.delete(update)
        if (--this.staging > 0) return
        // the document holds everything the server wrote; the copy ahead is kept for the next
        // command (building it costs the whole document) until a client's update arrives
        void this.enqueue(() => this.compactIfDue())
      })
    trackDurable(durable)
    return durable
  }

  /**
   * A committed update the document ahead must hold too while writes are staged; with none
   * staged, the copy goes instead (one view again), so clients' edits are not applied twice.
   */
  private aheadToo(update: Uint8Array, origin: unknown): void {
    if (!this.ahead) return
    if (this.staging > 0) Y.applyUpdate(this.ahead, update, origin)
    else {
      this.ahead.destroy()
      this.ahead = null
    }
  }

  /** What the server judges and writes from: the document with its staged writes. */
  serverDoc(): Y.Doc {
    return this.ahead ?? this.doc
  }

  /**
   * An update another process made durable: applied, and what was new in it relayed like one of
   * ours. Not queued: it needs no check, and a CRDT takes it in any order.
   */
  applyRemote(update: Uint8Array): void {
    let applied: Uint8Array | null = null
    const take = (u: Uint8Array, origin: unknown): void => {
      if (origin === REMOTE) applied = u
    }
    this.doc.on('update', take)
    try {
      Y.applyUpdate(this.doc, update, REMOTE)
    } finally {
      this.doc.off('update', take)
    }
    if (!applied) return // held already (our own, or read twice in a catch-up)
    this.aheadToo(applied, REMOTE)
    this.validator.committed(this.name, applied)
    this.logBytes += (applied as Uint8Array).length
    this.relay(applied, null)
  }

  private relay(update: Uint8Array, from: RoomPeer | null): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeUpdate(encoder, update)
    const message = encoding.toUint8Array(encoder)
    const persisted = encodePersisted(Y.encodeStateVector(this.doc))
    // a peer's update and durable state vector go out in one write (one syscall per socket, not two)
    for (const peer of this.peers) {
      peer.cork?.()
      if (peer !== from) peer.send(message)
      peer.send(persisted)
      peer.uncork?.()
    }
  }

  /**
   * A change made by the server itself (directory, flow): same path as a client's. Inside a stage
   * it resolves once staged, with the promise of its durability (null when nothing was written
   * or outside a stage, where it resolves once durable and relayed). Wrapped: a promise returned
   * from the queue's task would be waited for.
   */
  writeAsServer(change: (doc: Y.Doc) => void): Promise<{ durable: Promise<void> } | null> {
    return this.enqueue(async () => {
      if (currentStage()) {
        const update = this.changeAhead(change)
        return update ? { durable: this.stage(update) } : null
      }
      const scratch = newDoc()
      Y.applyUpdate(scratch, this.state())
      const before = Y.encodeStateVector(scratch)
      change(scratch)
      const update = Y.encodeStateAsUpdate(scratch, before)
      if (update.length <= 2 || isEmptyUpdate(update)) return null
      await this.commit(update, null)
      return null
    })
  }

  /**
   * Runs a staged change on the document ahead and returns the update it made (null for none):
   * O(change), where a scratch copy cost the whole document twice per write. A change that throws
   * leaves the copy half-changed, so it is built again from the room and the staged writes.
   */
  private changeAhead(change: (doc: Y.Doc) => void): Uint8Array | null {
    if (!this.ahead) {
      this.ahead = newDoc()
      Y.applyUpdate(this.ahead, this.state())
    }
    const ahead = this.ahead
    const made: Uint8Array[] = []
    const take = (u: Uint8Array): void => void made.push(u)
    ahead.on('update', take)
    try {
      ahead.transact(() => change(ahead))
    } catch (err) {
      ahead.off('update', take)
      ahead.destroy()
      this.ahead = newDoc()
      Y.applyUpdate(this.ahead, this.pending.size > 0 ? Y.mergeUpdates([this.state(), ...this.pending]) : this.state())
      throw err
    }
    ahead.off('update', take)
    // Yjs emits `update` only for a transaction that inserted or deleted something, so what was
    // taken is never empty: decoding it again to check (~2% of a command's main thread) is not needed
    return made.length === 1 ? made[0]! : made.length > 1 ? Y.mergeUpdates(made) : null
  }

  broadcast(message: Uint8Array): void {
    for (const peer of this.peers) peer.send(message)
  }

  destroy(): void {
    this.ahead?.destroy()
    this.validator.unload(this.name)
    this.awareness.destroy()
    this.doc.destroy()
  }
}

function isEmptyUpdate(update: Uint8Array): boolean {
  const decoded = Y.decodeUpdate(update)
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0
}
