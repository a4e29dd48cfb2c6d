// How a loaded room hears of what other processes sharing its store commit (several processes:
// server/scale/RedisFanout.ts). The relay asks for a link before it reads the room from the store,
// so nothing committed in between is missed, and drops it when the room leaves memory.
import type { RoomLink } from './Room'

export interface RoomFanout {
  /** Starts listening for the room; what arrives before `attach` is kept. */
  open(name: string): Promise<RoomLink>
  close(): Promise<void>
}
