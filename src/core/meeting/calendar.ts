// One person's meetings (the 日 / 周 / 月 calendar), the reminders due before each starts, and how
// much each room is used. Pure functions over the `venues` state, so the desktop, the CLI and the
// tests read them the same way.
import { holds, type VenueState } from './bookings'
import type { Booking } from './model'

/**
 * The meetings `user` organises, is invited to or attends as 列席, plus any whose room they can
 * read (a 代会 substitute is let into the meeting's room) — confirmed or still pending.
 */
export function myMeetings(state: VenueState, user: string, readableMeetings: ReadonlySet<string> = new Set()): Booking[] {
  return Object.values(state.bookings)
    .filter((b) => holds(b) && (b.organiser === user || b.invitees.includes(user) || (b.observers ?? []).includes(user) || readableMeetings.has(b.id)))
    .sort((a, b) => a.start.localeCompare(b.start))
}

/** Meetings that overlap [from, to). */
export const meetingsBetween = (meetings: readonly Booking[], from: Date, to: Date): Booking[] =>
  meetings.filter((b) => Date.parse(b.start) < to.getTime() && Date.parse(b.end) > from.getTime())

/** How long before the start a reminder is given: the day before, and a quarter of an hour before. */
export const REMINDER_LEADS_MIN = [24 * 60, 15] as const

export interface Reminder {
  /** stable per meeting and lead, so a reminder is given once */
  key: string
  booking: Booking
  leadMin: number
}

/**
 * Reminders due at `now` for confirmed meetings: a lead is due once `now` is within it and the
 * meeting has not started, unless its key is in `given`. Only the shortest due lead is returned
 * (opening the app ten minutes before does not also give the day-before reminder).
 */
export function dueReminders(meetings: readonly Booking[], now: Date, given: ReadonlySet<string>): Reminder[] {
  const out: Reminder[] = []
  for (const b of meetings) {
    if (b.status !== 'confirmed') continue
    const untilStart = Date.parse(b.start) - now.getTime()
    if (untilStart <= 0) continue
    const due = REMINDER_LEADS_MIN.filter((lead) => untilStart <= lead * 60_000)
    if (due.length === 0) continue
    const lead = Math.min(...due)
    const key = `${b.id}:${lead}`
    if (!given.has(key)) out.push({ key, booking: b, leadMin: lead })
  }
  return out
}

export interface RoomUsage {
  roomId: string
  /** confirmed meetings that started in the period */
  meetings: number
  /** hours booked, within the period */
  hours: number
  /** share of the period's working hours (08:00–18:00 on weekdays, in the agency's zone) */
  occupancy: number
  people: number
}

const WORK_HOURS_PER_DAY = 10

/** Working days (Mon–Fri) in [from, to), counted in UTC+8 where the agency works. */
export function workingDays(from: Date, to: Date): number {
  let n = 0
  for (let t = from.getTime(); t < to.getTime(); t += 86_400_000) {
    const day = new Date(t + 8 * 3_600_000).getUTCDay()
    if (day !== 0 && day !== 6) n++
  }
  return n
}

/** 会议室使用统计: per room, the confirmed meetings in [from, to), hours booked and occupancy. */
export function roomUsage(state: VenueState, from: Date, to: Date): RoomUsage[] {
  const capacity = workingDays(from, to) * WORK_HOURS_PER_DAY
  return Object.values(state.rooms).map((room) => {
    const inPeriod = Object.values(state.bookings).filter((b) => b.roomId === room.id && b.status === 'confirmed' && Date.parse(b.start) >= from.getTime() && Date.parse(b.start) < to.getTime())
    const hours = inPeriod.reduce((sum, b) => sum + (Math.min(Date.parse(b.end), to.getTime()) - Date.parse(b.start)) / 3_600_000, 0)
    return {
      roomId: room.id,
      meetings: inPeriod.length,
      hours: Math.round(hours * 10) / 10,
      occupancy: capacity > 0 ? Math.min(1, hours / capacity) : 0,
      people: inPeriod.reduce((sum, b) => sum + b.headcount, 0),
    }
  }).sort((a, b) => b.hours - a.hours)
}
