// 回执: each invitee answers a meeting notice — attend, decline (with a reason) or send a
// substitute (代会), who then receives the notice and answers in turn. The meeting room's
// `attendance` map (server-written) holds the answers; the organiser sees live counts.
import type { Booking } from './model'

export type ReplyAnswer = 'attend' | 'decline' | 'substitute'

export interface Reply {
  answer: ReplyAnswer
  reason?: string
  /** for 'substitute': who goes instead */
  substitute?: string
  /** for a substitute's own reply: whom they stand in for */
  for?: string
  at: string
}

export const REPLY_NAMES: Record<ReplyAnswer, string> = { attend: '参加', decline: '请假', substitute: '代会' }

/** Everyone expected to answer: the invitees, the 列席 and the substitutes they named. */
export function expectedRepliers(booking: Booking, attendance: Record<string, Reply>): string[] {
  const subs = Object.values(attendance).filter((r) => r.answer === 'substitute' && r.substitute).map((r) => r.substitute!)
  return [...new Set([...booking.invitees, ...(booking.observers ?? []), ...subs])]
}

/** Whether `user` attends as 列席 (named so, or standing in for someone who was). */
export function isObserver(booking: Booking, attendance: Record<string, Reply>, user: string): boolean {
  const observers = booking.observers ?? []
  if (observers.includes(user)) return !booking.invitees.includes(user)
  const standsFor = attendance[user]?.for
  return !!standsFor && isObserver(booking, attendance, standsFor)
}

export function checkReply(booking: Booking | undefined, attendance: Record<string, Reply>, actor: string, p: { answer?: unknown; reason?: unknown; substitute?: unknown }, userExists: (id: string) => boolean): { code: string } | null {
  if (!booking) return { code: 'no_such_meeting' }
  if (booking.status !== 'confirmed') return { code: 'meeting_not_confirmed' }
  if (!expectedRepliers(booking, attendance).includes(actor)) return { code: 'not_invited' }
  if (p.answer !== 'attend' && p.answer !== 'decline' && p.answer !== 'substitute') return { code: 'bad_command' }
  if (p.answer === 'decline' && (typeof p.reason !== 'string' || !p.reason.trim())) return { code: 'decline_reason_required' }
  if (p.answer === 'substitute') {
    if (typeof p.substitute !== 'string' || !userExists(p.substitute)) return { code: 'no_such_user' }
    if (p.substitute === actor || expectedRepliers(booking, attendance).includes(p.substitute)) return { code: 'already_invited' }
  }
  return null
}

export interface AttendanceCounts {
  attend: number
  decline: number
  substitute: number
  pending: number
}

export function attendanceCounts(booking: Booking, attendance: Record<string, Reply>): AttendanceCounts {
  const counts: AttendanceCounts = { attend: 0, decline: 0, substitute: 0, pending: 0 }
  for (const u of expectedRepliers(booking, attendance)) {
    const r = attendance[u]
    if (!r) counts.pending++
    else counts[r.answer]++
  }
  return counts
}
