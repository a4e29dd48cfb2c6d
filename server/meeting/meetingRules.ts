// Meeting rooms and bookings (办会): the shared reducer in src/core/meeting judges each command
// against the `venues` room as it stands; accepted ones are written there, and the people
// concerned hear of it in their inbox (the 审核人 of a request, the organiser of a decision).
import { bookingSchema, meetingRoomSchema } from '../../src/core/meeting/commands'
import type { Command } from '../../src/core/command/envelope'
import type { InboxNotice } from '../../src/core/docflow/inbox'
import { applyVenueCommand, checkVenueCommand, readVenues, type VenueCommand } from '../../src/core/meeting/bookings'
import { BOOKING_STATUS_NAMES } from '../../src/core/meeting/model'
import { formatDateTime } from '../../src/core/text/formatDate'
import { docRoom, inboxRoom, parseRoomName, VENUES_ROOM, type RoomRef } from '../../src/core/sync/roomName'
import { bodyJson, writePmBody } from '../../src/core/docflow/content'
import { checkReply, isObserver, type Reply, type ReplyAnswer } from '../../src/core/meeting/attendance'
import { checkCheckin, presenceOf, type Checkin } from '../../src/core/meeting/checkin'
import { taskProblem, type FollowUp } from '../../src/core/meeting/tasks'
import { meetingRoomName, readMeetingRoom } from '../../src/core/meeting/meetingRoom'
import { verifyCommandSignature } from '../../src/core/command/envelope'
import { parseCertificate } from '../../src/core/pki/certificate'
import { fromPem } from '../../src/core/pki/der'
import type { Booking, MeetingRoom } from '../../src/core/meeting/model'
import type { RoomRecord, UserRecord } from '../../src/core/storage/types'
import type { CommandRule, RuleContext, Verdict } from '../commands/ruleContract'

/** The payload as a reducer command, or null when it is malformed. */
function venueCommand(cmd: Command): VenueCommand | null {
  const p = cmd.payload
  const base = { actor: cmd.actor, at: cmd.at }
  switch (cmd.type) {
    case 'venue.save': {
      const room = meetingRoomSchema.safeParse(p.room)
      return room.success ? { type: 'venue.save', ...base, room: room.data } : null
    }
    case 'meeting.request': {
      const booking = bookingSchema.safeParse(p.booking)
      return booking.success ? { type: 'meeting.request', ...base, booking: booking.data } : null
    }
    case 'meeting.approve':
    case 'meeting.cancel':
      return typeof p.id === 'string' ? { type: cmd.type, ...base, id: p.id, ...(typeof p.reason === 'string' ? { reason: p.reason.slice(0, 200) } : {}) } : null
    case 'meeting.refuse':
      return typeof p.id === 'string' && typeof p.reason === 'string' ? { type: 'meeting.refuse', ...base, id: p.id, reason: p.reason.slice(0, 200) } : null
    default:
      return null
  }
}

export const VENUE_COMMAND_TYPES = ['venue.save', 'meeting.request', 'meeting.approve', 'meeting.refuse', 'meeting.cancel'] as const

export const venueRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx): Promise<Verdict> {
    if (cmd.room !== VENUES_ROOM) return { refused: { code: 'bad_command' } }
    const vc = venueCommand(cmd)
    if (!vc) return { refused: { code: 'bad_command' } }
    if (vc.type === 'venue.save' && !ctx.storage.userById(vc.room.approver)) return { refused: { code: 'no_such_user', params: { name: vc.room.approver } } }
    const unknown = vc.type === 'meeting.request' ? [...vc.booking.invitees, ...(vc.booking.observers ?? [])].find((u) => !ctx.storage.userById(u)) : undefined
    if (unknown) return { refused: { code: 'no_such_user', params: { name: unknown } } }
    const state = await ctx.readRoom(VENUES_ROOM, readVenues)
    const refusal = checkVenueCommand(state, vc, actor.roles.includes('admin'))
    if (refusal) return { refused: refusal }
    return {
      apply: async () => {
        const next = applyVenueCommand(state, vc)
        await ctx.writeRoom(VENUES_ROOM, (doc) => {
          if (vc.type === 'venue.save') doc.getMap('rooms').set(vc.room.id, next.rooms[vc.room.id])
          else {
            const id = vc.type === 'meeting.request' ? vc.booking.id : vc.id
            doc.getMap('bookings').set(id, next.bookings[id])
          }
        })
        if (vc.type === 'meeting.request') await openMeetingRoom(ctx, next.bookings[vc.booking.id]!, next.rooms[vc.booking.roomId]!)
        await notify(ctx, vc, next, actor)
      },
    }
  },
}

