// The Y roots of each kind of room, and which of them a client may ever write. The server uses
// this to refuse updates that touch a root the connection may not write (ARCHITECTURE.md §3.1).
import type { RoomKind } from './roomName'

export type RootType = 'map' | 'xml' | 'array'

export interface RootSpec {
  readonly name: string
  readonly type: RootType
  /** true when only the server writes this root (flow, seals, and everything in server rooms) */
  readonly serverOnly: boolean
}

export const DOC_ROOTS: readonly RootSpec[] = [
  { name: 'meta', type: 'map', serverOnly: false },
  { name: 'body', type: 'xml', serverOnly: false },
  { name: 'notes', type: 'array', serverOnly: false },
  { name: 'files', type: 'array', serverOnly: false },
  { name: 'flow', type: 'array', serverOnly: true },
  /** the SES_Signatures applied at 用印 ({ seq, by, at, der, esID, perforation }), server-written */
  { name: 'signatures', type: 'array', serverOnly: true },
  /** DocVersion[]: the canonical content at each step boundary (痕迹保留), server-written */
  { name: 'versions', type: 'array', serverOnly: true },
  /** a copy received by 分发: the 正本's facts (src/core/docflow/exchange.ts), server-written */
  { name: 'original', type: 'map', serverOnly: true },
  /** the sender's receipt table: recipient room → Receipt (已送达 / 已签收 / 已退文), server-written */
  { name: 'receipts', type: 'map', serverOnly: true },
]

export const DIRECTORY_ROOTS: readonly RootSpec[] = [
  { name: 'units', type: 'map', serverOnly: true },
  { name: 'users', type: 'map', serverOnly: true },
  /** serial → { userId, pem, issuedAt, revokedAt? }: every user certificate, for offline checks */
  { name: 'certificates', type: 'map', serverOnly: true },
  /** `root` → PEM of the agency CA's root certificate */
  { name: 'ca', type: 'map', serverOnly: true },
]

export const INBOX_ROOTS: readonly RootSpec[] = [
  /** room → InboxItem: the user's 待办 / 已办 / 办结 (src/core/docflow/inbox.ts) */
  { name: 'items', type: 'map', serverOnly: true },
  /** InboxNotice[]: 催办 and other notices, newest last */
  { name: 'notices', type: 'array', serverOnly: true },
  /** task id → FollowUp: the user's 督办 tasks (src/core/meeting/tasks.ts) */
  { name: 'tasks', type: 'map', serverOnly: true },
  /** loan id → Loan: the user's 借阅 requests and their answers (src/core/archive/catalogue.ts) */
  { name: 'loans', type: 'map', serverOnly: true },
]

export const SEALS_ROOTS: readonly RootSpec[] = [
  /** esID → SealRecord: the seal registry (src/core/seal/registry.ts) */
  { name: 'seals', type: 'map', serverOnly: true },
  /** 用印日志: every seal applied */
  { name: 'log', type: 'array', serverOnly: true },
]

export const VENUES_ROOTS: readonly RootSpec[] = [
  /** id → MeetingRoom */
  { name: 'rooms', type: 'map', serverOnly: true },
  /** meeting id → Booking (src/core/meeting) */
  { name: 'bookings', type: 'map', serverOnly: true },
]

export const MEETING_ROOTS: readonly RootSpec[] = [
  /** title, times, place, organiser: from the booking, server-written */
  { name: 'meta', type: 'map', serverOnly: true },
  /** 议程, edited by the organiser */
  { name: 'agenda', type: 'array', serverOnly: false },
  { name: 'minutes', type: 'xml', serverOnly: false },
  { name: 'files', type: 'array', serverOnly: false },
  /** userId → Reply (回执), server-written */
  { name: 'attendance', type: 'map', serverOnly: true },
  /** userId → Checkin (签到), server-written */
  { name: 'checkins', type: 'map', serverOnly: true },
  /** task id → FollowUp (督办 from the decided items), server-written */
  { name: 'tasks', type: 'map', serverOnly: true },
]

export const ARCHIVE_ROOTS: readonly RootSpec[] = [
  /** 全宗 settings (src/core/archive/catalogue.ts) */
  { name: 'settings', type: 'map', serverOnly: true },
  /** room → PendingRecord: 公文 at 办结 waiting to be filed */
  { name: 'pending', type: 'map', serverOnly: true },
  /** 档号 → CatalogueEntry */
  { name: 'catalogue', type: 'map', serverOnly: true },
  /** 档号 → the latest CheckReport (四性检测) */
  { name: 'checks', type: 'map', serverOnly: true },
  /** loan id → Loan (借阅) */
  { name: 'loans', type: 'map', serverOnly: true },
]

export const BULLETIN_ROOTS: readonly RootSpec[] = [
  /** id → Announcement (通知公告, src/core/bulletin/model.ts) */
  { name: 'posts', type: 'map', serverOnly: true },
]

export function rootsOf(kind: RoomKind): readonly RootSpec[] {
  switch (kind) {
    case 'doc':
      return DOC_ROOTS
    case 'directory':
      return DIRECTORY_ROOTS
    case 'inbox':
      return INBOX_ROOTS
    case 'seals':
      return SEALS_ROOTS
    case 'venues':
      return VENUES_ROOTS
    case 'meeting':
      return MEETING_ROOTS
    case 'archive':
      return ARCHIVE_ROOTS
    case 'bulletin':
      return BULLETIN_ROOTS
    default:
      return []
  }
}

/** Roots a client holding write access may change in a room of this kind. */
export function clientWritableRoots(kind: RoomKind): ReadonlySet<string> {
  return new Set(rootsOf(kind).filter((r) => !r.serverOnly).map((r) => r.name))
}
