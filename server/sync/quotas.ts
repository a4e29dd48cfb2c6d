// Per-room quotas (issue 13 §6): one writer must not be able to freeze a document for everyone.
// A room's state is bounded in size and in client ids (every client id stays in the document's
// state vector, sent with each commit), and each user's share of a room is bounded: updates a
// second and new client ids over time. Only the update that would pass a bound is refused, and
// its sender closed; everyone else keeps writing.
import { TokenBucket } from './TokenBucket'
import type { Verdict } from './UpdateValidator'

export interface RoomQuotas {
  /** the room's state may not grow past this (delete-only updates still pass) */
  maxStateBytes: number
  /** client ids one document may hold */
  maxClientIds: number
  /** new client ids one user may bring into a room: a burst, refilled over ten minutes */
  clientIdsPerUser: number
  /** updates a second one user may send to one room (all their connections), and the burst */
  updatesPerSecondPerUser: number
  updateBurstPerUser: number
}

export const DEFAULT_ROOM_QUOTAS: RoomQuotas = {
  maxStateBytes: 64 * 1024 * 1024,
  maxClientIds: 10_000,
  clientIdsPerUser: 64,
  // as much as one connection may send: one user's connections together get no more
  updatesPerSecondPerUser: 300,
  updateBurstPerUser: 600,
}

export type QuotaBreach = 'updates' | 'client_ids' | 'state_size'

/** One user's share of one room, kept while the room is loaded. */
export class UserQuota {
  private readonly updates: TokenBucket
  private readonly clientIds: TokenBucket

  constructor(private readonly quotas: RoomQuotas) {
    this.updates = new TokenBucket(quotas.updatesPerSecondPerUser, quotas.updateBurstPerUser)
    this.clientIds = new TokenBucket(quotas.clientIdsPerUser / 600, quotas.clientIdsPerUser)
  }

  /** Counts one update before it is decoded; false when the user is over their rate. */
  takeUpdate(): boolean {
    return this.updates.take(1)
  }

  /**
   * Judges a validated update against the room's bounds and this user's client-id allowance
   * (counted only when the update passes).
   */
  judge(verdict: Extract<Verdict, { ok: true }>, room: { clientCount(): number; approxBytes(): number }, updateBytes: number): QuotaBreach | null {
    if (verdict.grew && room.approxBytes() + updateBytes > this.quotas.maxStateBytes) return 'state_size'
    if (verdict.newClients > 0) {
      if (room.clientCount() + verdict.newClients > this.quotas.maxClientIds) return 'client_ids'
      if (!this.clientIds.take(verdict.newClients)) return 'client_ids'
    }
    return null
  }
}