/** The meeting's own room: the organiser writes agenda, minutes and materials; invitees read. */
async function openMeetingRoom(ctx: RuleContext, b: Booking, room: MeetingRoom): Promise<void> {
  const name = meetingRoomName(b.id)
  const now = b.requestedAt
  await ctx.storage.putRoom({
    room: name, owner: b.organiser, members: Object.fromEntries([...b.invitees, ...(b.observers ?? [])].filter((u) => u !== b.organiser).map((u) => [u, 'read' as const])),
    title: b.title, docType: '会议', createdAt: now, updatedAt: now,
  })
  await ctx.writeRoom(name, (doc) => {
    const meta = doc.getMap('meta')
    for (const [k, v] of Object.entries({ id: b.id, title: b.title, category: b.category, start: b.start, end: b.end, roomId: b.roomId, roomName: room.name, location: room.location, organiser: b.organiser })) meta.set(k, v)
  })
}

/** 回执 (meeting.reply): an invitee or a named substitute answers; a substitute is invited in turn. */
export const replyRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx): Promise<Verdict> {
    const ref = parseRoomName(cmd.room)
    if (ref?.kind !== 'meeting') return { refused: { code: 'bad_command' } }
    const booking = await ctx.readRoom(VENUES_ROOM, (doc) => readVenues(doc).bookings[ref.id])
    const { attendance } = await ctx.readRoom(cmd.room, readMeetingRoom)
    const refusal = checkReply(booking, attendance, actor.id, cmd.payload, (id) => !!ctx.storage.userById(id))
    if (refusal) return { refused: refusal }
    const p = cmd.payload as { answer: ReplyAnswer; reason?: string; substitute?: string }
    const standsFor = Object.entries(attendance).find(([, r]) => r.substitute === actor.id)?.[0]
    const reply: Reply = { answer: p.answer, at: cmd.at, ...(p.reason ? { reason: p.reason.slice(0, 200) } : {}), ...(p.answer === 'substitute' ? { substitute: p.substitute! } : {}), ...(standsFor ? { for: standsFor } : {}) }
    return {
      apply: async () => {
        await ctx.writeRoom(cmd.room, (doc) => doc.getMap('attendance').set(actor.id, reply))
        if (p.answer === 'substitute') {
          const record = await ctx.storage.room(cmd.room)
          if (record) await ctx.storage.putRoom({ ...record, members: { ...record.members, [p.substitute!]: 'read' } })
          const b = booking!
          const notice: InboxNotice = { id: ctx.newId(), room: cmd.room, title: b.title, kind: 'meeting', from: actor.name, message: `请代为参加会议（${formatDateTime(new Date(b.start))}），并回执`, at: cmd.at }
          await ctx.writeRoom(inboxRoom(p.substitute!), (inbox) => inbox.getArray('notices').push([notice]))
        }
      },
    }
  },
}

async function notify(ctx: RuleContext, vc: VenueCommand, state: ReturnType<typeof applyVenueCommand>, actor: UserRecord): Promise<void> {
  if (vc.type === 'venue.save') return
  const b = state.bookings[vc.type === 'meeting.request' ? vc.booking.id : vc.id]!
  const room = state.rooms[b.roomId]
  const when = `${formatDateTime(new Date(b.start))}，${room?.name ?? ''}`
  const send = (to: string, message: string, about = VENUES_ROOM): Promise<void> => {
    const notice: InboxNotice = { id: ctx.newId(), room: about, title: b.title, kind: 'meeting', from: actor.name, message, at: vc.at }
    return ctx.writeRoom(inboxRoom(to), (inbox) => inbox.getArray('notices').push([notice]))
  }
  if (vc.type === 'meeting.request' && room) await send(room.approver, `申请使用会议室（${when}），请审核`)
  // 会议通知: once confirmed, every invitee is told the time and place and asked for a 回执
  if (vc.type === 'meeting.approve') {
    for (const u of b.invitees) await send(u, `会议通知：${when}，请回执`, meetingRoomName(b.id))
    for (const u of (b.observers ?? []).filter((o) => !b.invitees.includes(o))) await send(u, `会议通知（列席）：${when}，请回执`, meetingRoomName(b.id))
  }
  else if (vc.type !== 'meeting.request' && b.organiser !== actor.id) await send(b.organiser, `会议申请${BOOKING_STATUS_NAMES[b.status]}（${when}）${b.reason ? `：${b.reason}` : ''}`)
}

