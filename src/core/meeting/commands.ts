// 办会's commands, each declared once with its payload schema: rooms and bookings (the venues
// room) and each meeting's own room (回执, 签到, 纪要, 督办).
import * as z from 'zod'
import { calendarDay, instant, said, text, userId, userIds } from '../command/fields'

export const meetingRoomSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/), name: said(60), location: text(100), seats: z.number().int().min(1).max(5000), equipment: z.array(text(40)).max(20),
  approver: userId, available: z.boolean(),
})

export const bookingSchema = z.strictObject({
  id: z.string().uuid(), roomId: z.string().max(40), title: said(200), category: text(40), start: instant, end: instant,
  invitees: userIds(500), observers: userIds(200).optional(), headcount: z.number().int().min(0).max(5000), setup: text(500), note: text(1000),
})

const decision = z.strictObject({ id: z.string().max(64), reason: text(200).optional() })

export const MEETING_COMMANDS = {
  'venue.save': z.strictObject({ room: meetingRoomSchema }),
  'meeting.request': z.strictObject({ booking: bookingSchema }),
  'meeting.approve': decision,
  'meeting.cancel': decision,
  'meeting.refuse': z.strictObject({ id: z.string().max(64), reason: said(200) }),
  'meeting.reply': z.strictObject({ answer: z.enum(['attend', 'decline', 'substitute']), reason: text(200).optional(), substitute: userId.optional() }),
  /** by the organiser for a person (user), or by the attendee with the scanned code */
  'meeting.checkin': z.strictObject({ user: userId.optional(), code: text(500).optional() }),
  'meeting.takers': z.strictObject({ takers: userIds(20) }),
  'meeting.minutes': z.strictObject({}),
  'meeting.task': z.strictObject({ text: said(500), owner: userId, due: calendarDay }),
  'meeting.done': z.strictObject({ task: z.string().max(64), result: text(500).optional() }),
}
