// What each kind of room gives the index: a 公文 room its title, body, 文号, 版式 fields, opinions
// from the flow log and attachments' names; the venues room its meetings; the archive room its
// catalogue records. Each reader takes the user's view of the room, so nothing goes in that the
// user may not read there (records above the user's 密级, other people's withdrawn bookings).
import type * as Y from 'yjs'
import type { CatalogueEntry } from '../archive/catalogue'
import { mayRead, type Clearance } from '../directory/model'
import { pmBlocks, readContent } from '../docflow/content'
import type { FlowEvent } from '../docflow/flow'
import { holds } from '../meeting/bookings'
import type { Booking, MeetingRoom } from '../meeting/model'
import { agencyDay } from '../text/formatDate'
import type { SearchDoc } from './model'

const day = (iso: unknown): string => (typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? agencyDay(new Date(iso)) : '')
const strings = (...xs: unknown[]): string => xs.filter((x): x is string => typeof x === 'string' && x.trim() !== '').join('\n')

/** A 公文 room as one item; null when its 密级 is above the reader's clearance. */
export function docRoomItem(room: string, doc: Y.Doc, clearance: Clearance): SearchDoc | null {
  const content = readContent(doc)
  if (!mayRead(clearance, content.meta.classification)) return null
  const events = doc.getArray<FlowEvent>('flow').toArray().filter((e) => e && typeof e === 'object')
  let docNumber: unknown
  const opinions: unknown[] = []
  for (const e of events) {
    if (typeof e.result?.docNumber === 'string') docNumber = e.result.docNumber
    const p = e.payload ?? {}
    opinions.push(p.opinion, p.reason, p.message, p.result)
  }
  const m = content.meta
  const meta = doc.getMap('meta')
  return {
    id: room,
    kind: 'doc',
    title: m.title,
    body: pmBlocks(content.body).map((b) => b.text).join('\n'),
    extra: strings(docNumber, m.docType, m.issuerMark, m.mainTo, m.issuerName, m.cc, m.printer, m.note, ...m.attachmentNote, ...content.files.map((f) => f.name), ...opinions),
    date: day(meta.get('createdAt')),
    classification: m.classification,
  }
}

/**
 * The meetings of the venues room a user sees in the occupancy grid: every booking that holds its
 * room, and the user's own whatever their state.
 */
export function venueItems(doc: Y.Doc, userId: string, userName: (id: string) => string): SearchDoc[] {
  const rooms = doc.getMap<MeetingRoom>('rooms')
  const out: SearchDoc[] = []
  for (const b of doc.getMap<Booking>('bookings').values()) {
    if (!b || typeof b.id !== 'string' || typeof b.title !== 'string') continue
    if (!holds(b) && b.organiser !== userId) continue
    const room = rooms.get(b.roomId)
    out.push({
      id: `meeting:${b.id}`,
      kind: 'meeting',
      title: b.title,
      body: strings(b.note, b.setup),
      extra: strings(b.category, room?.name, room?.location, userName(b.organiser)),
      date: day(b.start),
      classification: '非密',
    })
  }
  return out
}

/** The catalogue records of the archive room at or below the reader's clearance. */
export function archiveItems(doc: Y.Doc, clearance: Clearance): SearchDoc[] {
  const out: SearchDoc[] = []
  for (const e of doc.getMap<CatalogueEntry>('catalogue').values()) {
    if (!e || typeof e.code !== 'string') continue
    const level = (['非密', '秘密', '机密', '绝密'] as const).find((c) => c === e.classification) ?? '绝密'
    if (!mayRead(clearance, level)) continue
    const d = /^(\d{4})(\d{2})(\d{2})$/.exec(e.date ?? '')
    out.push({
      id: `record:${e.code}`,
      kind: 'record',
      title: e.title,
      body: '',
      extra: strings(e.code, e.docNumber, e.docType, e.responsible),
      date: d ? `${d[1]}-${d[2]}-${d[3]}` : '',
      classification: level,
    })
  }
  return out
}
