// 办会 from the command line: meeting rooms (zt room create|list, for administrators) and
// bookings (zt meeting request|approve|refuse|cancel|show|list), each a signed command judged by
// the same reducer as the server's (src/core/meeting).
import type { PayloadOf } from '../../core/command/registry'
import { instant } from '../../core/command/fields'
import { randomUUID } from 'node:crypto'
import { checkVenueCommand, readVenues, type VenueCommand } from '../../core/meeting/bookings'
import { myMeetings, roomUsage } from '../../core/meeting/calendar'
import { BOOKING_STATUS_NAMES, type MeetingRoom } from '../../core/meeting/model'
import { REPLY_NAMES, attendanceCounts, checkReply, type ReplyAnswer } from '../../core/meeting/attendance'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { errorMessage } from '../../core/messages/errors'
import { VENUES_ROOM, DIRECTORY_ROOM } from '../../core/sync/roomName'
import { agencyDay, formatDateTime } from '../../core/text/formatDate'
import { ACT_OPTIONS, act, deviceKeys } from '../actions'
import { signCommand } from '../../core/command/envelope'
import { codeCommand, encodeCode, presenceOf } from '../../core/meeting/checkin'
import { EMPTY_MEETING, meetingRoomName, readMeetingRoom } from '../../core/meeting/meetingRoom'
import { noExtraPositionals, parseCommandArgs, requireOption, requirePositional } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { directoryUsers, resolveUsers } from '../docFlow'
import { profileHome, requireProfile, type Profile } from '../profile'
import { loadRoom } from '../roomCache'

async function venues(home: string, profile: Profile, offline: boolean) {
  return readVenues(await loadRoom(home, profile, VENUES_ROOM, offline))
}

/** Judged here first, as the server will: a refusal costs no signature and no queue entry. */
async function send<K extends VenueCommand['type']>(ctx: CliContext, home: string, values: { pin?: string; offline?: boolean }, profile: Profile, vc: VenueCommand & { type: K }, payload: PayloadOf<K>) {
  const state = await venues(home, profile, values.offline === true)
  const refusal = checkVenueCommand(state, vc, profile.user.roles.includes('admin'))
  if (refusal) throw new CliError(CLI_MESSAGES.commandRejected(errorMessage(refusal.code, refusal.params)), 1)
  return act(ctx, { home, pin: values.pin, offline: values.offline === true }, { type: vc.type, room: VENUES_ROOM, payload })
}

/** Dates as the user types them (2026-12-02 09:00, or ISO), in the agency's time zone. */
function parseTime(value: string, what: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(value.trim())
  const iso = m ? `${m[1]}T${m[2]}:00+08:00` : value.trim()
  // Date.parse rolls 2027-02-30 over to 3 March: the calendar check comes first
  const t = instant.safeParse(iso).success ? Date.parse(iso) : NaN
  if (Number.isNaN(t)) throw new CliError(CLI_MESSAGES.badTime(what, value), 2)
  return new Date(t).toISOString()
}

export async function roomCreate(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, {
    ...ACT_OPTIONS, id: { type: 'string' }, name: { type: 'string' }, location: { type: 'string' }, seats: { type: 'string' }, equipment: { type: 'string' }, approver: { type: 'string' }, unavailable: { type: 'boolean' },
  })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const users = directoryUsers(await loadRoom(home, profile, DIRECTORY_ROOM, values.offline === true))
  const room: MeetingRoom = {
    id: values.id ?? randomUUID().slice(0, 8),
    name: requireOption(values.name, 'name').trim(),
    location: values.location ?? '',
    seats: Number(requireOption(values.seats, 'seats')),
    equipment: (values.equipment ?? '').split(/[,，]/).map((e) => e.trim()).filter(Boolean),
    approver: resolveUsers(requireOption(values.approver, 'approver'), users)[0]!,
    available: values.unavailable !== true,
  }
  const answer = await send(ctx, home, values, profile, { type: 'venue.save', actor: profile.user.id, at: ctx.now().toISOString(), room }, { room })
  if (answer) ctx.out(CLI_MESSAGES.roomSaved(room.name, room.id))
}

export async function roomList(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const state = await venues(home, await requireProfile(home, ctx.now()), values.offline === true)
  const rooms = Object.values(state.rooms)
  if (values.json) return ctx.out(JSON.stringify(rooms, null, 2))
  for (const r of rooms) ctx.out(`${r.id}  ${r.name}  ${r.location}  ${r.seats} 座  ${r.equipment.join('、')}${r.available ? '' : '  （暂停使用）'}`)
}

/** zt room stats [--from <日期>] [--to <日期>]: 会议室使用统计 (default: this month). */
export async function roomStats(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const state = await venues(home, await requireProfile(home, ctx.now()), values.offline === true)
  const today = agencyDay(ctx.now()).slice(0, 7)
  const from = new Date(parseTime(`${values.from ?? `${today}-01`} 00:00`, '开始日期'))
  const to = values.to ? new Date(parseTime(`${values.to} 00:00`, '结束日期')) : new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1) - 8 * 3_600_000)
  const usage = roomUsage(state, from, to)
  if (values.json) return ctx.out(JSON.stringify(usage.map((u) => ({ ...u, name: state.rooms[u.roomId]?.name })), null, 2))
  for (const u of usage) ctx.out(CLI_MESSAGES.roomUsageLine(state.rooms[u.roomId]?.name ?? u.roomId, u))
}

