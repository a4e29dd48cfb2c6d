// Room names are the unit of access control (ARCHITECTURE.md §3.1): one Y.Doc per room, read
// all-or-nothing. The name says what kind of room it is; the server decides who may read and write.

export type RoomKind = 'doc' | 'meeting' | 'inbox' | 'directory' | 'seals' | 'venues' | 'archive' | 'bulletin'

export interface RoomRef {
  readonly kind: RoomKind
  /** uuid for doc/meeting rooms, user id for inbox rooms, empty for the singletons */
  readonly id: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const USER_ID = /^[a-z0-9_-]{1,64}$/

export function parseRoomName(name: string): RoomRef | null {
  if (name === 'directory' || name === 'seals' || name === 'venues' || name === 'archive' || name === 'bulletin') return { kind: name, id: '' }
  const sep = name.indexOf(':')
  if (sep < 0) return null
  const kind = name.slice(0, sep)
  const id = name.slice(sep + 1)
  if ((kind === 'doc' || kind === 'meeting') && UUID.test(id)) return { kind, id }
  if (kind === 'inbox' && USER_ID.test(id)) return { kind, id }
  return null
}

export function roomName(ref: RoomRef): string {
  return ref.id === '' ? ref.kind : `${ref.kind}:${ref.id}`
}

export const docRoom = (uuid: string): string => `doc:${uuid}`
export const inboxRoom = (userId: string): string => `inbox:${userId}`
export const SEALS_ROOM = 'seals'
/** meeting rooms and their bookings (办会) */
export const VENUES_ROOM = 'venues'
export const DIRECTORY_ROOM = 'directory'

export function isDocRoom(name: string): boolean {
  return parseRoomName(name)?.kind === 'doc'
}
