// The work list on this machine: every capability's pending items (src/core/workcentre) from the
// local copies of the inbox, venues, meeting and archive rooms and the outbox — offline as online.
import { useEffect, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import type { InboxNotice } from '../../../core/docflow/inbox'
import { ARCHIVE_ROOM, readArchive, type Loan } from '../../../core/archive/catalogue'
import type { FollowUp } from '../../../core/meeting/tasks'
import type { InboxItem } from '../../../core/docflow/inbox'
import { inboxRoom } from '../../../core/sync/roomName'
import { workItems, type WorkItem } from '../../../core/workcentre'
import { useDirectory, useDocValue, useEngine, useMeetingReplies, useQueuedCommands, useRoomReady, useRoomValue, useVenues } from '../../sync/hooks'

export interface Work {
  items: WorkItem[]
  /** the inbox room's own rows, for 草稿箱 and the notices */
  inboxItems: InboxItem[]
  notices: InboxNotice[]
  tasks: FollowUp[]
  /** false until the inbox is loaded (and synced once, if this machine held none of it) */
  ready: boolean
}

interface InboxRows { items: InboxItem[]; notices: InboxNotice[]; tasks: FollowUp[] }
const readInboxRows = (doc: Y.Doc): InboxRows => ({
  items: [...doc.getMap<InboxItem>('items').values()],
  notices: doc.getArray<InboxNotice>('notices').toArray(),
  tasks: [...doc.getMap<FollowUp>('tasks').values()],
})
const EMPTY: InboxRows = { items: [], notices: [], tasks: [] }
const NO_LOANS: Loan[] = []
const readArchiveLoans = (doc: Y.Doc): Loan[] => readArchive(doc).loans

/** Re-reads the time limits every minute, so 即将超时 turns into 已超时 while the page is open. */
function useMinute(): Date {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 60_000)
    return () => clearInterval(t)
  }, [])
  return now
}

export function useWork(): Work {
  const engine = useEngine()
  const user = engine.session.user
  const archivist = user.roles.includes('archivist')
  const { doc, ready } = useRoomReady(inboxRoom(user.id))
  const inbox = useDocValue(doc, readInboxRows, EMPTY)
  const venues = useVenues()
  const replies = useMeetingReplies()
  const queued = useQueuedCommands()
  const directory = useDirectory()
  const loans = useRoomValue(archivist ? ARCHIVE_ROOM : inboxRoom(user.id), archivist ? readArchiveLoans : noLoans, NO_LOANS)
  const now = useMinute()
  const items = useMemo(() => {
    const names = new Map(directory.users.map((u) => [u.id, u.name]))
    return workItems({ user, items: inbox.items, tasks: inbox.tasks, venues, replies, loans, queued, nameOf: (id) => names.get(id) ?? id }, now)
  }, [user, inbox, venues, replies, loans, queued, directory, now])
  return { items, inboxItems: inbox.items, notices: inbox.notices, tasks: inbox.tasks, ready }
}

const noLoans = (): Loan[] => NO_LOANS