/** 签到 (meeting.checkin): with the organiser's code, or marked by the organiser. */
export const checkinRule: CommandRule = {
  async judge(cmd, _actor: UserRecord, ctx): Promise<Verdict> {
    const ref = parseRoomName(cmd.room)
    if (ref?.kind !== 'meeting') return { refused: { code: 'bad_command' } }
    const booking = await ctx.readRoom(VENUES_ROOM, (doc) => readVenues(doc).bookings[ref.id])
    const { attendance } = await ctx.readRoom(cmd.room, readMeetingRoom)
    // a code is good when the organiser's certificate (unrevoked when it was made) verifies it
    const verify = (code: Command): boolean =>
      ctx.storage.certsOf(code.actor).some((c) => (!c.revokedAt || Date.parse(c.revokedAt) > Date.parse(code.at)) && verifyCommandSignature(code, parseCertificate(fromPem('CERTIFICATE', c.pem)).publicKey))
    const refusal = checkCheckin(booking, attendance, cmd, verify)
    if (refusal) return { refused: refusal }
    const who = typeof cmd.payload.user === 'string' ? cmd.payload.user : cmd.actor
    const checkin: Checkin = { at: cmd.at, by: typeof cmd.payload.user === 'string' ? cmd.actor : 'code' }
    return { apply: () => ctx.writeRoom(cmd.room, (doc) => doc.getMap('checkins').set(who, checkin)) }
  },
}

/** A meeting room the actor organises, or why the command is refused. */
async function organised(cmd: Command, actor: UserRecord, ctx: RuleContext): Promise<{ refused: { code: string } } | { ref: RoomRef; record: RoomRecord }> {
  const ref = parseRoomName(cmd.room)
  const record = await ctx.storage.room(cmd.room)
  if (ref?.kind !== 'meeting' || !record) return { refused: { code: 'no_such_meeting' } }
  if (record.owner !== actor.id) return { refused: { code: 'forbidden' } }
  return { ref, record }
}

/** 记录人 (meeting.takers): the organiser chooses who writes the minutes with them. */
export const takersRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx): Promise<Verdict> {
    const own = await organised(cmd, actor, ctx)
    if ('refused' in own) return own
    const { record } = own
    const takers = cmd.payload.takers
    if (!Array.isArray(takers) || takers.length > 20 || !takers.every((t) => typeof t === 'string')) return { refused: { code: 'bad_command' } }
    // minute-takers come from those invited (or the organiser's own unit may be added as invitees first)
    const outsider = (takers as string[]).find((t) => !(t in record.members))
    if (outsider) return { refused: { code: 'not_invited' } }
    return {
      apply: async () => {
        await ctx.storage.putRoom({ ...record, editors: [...new Set(takers as string[])] })
        await ctx.writeRoom(cmd.room, (doc) => doc.getMap('meta').set('takers', [...new Set(takers as string[])]))
      },
    }
  },
}

/**
 * 纪要 hand-off (meeting.minutes): the organiser turns the minutes into a 纪要 公文 of their
 * own — the minutes as its body, then 出席 / 请假 / 列席 from the 回执 and 签到 — which enters the
 * 发文 flow at 拟稿 (纪要 carry no seal).
 */
