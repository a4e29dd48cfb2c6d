// Room bookings as a reducer over accepted commands: a request holds its slot while it waits for
// the room's 审核人, releases it when refused or cancelled; overlapping holds of one room are
// refused with the clashing meeting named. Client (preview, offline 待确认) and server (the
// verdict) run the same code.
import type { Booking, MeetingRoom } from './model'

export interface VenueState {
  rooms: Record<string, MeetingRoom>
  bookings: Record<string, Booking>
}

export const emptyVenues = (): VenueState => ({ rooms: {}, bookings: {} })

/** A booking holds its room while it is pending or confirmed. */
export const holds = (b: Booking): boolean => b.status === 'pending' || b.status === 'confirmed'

/** Half-open intervals [start, end) overlap. */
export function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end)
}

/** The booking that already holds `roomId` during [start, end), if any (other than `except`). */
export function clashOf(state: VenueState, roomId: string, start: string, end: string, except?: string): Booking | undefined {
  return Object.values(state.bookings).find((b) => b.id !== except && b.roomId === roomId && holds(b) && overlaps(b, { start, end }))
}

export interface VenueRefusal {
  code: string
  params?: Record<string, string>
}

export type VenueCommand =
  | { type: 'venue.save'; actor: string; at: string; room: MeetingRoom }
  | { type: 'meeting.request'; actor: string; at: string; booking: Omit<Booking, 'status' | 'requestedAt' | 'organiser'> }
  | { type: 'meeting.approve'; actor: string; at: string; id: string }
  | { type: 'meeting.refuse'; actor: string; at: string; id: string; reason: string }
  | { type: 'meeting.cancel'; actor: string; at: string; id: string; reason?: string }

const MAX_MEETING_MS = 7 * 24 * 3_600_000

/** Why `cmd` may not be applied to `state`, or null. `isAdmin` says whether the actor manages rooms. */
export function checkVenueCommand(state: VenueState, cmd: VenueCommand, isAdmin: boolean): VenueRefusal | null {
  switch (cmd.type) {
    case 'venue.save': {
      if (!isAdmin) return { code: 'forbidden' }
      const r = cmd.room
      if (!r.id || !r.name.trim() || !Number.isInteger(r.seats) || r.seats < 1 || r.seats > 5000 || !r.approver) return { code: 'bad_command' }
      return null
    }
    case 'meeting.request': {
      const b = cmd.booking
      const room = state.rooms[b.roomId]
      if (!room) return { code: 'no_such_meeting_room' }
      if (!room.available) return { code: 'meeting_room_unavailable', params: { room: room.name } }
      if (state.bookings[b.id]) return { code: 'bad_command' }
      const start = Date.parse(b.start)
      const end = Date.parse(b.end)
      if (Number.isNaN(start) || Number.isNaN(end) || end <= start || end - start > MAX_MEETING_MS) return { code: 'bad_meeting_time' }
      if (!b.title.trim()) return { code: 'bad_command' }
      if (b.headcount > room.seats) return { code: 'too_many_people', params: { room: room.name, seats: String(room.seats) } }
      const clash = clashOf(state, b.roomId, b.start, b.end)
      if (clash) return { code: 'meeting_clash', params: { room: room.name, title: clash.title, start: clash.start, end: clash.end } }
      return null
    }
    case 'meeting.approve':
    case 'meeting.refuse': {
      const b = state.bookings[cmd.id]
      if (!b) return { code: 'no_such_meeting' }
      if (state.rooms[b.roomId]?.approver !== cmd.actor && !isAdmin) return { code: 'not_room_approver' }
      if (b.status !== 'pending') return { code: 'meeting_not_pending' }
      if (cmd.type === 'meeting.refuse' && !cmd.reason.trim()) return { code: 'reason_required' }
      return null
    }
    case 'meeting.cancel': {
      const b = state.bookings[cmd.id]
      if (!b) return { code: 'no_such_meeting' }
      if (b.organiser !== cmd.actor && !isAdmin) return { code: 'forbidden' }
      if (!holds(b)) return { code: 'meeting_not_pending' }
      return null
    }
  }
}

/** Applies an accepted command. */
export function applyVenueCommand(state: VenueState, cmd: VenueCommand): VenueState {
  const next: VenueState = { rooms: { ...state.rooms }, bookings: { ...state.bookings } }
  switch (cmd.type) {
    case 'venue.save':
      next.rooms[cmd.room.id] = cmd.room
      break
    case 'meeting.request':
      next.bookings[cmd.booking.id] = { ...cmd.booking, organiser: cmd.actor, status: 'pending', requestedAt: cmd.at }
      break
    case 'meeting.approve':
      next.bookings[cmd.id] = { ...state.bookings[cmd.id]!, status: 'confirmed', decidedAt: cmd.at, decidedBy: cmd.actor }
      break
    case 'meeting.refuse':
      next.bookings[cmd.id] = { ...state.bookings[cmd.id]!, status: 'refused', decidedAt: cmd.at, decidedBy: cmd.actor, reason: cmd.reason.trim() }
      break
    case 'meeting.cancel':
      next.bookings[cmd.id] = { ...state.bookings[cmd.id]!, status: 'cancelled', decidedAt: cmd.at, decidedBy: cmd.actor, ...(cmd.reason ? { reason: cmd.reason } : {}) }
      break
  }
  return next
}

/** Judges and applies a sequence in order (the server's log), returning the state and each verdict. */
export function replayVenues(cmds: readonly VenueCommand[], isAdmin: (actor: string) => boolean): { state: VenueState; verdicts: (VenueRefusal | null)[] } {
  let state = emptyVenues()
  const verdicts = cmds.map((cmd) => {
    const refusal = checkVenueCommand(state, cmd, isAdmin(cmd.actor))
    if (!refusal) state = applyVenueCommand(state, cmd)
    return refusal
  })
  return { state, verdicts }
}

/** The registry as the `venues` room holds it. */
export function readVenues(doc: { getMap<T>(name: string): { values(): IterableIterator<T> } }): VenueState {
  const rooms = Object.fromEntries([...doc.getMap<MeetingRoom>('rooms').values()].map((r) => [r.id, r]))
  const bookings = Object.fromEntries([...doc.getMap<Booking>('bookings').values()].map((b) => [b.id, b]))
  return { rooms, bookings }
}
