import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dueReminders, meetingsBetween, myMeetings, roomUsage, workingDays } from './calendar'
import type { Booking } from './model'
import type { VenueState } from './bookings'

const booking = (id: string, start: string, end: string, over: Partial<Booking> = {}): Booking => ({
  id, roomId: 'r1', title: id, category: '工作会', start, end, organiser: 'org', invitees: ['a'], headcount: 5, setup: '', note: '', status: 'confirmed', requestedAt: start, ...over,
})
const state = (...bookings: Booking[]): VenueState => ({
  rooms: { r1: { id: 'r1', name: '第一会议室', location: '', seats: 20, equipment: [], approver: 'x', available: true }, r2: { id: 'r2', name: '第二会议室', location: '', seats: 8, equipment: [], approver: 'x', available: true } },
  bookings: Object.fromEntries(bookings.map((b) => [b.id, b])),
})

describe('my meetings', () => {
  it('lists what I organise, am invited to, attend as 列席 or can read, not what is refused', () => {
    const s = state(
      booking('m1', '2026-12-02T01:00:00Z', '2026-12-02T02:00:00Z'),
      booking('m2', '2026-12-01T01:00:00Z', '2026-12-01T02:00:00Z', { invitees: [], observers: ['a'] }),
      booking('m3', '2026-12-03T01:00:00Z', '2026-12-03T02:00:00Z', { invitees: [], organiser: 'a', status: 'pending' }),
      booking('m4', '2026-12-04T01:00:00Z', '2026-12-04T02:00:00Z', { invitees: ['a'], status: 'refused' }),
      booking('m5', '2026-12-05T01:00:00Z', '2026-12-05T02:00:00Z', { invitees: [] }),
      booking('m6', '2026-12-06T01:00:00Z', '2026-12-06T02:00:00Z', { invitees: [] }),
    )
    expect(myMeetings(s, 'a', new Set(['m6'])).map((b) => b.id)).toEqual(['m2', 'm1', 'm3', 'm6'])
    expect(meetingsBetween(myMeetings(s, 'a'), new Date('2026-12-02T00:00:00Z'), new Date('2026-12-03T00:00:00Z')).map((b) => b.id)).toEqual(['m1'])
  })
})

describe('reminders', () => {
  const m = booking('m', '2026-12-02T02:00:00Z', '2026-12-02T03:00:00Z')
  it('gives the day-before reminder, then the quarter-hour one, each once, none after the start', () => {
    expect(dueReminders([m], new Date('2026-11-30T02:00:00Z'), new Set())).toEqual([])
    const dayBefore = dueReminders([m], new Date('2026-12-01T09:00:00Z'), new Set())
    expect(dayBefore.map((r) => r.leadMin)).toEqual([1440])
    expect(dueReminders([m], new Date('2026-12-01T10:00:00Z'), new Set([dayBefore[0]!.key]))).toEqual([])
    const soon = dueReminders([m], new Date('2026-12-02T01:50:00Z'), new Set([dayBefore[0]!.key]))
    expect(soon.map((r) => r.leadMin)).toEqual([15])
    expect(dueReminders([m], new Date('2026-12-02T01:55:00Z'), new Set([soon[0]!.key]))).toEqual([])
    expect(dueReminders([m], new Date('2026-12-02T02:01:00Z'), new Set())).toEqual([])
    expect(dueReminders([{ ...m, status: 'pending' }], new Date('2026-12-02T01:50:00Z'), new Set())).toEqual([])
  })

  it('never gives the same reminder twice, whatever the clock readings', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -3 * 86_400_000, max: 0 }), { maxLength: 30 }), (offsets) => {
      const given = new Set<string>()
      const times = offsets.map((o) => Date.parse(m.start) + o).sort((a, b) => a - b)
      let count = 0
      for (const t of times) for (const r of dueReminders([m], new Date(t), given)) {
        expect(given.has(r.key)).toBe(false)
        given.add(r.key)
        count++
      }
      expect(count).toBeLessThanOrEqual(2)
    }))
  })
})

describe('room usage', () => {
  it('counts confirmed meetings, hours and occupancy of working hours per room', () => {
    const s = state(
      booking('a', '2026-12-01T01:00:00Z', '2026-12-01T03:00:00Z'),
      booking('b', '2026-12-02T01:00:00Z', '2026-12-02T02:30:00Z', { headcount: 12 }),
      booking('c', '2026-12-02T05:00:00Z', '2026-12-02T06:00:00Z', { status: 'cancelled' }),
      booking('d', '2026-12-03T05:00:00Z', '2026-12-03T06:00:00Z', { roomId: 'r2' }),
    )
    // Mon 30 Nov – Sun 6 Dec (UTC+8): five working days of ten hours
    const from = new Date('2026-11-29T16:00:00Z')
    const to = new Date('2026-12-06T16:00:00Z')
    expect(workingDays(from, to)).toBe(5)
    const [r1, r2] = roomUsage(s, from, to)
    expect(r1).toEqual({ roomId: 'r1', meetings: 2, hours: 3.5, occupancy: 3.5 / 50, people: 17 })
    expect(r2).toMatchObject({ roomId: 'r2', meetings: 1, hours: 1 })
  })
})