export async function meetingRequest(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, {
    ...ACT_OPTIONS, title: { type: 'string' }, room: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' }, invite: { type: 'string' }, observe: { type: 'string' },
    category: { type: 'string' }, headcount: { type: 'string' }, setup: { type: 'string' }, note: { type: 'string' },
  })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const offline = values.offline === true
  const state = await venues(home, profile, offline)
  const which = requireOption(values.room, 'room')
  const room = Object.values(state.rooms).find((r) => r.id === which || r.name === which)
  if (!room) throw new CliError(errorMessage('no_such_meeting_room'), 1)
  const users = directoryUsers(await loadRoom(home, profile, DIRECTORY_ROOM, offline))
  const invitees = resolveUsers(values.invite, users)
  const observers = values.observe ? resolveUsers(values.observe, users) : []
  const booking = {
    id: randomUUID(), roomId: room.id, title: requireOption(values.title, 'title').trim(), category: values.category ?? '工作会',
    start: parseTime(requireOption(values.start, 'start'), '开始时间'), end: parseTime(requireOption(values.end, 'end'), '结束时间'),
    invitees, ...(observers.length ? { observers } : {}), headcount: Number(values.headcount ?? invitees.length + observers.length + 1), setup: values.setup ?? '', note: values.note ?? '',
  }
  const answer = await send(ctx, home, values, profile, { type: 'meeting.request', actor: profile.user.id, at: ctx.now().toISOString(), booking }, { booking })
  ctx.out(answer ? CLI_MESSAGES.meetingRequested(booking.id) : CLI_MESSAGES.meetingQueued(booking.id))
}

function decision(type: 'meeting.approve' | 'meeting.refuse' | 'meeting.cancel') {
  return async (args: string[], ctx: CliContext): Promise<void> => {
    const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS, reason: { type: 'string' } })
    const id = requirePositional(positionals, 0, '会议编号')
    noExtraPositionals(positionals, 1)
    const home = profileHome(values.home, ctx.env)
    const profile = await requireProfile(home, ctx.now())
    const base = { actor: profile.user.id, at: ctx.now().toISOString(), id }
    const vc: VenueCommand = type === 'meeting.refuse' ? { type, ...base, reason: values.reason ?? '' } : { type, ...base, ...(values.reason ? { reason: values.reason } : {}) }
    const answer = await send(ctx, home, values, profile, vc, { id, ...(values.reason ? { reason: values.reason } : {}) })
    if (answer) ctx.out(CLI_MESSAGES.meetingDecided(id, type))
  }
}

export const meetingApprove = decision('meeting.approve')
export const meetingRefuse = decision('meeting.refuse')
export const meetingCancel = decision('meeting.cancel')

/** zt meeting reply <id> accept|decline|substitute [--reason …] [--by <user>]: 回执. */
export async function meetingReply(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS, reason: { type: 'string' }, by: { type: 'string' } })
  const id = requirePositional(positionals, 0, '会议编号')
  const word = requirePositional(positionals, 1, 'accept | decline | substitute')
  noExtraPositionals(positionals, 2)
  const answer = ({ accept: 'attend', attend: 'attend', decline: 'decline', substitute: 'substitute' } as Record<string, ReplyAnswer>)[word]
  if (!answer) throw new CliError(CLI_MESSAGES.unknownAction(word, ['accept', 'decline', 'substitute']), 2)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const offline = values.offline === true
  const users = directoryUsers(await loadRoom(home, profile, DIRECTORY_ROOM, offline))
  const substitute = answer === 'substitute' ? resolveUsers(requireOption(values.by, 'by'), users)[0] : undefined
  const payload = { answer, ...(values.reason ? { reason: values.reason } : {}), ...(substitute ? { substitute } : {}) }
  // judged here first against this machine's copy
  const booking = (await venues(home, profile, offline)).bookings[id]
  const { attendance } = await loadRoom(home, profile, meetingRoomName(id), offline).then(readMeetingRoom, () => EMPTY_MEETING)
  const refusal = checkReply(booking, attendance, profile.user.id, payload, (u) => users.some((x) => x.id === u))
  if (refusal) throw new CliError(CLI_MESSAGES.commandRejected(errorMessage(refusal.code)), 1)
  const answered = await act(ctx, { home, pin: values.pin, offline }, { type: 'meeting.reply', room: meetingRoomName(id), payload })
  if (answered) ctx.out(CLI_MESSAGES.replied(REPLY_NAMES[answer]))
}

