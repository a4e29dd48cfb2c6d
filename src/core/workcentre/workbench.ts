// The 工作台's panels as pure functions: today's and this week's meetings (the agency's days,
// UTC+8, weeks from Monday), 督办 due soon, and the most recent documents.
import type { Booking } from '../meeting/model'
import { meetingsBetween } from '../meeting/calendar'
import { followUpState, type FollowUp } from '../meeting/tasks'

const CST_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** [start, end) of the agency's day holding `now`. */
export function agencyDayRange(now: Date): [Date, Date] {
  const start = Math.floor((now.getTime() + CST_MS) / DAY_MS) * DAY_MS - CST_MS
  return [new Date(start), new Date(start + DAY_MS)]
}

/** [Monday 00:00, next Monday 00:00) of the agency's week holding `now`. */
export function agencyWeekRange(now: Date): [Date, Date] {
  const [day] = agencyDayRange(now)
  const weekday = (new Date(day.getTime() + CST_MS).getUTCDay() + 6) % 7
  const start = day.getTime() - weekday * DAY_MS
  return [new Date(start), new Date(start + 7 * DAY_MS)]
}

export interface MeetingPanels {
  today: Booking[]
  /** the rest of the week: from tomorrow to Sunday */
  week: Booking[]
}

/** Confirmed or pending meetings of the user's today and later this week, by start. */
export function meetingPanels(mine: readonly Booking[], now: Date): MeetingPanels {
  const [dayStart, dayEnd] = agencyDayRange(now)
  const [, weekEnd] = agencyWeekRange(now)
  const sorted = [...mine].sort((a, b) => a.start.localeCompare(b.start))
  return {
    today: meetingsBetween(sorted, dayStart, dayEnd),
    week: meetingsBetween(sorted, dayEnd, weekEnd).filter((b) => Date.parse(b.start) >= dayEnd.getTime()),
  }
}

/** Open 督办 tasks due within `days` or late, soonest first. */
export function tasksDueSoon(tasks: readonly FollowUp[], now: Date, days = 7): FollowUp[] {
  const limit = now.getTime() + days * DAY_MS
  return tasks
    .filter((t) => t.status === 'open' && (followUpState(t, now) !== 'ok' || Date.parse(`${t.due}T23:59:59+08:00`) <= limit))
    .sort((a, b) => a.due.localeCompare(b.due))
}

/** The `n` most recently changed rows. */
export function recent<T extends { updatedAt: string }>(rows: readonly T[], n = 6): T[] {
  return [...rows].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, n)
}
