// Which of the rooms a user belongs to they may see listed: membership is the store's answer,
// clearance is policy, so it lives here once for every store.
import { isClearance, mayRead } from '../directory/model'
import type { RoomRecord, UserRecord } from './types'

export function visibleRooms(user: Pick<UserRecord, 'clearance'>, rooms: readonly RoomRecord[]): RoomRecord[] {
  return rooms.filter((r) => !r.classification || !isClearance(r.classification) || mayRead(user.clearance, r.classification))
}
