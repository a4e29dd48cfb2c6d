// Who may read and write which room (ARCHITECTURE.md §3.1, as far as issue 2 reaches): a document
// belongs to its creator and the users it was shared with; the directory is read by everyone
// signed in; an inbox by its user; the server writes both.
import { isClearance, mayRead } from '../../src/core/directory/model'
import { clientWritableRoots } from '../../src/core/sync/roots'
import type { RoomRef } from '../../src/core/sync/roomName'
import type { RoomRecord, UserRecord } from '../../src/core/storage/types'

export type RoomAccess = 'none' | 'read' | 'write'

export function accessOf(user: UserRecord, ref: RoomRef, record: RoomRecord | undefined): RoomAccess {
  switch (ref.kind) {
    case 'doc': {
      if (!record) return 'none'
      // 密级: never synced to anyone cleared below it, whatever the route or sharing says
      if (record.classification && isClearance(record.classification) && !mayRead(user.clearance, record.classification)) return 'none'
      if (record.flowKind) {
        // a 公文: the flow's editing holders write; during 拟稿, so do those the drafter shared
        // it with for editing (协同起草); everyone else on the route reads
        if (record.editors?.includes(user.id)) return 'write'
        const coDrafting = record.step === 'draft' && !record.frozen && record.members[user.id] === 'write'
        if (coDrafting) return 'write'
        return record.owner === user.id || user.id in record.members ? 'read' : 'none'
      }
      if (record.owner === user.id) return 'write'
      return record.members[user.id] ?? 'none'
    }
    case 'meeting':
      // the organiser writes the agenda, minutes and materials, the chosen minute-takers the
      // minutes; invitees (and substitutes) read
      if (!record) return 'none'
      if (record.owner === user.id || record.editors?.includes(user.id)) return 'write'
      return record.members[user.id] ?? 'none'
    case 'directory':
    case 'seals':
    case 'venues':
    case 'bulletin':
      return 'read'
    case 'inbox':
      return ref.id === user.id ? 'read' : 'none'
    case 'archive':
      // the catalogue and its packages: archivists (and administrators) only; others borrow
      return user.roles.includes('archivist') || user.roles.includes('admin') ? 'read' : 'none'
    default:
      return 'none'
  }
}

/** The roots `user` may write in the room now: access and the flow (sign-off freezes the content) change it. */
export function writableRoots(user: UserRecord, ref: RoomRef, record: RoomRecord | undefined): ReadonlySet<string> {
  if (accessOf(user, ref, record) !== 'write') return new Set()
  const roots = clientWritableRoots(ref.kind)
  // a minute-taker writes the minutes only
  if (ref.kind === 'meeting' && record?.owner !== user.id) return new Set([...roots].filter((r) => r === 'minutes'))
  // signed off: margin notes stay open, the content does not
  if (record?.frozen) return new Set([...roots].filter((r) => r === 'notes'))
  return roots
}
