// One 待办 from every capability (issue 16): 公文 steps, 收文 to 签收 and 用印申请 to approve (the
// inbox room's items), 会议通知 to answer (bookings and each meeting's 回执), bookings to approve
// (the venues room), 借阅 to approve (the archive room, for archivists) and 督办 tasks. Built from
// the local copies alone, so it works offline; an item the user has acted on (its command still in
// the outbox) leaves 待办 at once for 已办, and comes back if the server refuses the command.
import { dueState } from '../docflow/flow'
import type { InboxItem } from '../docflow/inbox'
import type { Loan } from '../archive/catalogue'
import { expectedRepliers, type Reply } from '../meeting/attendance'
import type { VenueState } from '../meeting/bookings'
import type { FollowUp } from '../meeting/tasks'
import type { WorkItem, WorkKind } from './model'
import { routeOfRoom } from './route'
import { UI } from '../messages/ui'

/** A command of the user's that the server has not answered yet. */
export interface QueuedCommand {
  type: string
  room: string
  payload: Record<string, unknown>
}

export interface WorkSources {
  user: { id: string; roles: readonly string[] }
  /** the inbox room: 公文 items and 督办 tasks */
  items: readonly InboxItem[]
  tasks: readonly FollowUp[]
  venues: VenueState
  /** each meeting room's 回执 held here, by meeting id (a meeting not held here is not asked about) */
  replies: Readonly<Record<string, Record<string, Reply>>>
  /** the archive room's loans (archivists); empty for everyone else */
  loans: readonly Loan[]
  queued: readonly QueuedCommand[]
  nameOf: (id: string) => string
}

// flow operations that do not discharge the user's duty
const NOT_DISCHARGING = new Set(['doc.open', 'doc.urge', 'doc.share', 'doc.rename', 'doc.circulate', 'doc.addsigner'])

/** Does this queued command settle the item (the user already did what it asks)? */
export function settles(cmd: QueuedCommand, kind: WorkKind, id: string, room: string): boolean {
  switch (kind) {
    case 'doc':
    case 'receive':
    case 'sealrequest':
      return cmd.room === room && cmd.type.startsWith('doc.') && !NOT_DISCHARGING.has(cmd.type)
    case 'reply':
      return cmd.type === 'meeting.reply' && cmd.room === room
    case 'booking':
      return (cmd.type === 'meeting.approve' || cmd.type === 'meeting.refuse') && cmd.payload.id === id
    case 'loan':
      return cmd.type === 'archive.lend' && cmd.payload.loan === id
    case 'task':
      return cmd.type === 'meeting.done' && cmd.payload.task === id
  }
}

function docKind(i: InboxItem): WorkKind {
  if (i.kind === 'incoming' && i.step === 'receive') return 'receive'
  if (i.kind === 'sealrequest' && i.step === 'signoff') return 'sealrequest'
  return 'doc'
}

/** Every item of the user's, in 待办, 待阅 or 已办, as of `now`. */
export function workItems(src: WorkSources, now: Date): WorkItem[] {
  const out: WorkItem[] = []
  const push = (item: Omit<WorkItem, 'key' | 'due' | 'queued'> & { id: string }): void => {
    const { id, ...rest } = item
    const queued = item.box !== 'done' && src.queued.some((c) => settles(c, item.kind, id, item.room))
    const box = queued ? 'done' : item.box
    out.push({ ...rest, key: `${item.kind}:${id}`, box, due: box === 'done' ? 'none' : dueState(item.dueAt, now), ...(queued ? { queued } : {}) })
  }

  for (const i of src.items) {
    const kind = docKind(i)
    const reading = i.box === 'todo' && i.duty === 'read'
    push({
      id: i.room, kind, box: i.box === 'todo' ? (reading ? 'toread' : 'todo') : 'done',
      title: i.title, action: reading ? UI.work.circulated : i.stepName, urgency: i.urgency, classification: i.classification, from: i.from, arrivedAt: i.arrivedAt,
      ...(i.dueAt ? { dueAt: i.dueAt } : {}), room: i.room, route: routeOfRoom(i.room), ...(i.docNumber ? { docNumber: i.docNumber } : {}),
      ...(i.box === 'todo' && (reading || kind === 'receive') ? { batch: reading ? 'read' as const : 'receive' as const } : {}),
      ...(i.box === 'finished' ? { finished: true } : {}),
    })
  }

  for (const t of src.tasks) {
    // who decided it: the meeting's organiser, when the booking is held here
    const organiser = src.venues.bookings[t.room.slice('meeting:'.length)]?.organiser
    push({
      id: t.id, kind: 'task', box: t.status === 'open' ? 'todo' : 'done', title: t.text, action: UI.work.taskAsk(t.meetingTitle),
      urgency: '平件', classification: '非密', from: organiser ? src.nameOf(organiser) : t.meetingTitle, arrivedAt: t.createdAt, dueAt: t.due, room: t.room, route: routeOfRoom(t.room),
    })
  }

  const me = src.user.id
  const isAdmin = src.user.roles.includes('admin')
  for (const b of Object.values(src.venues.bookings)) {
    const room = src.venues.rooms[b.roomId]
    if (b.status === 'pending' && (room?.approver === me || isAdmin)) {
      push({
        id: b.id, kind: 'booking', box: 'todo', title: b.title, action: UI.work.bookingAsk(room?.name ?? ''), urgency: '平件', classification: '非密',
        from: src.nameOf(b.organiser), arrivedAt: b.requestedAt, dueAt: b.start, room: 'venues', route: { page: 'meetings' },
      })
    }
    const attendance = src.replies[b.id]
    if (b.status !== 'confirmed' || !attendance || Date.parse(b.end) <= now.getTime()) continue
    if (!expectedRepliers(b, attendance).includes(me)) continue
    const replied = attendance[me]
    push({
      id: b.id, kind: 'reply', box: replied ? 'done' : 'todo', title: b.title, action: replied ? UI.work.replied : UI.work.replyAsk,
      urgency: '平件', classification: '非密', from: src.nameOf(b.organiser), arrivedAt: b.decidedAt ?? b.requestedAt, dueAt: b.start,
      room: `meeting:${b.id}`, route: { page: 'meeting', id: b.id },
    })
  }

  for (const l of src.loans) {
    if (l.status !== 'requested') continue
    push({
      id: l.id, kind: 'loan', box: 'todo', title: l.title, action: UI.work.loanAsk(l.code), urgency: '平件', classification: '非密',
      from: src.nameOf(l.borrower), arrivedAt: l.requestedAt, room: 'archive', route: { page: 'archive' },
    })
  }
  return out
}