export const minutesRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx): Promise<Verdict> {
    const own = await organised(cmd, actor, ctx)
    if ('refused' in own) return own
    const { ref } = own
    const booking = await ctx.readRoom(VENUES_ROOM, (doc) => readVenues(doc).bookings[ref.id])
    if (!booking || booking.status !== 'confirmed') return { refused: { code: 'meeting_not_confirmed' } }
    const docId = ctx.newId()
    return {
      result: { doc: docRoom(docId) },
      apply: async () => {
        const { body, attendance, checkins } = await ctx.readRoom(cmd.room, (doc) => ({ body: bodyJson(doc.getXmlFragment('minutes')), ...readMeetingRoom(doc) }))
        const name = (id: string): string => ctx.storage.userById(id)?.name ?? id
        const presence = presenceOf(booking, attendance, checkins)
        const list = (p: string, observers = false): string => Object.entries(presence).filter(([u, v]) => v === p && (p !== 'present' || isObserver(booking, attendance, u) === observers)).map(([u]) => name(u)).join('、')
        const present = [name(booking.organiser), list('present')].filter(Boolean).join('、')
        const lines = [`出席：${present}`, ...(list('present', true) ? [`列席：${list('present', true)}`] : []), `请假：${list('leave') || '无'}`, ...(list('absent') ? [`缺席：${list('absent')}`] : [])]
        const unit = ctx.storage.units().find((u) => u.id === actor.unitId)?.name ?? ''
        const room = docRoom(docId)
        const now = cmd.at
        await ctx.storage.putRoom({
          room, owner: actor.id, members: {}, title: `${booking.title}纪要`, docType: '纪要', classification: '非密', urgency: '平件',
          createdAt: now, updatedAt: now, flowKind: 'outgoing', editors: [actor.id], step: 'draft',
        })
        await ctx.writeRoom(room, (doc) => {
          const meta = doc.getMap('meta')
          const fields: Record<string, string> = { title: `${booking.title}纪要`, docType: '纪要', classification: '非密', urgency: '平件', issuerMark: `${unit}会议纪要`, createdBy: actor.id, createdAt: now, flowKind: 'outgoing', meeting: cmd.room }
          for (const [k, v] of Object.entries(fields)) meta.set(k, v)
          writePmBody(doc.getXmlFragment('body'), { type: 'doc', content: [...lines.map((t) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })), ...(body.content ?? [])] })
        })
      },
    }
  },
}

/** 督办 (meeting.task): the organiser turns a decided item into a task for its owner. */
export const taskRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx): Promise<Verdict> {
    const own = await organised(cmd, actor, ctx)
    if ('refused' in own) return own
    const { record } = own
    const problem = taskProblem(cmd.payload)
    if (problem) return { refused: { code: problem } }
    const owner = ctx.storage.userById(String(cmd.payload.owner))
    if (!owner) return { refused: { code: 'no_such_user', params: { name: String(cmd.payload.owner) } } }
    const task: FollowUp = {
      id: cmd.id, room: cmd.room, meetingTitle: record.title, text: String(cmd.payload.text).trim(), owner: owner.id, due: String(cmd.payload.due), status: 'open', createdAt: cmd.at,
    }
    return {
      result: { task: task.id },
      apply: async () => {
        await ctx.writeRoom(cmd.room, (doc) => doc.getMap('tasks').set(task.id, task))
        await ctx.writeRoom(inboxRoom(owner.id), (inbox) => inbox.getMap('tasks').set(task.id, task))
      },
    }
  },
}

/** 办结 of a 督办 task (meeting.done): by its owner, with what was done. */
export const taskDoneRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx): Promise<Verdict> {
    const ref = parseRoomName(cmd.room)
    if (ref?.kind !== 'meeting' || typeof cmd.payload.task !== 'string') return { refused: { code: 'bad_command' } }
    const task = (await ctx.readRoom(cmd.room, readMeetingRoom)).tasks.find((t) => t.id === cmd.payload.task)
    if (!task) return { refused: { code: 'no_such_task' } }
    if (task.owner !== actor.id) return { refused: { code: 'forbidden' } }
    if (task.status === 'done') return { refused: { code: 'task_done' } }
    const done: FollowUp = { ...task, status: 'done', doneAt: cmd.at, ...(typeof cmd.payload.result === 'string' && cmd.payload.result.trim() ? { result: cmd.payload.result.trim().slice(0, 500) } : {}) }
    return {
      apply: async () => {
        await ctx.writeRoom(cmd.room, (doc) => doc.getMap('tasks').set(task.id, done))
        await ctx.writeRoom(inboxRoom(task.owner), (inbox) => inbox.getMap('tasks').set(task.id, done))
      },
    }
  },
}
