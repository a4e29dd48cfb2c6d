// Who may read and write which room (ARCHITECTURE.md §3.1, as far as issue 2 reaches): a document
// belongs to its creator and the users it was shared with; the directory is read by everyone
// signed in; an inbox by its user; the server writes both.
import type { RoomRef } from '../../src/core/sync/roomName'
import type { RoomRecord, UserRecord } from '../storage/types'

export type RoomAccess = 'none' | 'read' | 'write'

export function accessOf(user: UserRecord, ref: RoomRef, record: RoomRecord | undefined): RoomAccess {
  switch (ref.kind) {
    case 'doc':
      if (!record) return 'none'
      if (record.owner === user.id) return 'write'
      return record.members[user.id] ?? 'none'
    case 'directory':
      return 'read'
    case 'inbox':
      return ref.id === user.id ? 'read' : 'none'
    default:
      return 'none'
  }
}
