// How a loaded room hears of what other processes sharing its store commit (several processes:
// server/scale/RedisFanout.ts). The relay asks for a link before it reads the room from the store,
// so nothing committed in between is missed, and drops it when the room leaves memory.
import type { Room } from './Room'

export interface RoomFanout {
  /** Starts listening for the room; what arrives before `attach` is kept. */
  open(name: string): Promise<RoomLink>
  close(): Promise<void>
}

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

/** the origin of updates and awareness that came from another process */
export const REMOTE = Symbol('remote')
