// 签到: the organiser shows a code — a short-lived token they signed (a command envelope of type
// `meeting.code`, so any device that signs commands can make one) — and an attendee checks in
// by scanning or pasting it. The check-in is itself a signed command, accepted when its time
// falls inside the token's life and the meeting's window, even if it arrives later (offline).
// The organiser may also mark someone present.
import { commandSchema, type Command } from '../command/envelope'
import { fromUtf8, utf8 } from '../crypto/bytes'
import { fromBase64, toBase64 } from '../pki/der'
import { expectedRepliers, type Reply } from './attendance'
import type { Booking } from './model'

/** How early before the start one may check in. */
export const CHECKIN_EARLY_MS = 30 * 60_000
/** How long a shown code stays good. */
export const CODE_LIFETIME_MS = 10 * 60_000

export interface Checkin {
  at: string
  /** 'code' for a scanned or pasted code; otherwise the organiser who marked it */
  by: string
}

export const codeCommand = (meetingId: string, at: Date): { type: string; room: string; payload: Record<string, unknown> } => ({
  type: 'meeting.code', room: `meeting:${meetingId}`, payload: { expires: new Date(at.getTime() + CODE_LIFETIME_MS).toISOString() },
})

export const encodeCode = (signed: Command): string => toBase64(utf8(JSON.stringify(signed)))

export function decodeCode(code: string): Command | null {
  try {
    const parsed = commandSchema.safeParse(JSON.parse(fromUtf8(fromBase64(code.trim()))))
    return parsed.success && parsed.data.type === 'meeting.code' ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * Why a check-in may not be accepted, or null. `verify` checks a code's signature against the
 * organiser's certificates (the caller knows where they are).
 */
export function checkCheckin(
  booking: Booking | undefined, attendance: Record<string, Reply>, cmd: { actor: string; at: string; room: string; payload: Record<string, unknown> },
  verify: (code: Command) => boolean,
): { code: string } | null {
  if (!booking) return { code: 'no_such_meeting' }
  if (booking.status !== 'confirmed') return { code: 'meeting_not_confirmed' }
  const at = Date.parse(cmd.at)
  if (at < Date.parse(booking.start) - CHECKIN_EARLY_MS || at > Date.parse(booking.end)) return { code: 'checkin_outside_meeting' }
  const expected = expectedRepliers(booking, attendance)
  if (typeof cmd.payload.user === 'string') {
    // the organiser marks someone present
    if (cmd.actor !== booking.organiser) return { code: 'forbidden' }
    return expected.includes(cmd.payload.user) ? null : { code: 'not_invited' }
  }
  if (!expected.includes(cmd.actor)) return { code: 'not_invited' }
  const token = typeof cmd.payload.code === 'string' ? decodeCode(cmd.payload.code) : null
  if (!token || token.room !== cmd.room || token.actor !== booking.organiser || !verify(token)) return { code: 'bad_checkin_code' }
  const expires = Date.parse(String(token.payload.expires ?? ''))
  if (!(Date.parse(token.at) - 60_000 <= at && at <= expires && expires - Date.parse(token.at) <= CODE_LIFETIME_MS)) return { code: 'checkin_code_expired' }
  return null
}

export type Presence = 'present' | 'leave' | 'absent'

/** Who is here: checked in; on leave (declined, or sent a substitute); or not (yet) here. */
export function presenceOf(booking: Booking, attendance: Record<string, Reply>, checkins: Record<string, Checkin>): Record<string, Presence> {
  return Object.fromEntries(expectedRepliers(booking, attendance).map((u) => {
    const r = attendance[u]
    return [u, checkins[u] ? 'present' : r && (r.answer === 'decline' || r.answer === 'substitute') ? 'leave' : 'absent']
  }))
}
