// One loaded room's link to the other processes. Every update it hears of names the store position
// it was made durable at; the feed keeps the position up to which this copy holds everything. A
// message that skips a position (one published out of order, or lost while Redis was away) leaves
// a gap: when it is not filled within GAP_WAIT_MS, the feed reads what it lacks from the store,
// where it is already — updates are durable before they are published. A periodic sweep of the
// stored positions catches the update whose publisher died before publishing it.
import type { RoomUpdates } from '../../src/core/storage/types'
import type { Room, RoomLink } from '../sync/Room'
import { AwarenessBridge } from './AwarenessBridge'
import type { FanoutMessage } from './fanoutMessages'

/** how long a gap may stay open before the store is asked (messages of two publishers cross often) */
const GAP_WAIT_MS = 100

export interface FeedHost {
  readonly origin: string
  publish(room: string, message: FanoutMessage): void
  updatesSince(room: string, position: number): Promise<RoomUpdates>
  detached(feed: RoomFeed): void
}

export class RoomFeed implements RoomLink {
  private room: Room | null = null
  /** heard before the room was loaded */
  private readonly kept: FanoutMessage[] = []
  /** this copy holds every update up to here */
  private position = 0
  /** positions past a gap that this copy holds too */
  private readonly ahead = new Set<number>()
  private gapTimer: NodeJS.Timeout | null = null
  private running: Promise<void> = Promise.resolve()
  private queued: Promise<void> | null = null
  /** the position the store had reached at the last sweep */
  private swept = 0
  private awareness: AwarenessBridge | null = null
  private gone = false

  constructor(
    readonly name: string,
    private readonly host: FeedHost,
  ) {}

  attach(room: Room): void {
    this.room = room
    this.position = room.position
    room.link = this
    this.awareness = new AwarenessBridge(room, (update) => this.host.publish(this.name, { kind: 'awareness', origin: this.host.origin, update }))
    for (const message of this.kept.splice(0)) this.receive(message)
    // whoever holds the room already tells us who is in it
    this.host.publish(this.name, { kind: 'query', origin: this.host.origin })
  }

  receive(message: FanoutMessage): void {
    if (this.gone) return
    if (!this.room || !this.awareness) {
      this.kept.push(message)
      return
    }
    if (message.kind === 'update') {
      if (message.position <= this.position || this.ahead.has(message.position)) return
      this.room.applyRemote(message.update)
      this.saw(message.position)
    } else if (message.kind === 'awareness') this.awareness.receive(message.update)
    else {
      const states = this.awareness.local()
      if (states) this.host.publish(this.name, { kind: 'awareness', origin: this.host.origin, update: states })
    }
  }

  committed(update: Uint8Array, position: number): void {
    this.saw(position)
    this.host.publish(this.name, { kind: 'update', origin: this.host.origin, position, update })
  }

  /** Reads what the store holds past this copy's position; calls that come while one waits share it. */
  catchUp(): Promise<void> {
    if (this.queued) return this.queued
    const next = this.running.then(() => {
      this.queued = null
      return this.read()
    })
    this.queued = next
    this.running = next.catch(() => undefined)
    return next
  }

  /** The store's position for this room now: anything it had already reached at the last sweep and this copy still lacks is read. */
  sweep(stored: number): void {
    const behind = this.swept > this.position
    this.swept = stored
    if (behind) void this.catchUp().catch(() => undefined)
  }

  /** States of this process's clients, encoded as removed (the process is stopping). */
  farewell(): Uint8Array | null {
    return this.awareness?.farewell() ?? null
  }

  detach(): void {
    if (this.gone) return
    this.gone = true
    if (this.gapTimer) clearTimeout(this.gapTimer)
    this.awareness?.destroy()
    if (this.room?.link === this) this.room.link = null
    this.host.detached(this)
  }

  private async read(): Promise<void> {
    const room = this.room
    if (!room || this.gone) return
    const { updates, position } = await this.host.updatesSince(this.name, this.position)
    if (this.gone) return
    for (const update of updates) room.applyRemote(update)
    if (position > this.position) {
      this.position = position
      for (const p of this.ahead) if (p <= position) this.ahead.delete(p)
    }
    this.saw(this.position)
  }

  /** This copy holds the update at `position`: move past what is now contiguous, and watch any gap left. */
  private saw(position: number): void {
    if (position > this.position) this.ahead.add(position)
    while (this.ahead.delete(this.position + 1)) this.position++
    if (this.ahead.size === 0) {
      if (this.gapTimer) clearTimeout(this.gapTimer)
      this.gapTimer = null
    } else if (!this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null
        void this.catchUp().catch(() => undefined)
      }, GAP_WAIT_MS)
      this.gapTimer.unref()
    }
  }
}
