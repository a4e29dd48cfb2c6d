// The `bulletin` room: announcements by id, server-written (src/core/sync/roots.ts).
import type * as Y from 'yjs'

export const BULLETIN_ROOM = 'bulletin'

export interface Announcement {
  id: string
  title: string
  body: string
  by: string
  byName: string
  at: string
  pinned?: boolean
}

/** Announcements, pinned first, then newest first. */
export function readBulletin(doc: Y.Doc): Announcement[] {
  return [...doc.getMap<Announcement>('posts').values()].sort((a, b) => Number(!!b.pinned) - Number(!!a.pinned) || b.at.localeCompare(a.at))
}

/** Who may post and withdraw: administrators. */
export const mayPost = (roles: readonly string[]): boolean => roles.includes('admin')
