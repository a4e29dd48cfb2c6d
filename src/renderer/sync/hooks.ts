// React access to the sync engine: the status for the header, a room's document, the directory.
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import type { Directory, DirectoryUser, Unit } from '../../core/directory/model'
import { docView, type DocView } from '../../core/docflow/view'
import type { InboxItem, InboxNotice } from '../../core/docflow/inbox'
import { DIRECTORY_ROOM, SEALS_ROOM, VENUES_ROOM, inboxRoom } from '../../core/sync/roomName'
import { readVenues, type VenueState } from '../../core/meeting/bookings'
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

/** The 通讯录, from the local copy of the directory room, re-read on every change. */
export function useDirectory(): Directory {
  const entry = useRoom(DIRECTORY_ROOM)
  const [dir, setDir] = useState<Directory>({ units: [], users: [] })
  useEffect(() => {
    if (!entry) return
    const units = entry.doc.getMap<Unit>('units')
    const users = entry.doc.getMap<DirectoryUser>('users')
    const read = (): void => setDir({ units: [...units.values()], users: [...users.values()] })
    read()
    entry.doc.on('update', read)
    return () => entry.doc.off('update', read)
  }, [entry])
  return dir
}

/** The document's content and flow, recomputed on every change to its room or the directory. */
export function useDocView(doc: Y.Doc | undefined, users: readonly DirectoryUser[]): DocView | null {
  const [view, setView] = useState<DocView | null>(null)
  useEffect(() => {
    if (!doc) return
    const read = (): void => setView(docView(doc, [...users]))
    read()
    doc.on('update', read)
    return () => doc.off('update', read)
  }, [doc, users])
  return view
}

export interface Inbox {
  items: InboxItem[]
  notices: InboxNotice[]
  /** 督办 tasks owned by the user */
  tasks: FollowUp[]
}

/** The user's 待办 / 已办 / 办结, from the local copy of their inbox room. */
export function useInbox(): Inbox {
  const engine = useEngine()
  const entry = useRoom(inboxRoom(engine.session.user.id))
  const [inbox, setInbox] = useState<Inbox>({ items: [], notices: [], tasks: [] })
  useEffect(() => {
    if (!entry) return
    const items = entry.doc.getMap<InboxItem>('items')
    const notices = entry.doc.getArray<InboxNotice>('notices')
    const tasks = entry.doc.getMap<FollowUp>('tasks')
    const read = (): void => setInbox({ items: [...items.values()], notices: notices.toArray(), tasks: [...tasks.values()] })
    read()
    entry.doc.on('update', read)
    return () => entry.doc.off('update', read)
  }, [entry])
  return inbox
}

/** The seal registry, from the local copy of the `seals` room. */
export function useSeals(): SealRecord[] {
  const entry = useRoom(SEALS_ROOM)
  const [seals, setSeals] = useState<SealRecord[]>([])
  useEffect(() => {
    if (!entry) return
    const read = (): void => setSeals(sealRecords(entry.doc))
    read()
    entry.doc.on('update', read)
    return () => entry.doc.off('update', read)
  }, [entry])
  return seals
}

/** The agency root, certificates and revocations, for verifying seals offline. */
export function useTrust(): DirectoryTrust | null {
  const entry = useRoom(DIRECTORY_ROOM)
  const [trust, setTrust] = useState<DirectoryTrust | null>(null)
  useEffect(() => {
    if (!entry) return
    const read = (): void => setTrust(directoryTrust(entry.doc))
    read()
    entry.doc.on('update', read)
    return () => entry.doc.off('update', read)
  }, [entry])
  return trust
}

/** Meeting rooms and bookings, from the local copy of the `venues` room. */
export function useVenues(): VenueState {
  const entry = useRoom(VENUES_ROOM)
  const [state, setState] = useState<VenueState>({ rooms: {}, bookings: {} })
  useEffect(() => {
    if (!entry) return
    const read = (): void => setState(readVenues(entry.doc))
    read()
    entry.doc.on('update', read)
    return () => entry.doc.off('update', read)
  }, [entry])
  return state
}
