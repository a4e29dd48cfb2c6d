// React access to the sync engine: the status for the header, a room's document, the directory.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import type { Directory, DirectoryUser, Unit } from '../../core/directory/model'
import { docView, type DocView } from '../../core/docflow/view'
import type { InboxItem, InboxNotice } from '../../core/docflow/inbox'
import { DIRECTORY_ROOM, SEALS_ROOM, VENUES_ROOM, inboxRoom, parseRoomName } from '../../core/sync/roomName'
import { readMeetingRoom } from '../../core/meeting/meetingRoom'
import type { Reply } from '../../core/meeting/attendance'
import type { QueuedCommand } from '../../core/workcentre/workItems'
import { BULLETIN_ROOM, readBulletin, type Announcement } from '../../core/bulletin/model'
import { readVenues, type VenueState } from '../../core/meeting/bookings'
import { myMeetings } from '../../core/meeting/calendar'
import { ARCHIVE_ROOM, EMPTY_ARCHIVE, readArchive, readLoans, type ArchiveState, type Loan } from '../../core/archive/catalogue'
import type { Booking } from '../../core/meeting/model'
import { useLiveQuery } from '../store'
import type { FollowUp } from '../../core/meeting/tasks'
import { sealRecords, type SealRecord } from '../../core/seal/registry'
import { directoryTrust, type DirectoryTrust } from '../../core/directory/trust'
import type { SyncEngine, SyncStatus } from './SyncEngine'

export const EngineContext = createContext<SyncEngine | null>(null)

export function useEngine(): SyncEngine {
  const engine = useContext(EngineContext)
  if (!engine) throw new Error('SyncEngine missing')
  return engine
}

export function useSyncStatus(): SyncStatus {
  const engine = useEngine()
  return useSyncExternalStore(engine.subscribe, engine.getStatus)
}

/** The room's document and provider once loaded from the store (null until then). */
export function useRoom(room: string): { doc: Y.Doc; provider: WebsocketProvider } | null {
  const engine = useEngine()
  const [entry, setEntry] = useState<{ doc: Y.Doc; provider: WebsocketProvider } | null>(null)
  useEffect(() => {
    let live = true
    engine.open(room).then((e) => live && setEntry(e), () => live && setEntry(null))
    return () => {
      live = false
    }
  }, [engine, room])
  return entry
}

/**
 * A value read from a Y.Doc, read again on every change to it. `read` must be stable (defined
 * at module level or memoised): it is what the subscription depends on.
 */
export function useDocValue<T>(doc: Y.Doc | null | undefined, read: (doc: Y.Doc) => T, initial: T): T {
  const [value, setValue] = useState<T>(initial)
  useEffect(() => {
    if (!doc) return
    const update = (): void => setValue(read(doc))
    update()
    doc.on('update', update)
    return () => doc.off('update', update)
  }, [doc, read])
  return value
}

/** A value read from a room's local copy (the room opened and kept in sync by the engine). */
export function useRoomValue<T>(room: string, read: (doc: Y.Doc) => T, initial: T): T {
  return useDocValue(useRoom(room)?.doc, read, initial)
}

const readDirectory = (doc: Y.Doc): Directory => ({ units: [...doc.getMap<Unit>('units').values()], users: [...doc.getMap<DirectoryUser>('users').values()] })
const EMPTY_DIRECTORY: Directory = { units: [], users: [] }
const NO_UNITS: readonly Unit[] = []

/** The 通讯录, from the local copy of the directory room. */
export function useDirectory(): Directory {
  return useRoomValue(DIRECTORY_ROOM, readDirectory, EMPTY_DIRECTORY)
}

/** The document's content and flow, recomputed on every change to its room or the directory. */
export function useDocView(doc: Y.Doc | undefined, users: readonly DirectoryUser[], units: readonly Unit[] = NO_UNITS): DocView | null {
  const read = useCallback((d: Y.Doc): DocView | null => docView(d, [...users], units), [users, units])
  return useDocValue(doc, read, null)
}

export interface Inbox {
  items: InboxItem[]
  notices: InboxNotice[]
  /** 督办 tasks owned by the user */
  tasks: FollowUp[]
}

const readInbox = (doc: Y.Doc): Inbox => ({
  items: [...doc.getMap<InboxItem>('items').values()],
  notices: doc.getArray<InboxNotice>('notices').toArray(),
  tasks: [...doc.getMap<FollowUp>('tasks').values()],
})
const EMPTY_INBOX: Inbox = { items: [], notices: [], tasks: [] }

/** The user's 待办 / 已办 / 办结 and 督办, from the local copy of their inbox room. */
export function useInbox(): Inbox {
  return useRoomValue(inboxRoom(useEngine().session.user.id), readInbox, EMPTY_INBOX)
}

const NO_SEALS: SealRecord[] = []