export async function meetingShow(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' } })
  const id = requirePositional(positionals, 0, '会议编号')
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const state = await venues(home, profile, values.offline === true)
  const b = state.bookings[id]
  if (!b) throw new CliError(errorMessage('no_such_meeting'), 1)
  // the meeting's own room, for those invited: 回执, 签到 and 督办 so far
  const meeting = await loadRoom(home, profile, meetingRoomName(id), values.offline === true).then(readMeetingRoom, () => null)
  if (values.json) {
    return ctx.out(JSON.stringify({
      ...b, room: state.rooms[b.roomId] ?? null,
      ...(meeting ? { attendance: meeting.attendance, counts: attendanceCounts(b, meeting.attendance), checkins: meeting.checkins, presence: presenceOf(b, meeting.attendance, meeting.checkins), tasks: meeting.tasks } : {}),
    }, null, 2))
  }
  ctx.out(`${b.title}  ${BOOKING_STATUS_NAMES[b.status]}\n${formatDateTime(new Date(b.start))} 至 ${formatDateTime(new Date(b.end))}  ${state.rooms[b.roomId]?.name ?? b.roomId}${b.reason ? `\n${b.reason}` : ''}`)
}

export async function meetingList(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' }, mine: { type: 'boolean' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const state = await venues(home, profile, values.offline === true)
  // --mine: the meetings on one's own calendar
  const list = values.mine ? myMeetings(state, profile.user.id) : Object.values(state.bookings).sort((a, b) => a.start.localeCompare(b.start))
  if (values.json) return ctx.out(JSON.stringify(list, null, 2))
  for (const b of list) ctx.out(`${b.id}  ${formatDateTime(new Date(b.start))}  ${state.rooms[b.roomId]?.name ?? b.roomId}  ${b.title}  ${BOOKING_STATUS_NAMES[b.status]}`)
}

/** zt meeting code <id>: the organiser's 签到码 (valid ten minutes), to show or send to attendees. */
export async function meetingCode(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS })
  const id = requirePositional(positionals, 0, '会议编号')
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const keys = await deviceKeys(ctx, { home, pin: values.pin })
  const now = ctx.now()
  const signed = signCommand({ ...codeCommand(id, now), id: randomUUID(), actor: profile.user.id, at: now.toISOString() }, keys.privateKey, keys.publicKey)
  ctx.out(encodeCode(signed))
}

/** zt meeting checkin <id> --code <签到码> | --user <用户> (the organiser marks someone present). */
export async function meetingCheckin(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS, code: { type: 'string' }, user: { type: 'string' } })
  const id = requirePositional(positionals, 0, '会议编号')
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const offline = values.offline === true
  const users = directoryUsers(await loadRoom(home, profile, DIRECTORY_ROOM, offline))
  const payload = values.user ? { user: resolveUsers(values.user, users)[0]! } : { code: requireOption(values.code, 'code') }
  const answered = await act(ctx, { home, pin: values.pin, offline }, { type: 'meeting.checkin', room: meetingRoomName(id), payload })
  if (answered) ctx.out(CLI_MESSAGES.checkedIn)
}

/** zt meeting minutes-to-doc <id>: the minutes become a 纪要 公文 at 拟稿 (prints its document id). */
export async function meetingMinutesToDoc(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS })
  const id = requirePositional(positionals, 0, '会议编号')
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const answer = await act(ctx, { home, pin: values.pin, offline: values.offline === true }, { type: 'meeting.minutes', room: meetingRoomName(id), payload: {} })
  if (typeof answer?.result?.doc === 'string') ctx.out(answer.result.doc.replace(/^doc:/, ''))
}

/** zt meeting task <id> --text … --owner <用户> --due <日期>: a decided item as a 督办 task. */
export async function meetingTask(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS, text: { type: 'string' }, owner: { type: 'string' }, due: { type: 'string' } })
  const id = requirePositional(positionals, 0, '会议编号')
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const users = directoryUsers(await loadRoom(home, profile, DIRECTORY_ROOM, values.offline === true))
  const payload = { text: requireOption(values.text, 'text'), owner: resolveUsers(requireOption(values.owner, 'owner'), users)[0]!, due: requireOption(values.due, 'due') }
  const answer = await act(ctx, { home, pin: values.pin, offline: values.offline === true }, { type: 'meeting.task', room: meetingRoomName(id), payload })
  if (typeof answer?.result?.task === 'string') ctx.out(CLI_MESSAGES.taskCreated(answer.result.task))
}

/** zt meeting done <id> <task> [--result …]: the owner reports a 督办 task done. */
export async function meetingDone(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS, result: { type: 'string' } })
  const id = requirePositional(positionals, 0, '会议编号')
  const task = requirePositional(positionals, 1, '督办编号')
  noExtraPositionals(positionals, 2)
  const home = profileHome(values.home, ctx.env)
  const answer = await act(ctx, { home, pin: values.pin, offline: values.offline === true }, { type: 'meeting.done', room: meetingRoomName(id), payload: { task, ...(values.result ? { result: values.result } : {}) } })
  if (answer) ctx.out(CLI_MESSAGES.taskDone)
}