/** The seal registry, from the local copy of the `seals` room. */
export function useSeals(): SealRecord[] {
  return useRoomValue(SEALS_ROOM, sealRecords, NO_SEALS)
}

/** The agency root, certificates and revocations, for verifying seals offline. */
export function useTrust(): DirectoryTrust | null {
  return useRoomValue<DirectoryTrust | null>(DIRECTORY_ROOM, directoryTrust, null)
}

const EMPTY_VENUES: VenueState = { rooms: {}, bookings: {} }

/** Meeting rooms and bookings, from the local copy of the `venues` room. */
export function useVenues(): VenueState {
  return useRoomValue(VENUES_ROOM, readVenues, EMPTY_VENUES)
}

/** The user's own meetings (organised, invited, 列席, or let in as 代会), from the local copies. */
export function useMyMeetings(): Booking[] {
  const engine = useEngine()
  const venues = useVenues()
  const readable = useLiveQuery(() => engine.db.rooms.where('kind').equals('meeting').primaryKeys(), [engine])
  const ids = readable?.map((r) => String(r).slice('meeting:'.length)).join(',') ?? ''
  return useMemo(() => myMeetings(venues, engine.session.user.id, new Set(ids.split(','))), [venues, engine, ids])
}

/** The archive (待归档, catalogue, checks, loans), from the local copy of the `archive` room. */
export function useArchive(): ArchiveState {
  return useRoomValue(ARCHIVE_ROOM, readArchive, EMPTY_ARCHIVE)
}

const NO_LOANS: Loan[] = []

/** The user's own 借阅 requests and their answers, from their inbox room. */
export function useMyLoans(): Loan[] {
  return useRoomValue(inboxRoom(useEngine().session.user.id), readLoans, NO_LOANS)
}

/**
 * The room's document and whether it is ready to be listed: loaded from the store and, when the
 * store held nothing of it yet (first sign-in), synced once with the server, or offline. Lists
 * wait for it, so they never say 暂无事项 before their rows arrive.
 */
export function useRoomReady(room: string): { doc: Y.Doc | null; ready: boolean } {
  const entry = useRoom(room)
  const [synced, setSynced] = useState(false)
  useEffect(() => {
    if (!entry) return
    if (entry.provider.synced) setSynced(true)
    const onSync = (s: boolean): void => {
      if (s) setSynced(true)
    }
    entry.provider.on('sync', onSync)
    // a server that never answers must not keep the list waiting forever
    const timer = setTimeout(() => setSynced(true), 4000)
    return () => {
      entry.provider.off('sync', onSync)
      clearTimeout(timer)
    }
  }, [entry])
  const ready = !!entry && (synced || !navigator.onLine || entry.doc.store.clients.size > 0)
  return { doc: entry?.doc ?? null, ready }
}

const NO_REPLIES: Record<string, Record<string, Reply>> = {}

/** Each meeting room's 回执 held on this machine, by meeting id, kept fresh as rooms change. */
export function useMeetingReplies(): Record<string, Record<string, Reply>> {
  const engine = useEngine()
  const [replies, setReplies] = useState(NO_REPLIES)
  useEffect(() => {
    const docs = new Map<string, Y.Doc>()
    const offs: (() => void)[] = []
    let timer: ReturnType<typeof setTimeout> | null = null
    const publish = (): void => {
      timer ??= setTimeout(() => {
        timer = null
        setReplies(Object.fromEntries([...docs].map(([id, d]) => [id, readMeetingRoom(d).attendance])))
      }, 50)
    }
    const stop = engine.observeRooms({
      opened(room, doc) {
        const ref = parseRoomName(room)
        if (ref?.kind !== 'meeting' || docs.has(ref.id)) return
        docs.set(ref.id, doc)
        doc.on('update', publish)
        offs.push(() => doc.off('update', publish))
        publish()
      },
      refused() {},
      synced() {},
    })
    return () => {
      stop()
      offs.forEach((f) => f())
      if (timer) clearTimeout(timer)
    }
  }, [engine])
  return replies
}

const NO_QUEUED: QueuedCommand[] = []

/** The user's signed commands the server has not answered yet (they settle items at once). */
export function useQueuedCommands(): QueuedCommand[] {
  const engine = useEngine()
  const rows = useLiveQuery(() => engine.db.outbox.where('status').equals('pending').toArray(), [engine])
  return useMemo(() => (rows ?? []).flatMap((r) => (r.command ? [{ type: r.command.type, room: r.command.room, payload: r.command.payload }] : [])), [rows]) ?? NO_QUEUED
}

const NO_POSTS: Announcement[] = []

/** 通知公告, from the local copy of the `bulletin` room. */
export function useBulletin(): Announcement[] {
  return useRoomValue(BULLETIN_ROOM, readBulletin, NO_POSTS)
}
