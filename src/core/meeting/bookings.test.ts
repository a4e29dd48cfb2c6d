import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clashOf, holds, overlaps, replayVenues, type VenueCommand } from './bookings'
import type { MeetingRoom } from './model'

const room = (id: string, approver = 'zhaoliu'): MeetingRoom => ({ id, name: `第${id}会议室`, location: '主楼', seats: 20, equipment: ['投影'], approver, available: true })
const at = '2026-12-01T00:00:00Z'
const hour = (h: number): string => new Date(Date.UTC(2026, 11, 2, h)).toISOString()
const setup: VenueCommand[] = [
  { type: 'venue.save', actor: 'admin', at, room: room('1') },
  { type: 'venue.save', actor: 'admin', at, room: room('2') },
]
const request = (id: string, roomId: string, from: number, to: number, actor = 'zhangsan'): VenueCommand => ({
  type: 'meeting.request', actor, at,
  booking: { id, roomId, title: `会议${id}`, category: '工作会', start: hour(from), end: hour(to), invitees: [], headcount: 5, setup: '', note: '' },
})
const isAdmin = (a: string): boolean => a === 'admin'

describe('room bookings', () => {
  it('holds the slot while pending, refuses an overlapping request naming the meeting, and frees it when refused', () => {
    const { state, verdicts } = replayVenues([
      ...setup,
      request('a', '1', 9, 11),
      request('b', '1', 10, 12),
      request('c', '2', 10, 12),
      { type: 'meeting.refuse', actor: 'zhaoliu', at, id: 'a', reason: '会议室检修' },
      request('d', '1', 10, 12),
      { type: 'meeting.approve', actor: 'zhaoliu', at, id: 'd' },
      { type: 'meeting.approve', actor: 'zhangsan', at, id: 'c' },
    ], isAdmin)
    expect(verdicts.slice(2)).toEqual([
      null,
      { code: 'meeting_clash', params: { room: '第1会议室', title: '会议a', start: hour(9), end: hour(11) } },
      null,
      null,
      null,
      null,
      { code: 'not_room_approver' },
    ])
    expect(state.bookings.d!.status).toBe('confirmed')
    expect(state.bookings.a).toMatchObject({ status: 'refused', reason: '会议室检修' })
  })

  it('treats meetings that only touch as not overlapping', () => {
    expect(overlaps({ start: hour(9), end: hour(10) }, { start: hour(10), end: hour(11) })).toBe(false)
    const { verdicts } = replayVenues([...setup, request('a', '1', 9, 10), request('b', '1', 10, 11)], isAdmin)
    expect(verdicts.slice(2)).toEqual([null, null])
  })

  it('never lets two held bookings of one room overlap, under any interleaving of requests, decisions and cancellations', () => {
    const cmd = fc.oneof(
      fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.constantFrom('1', '2'), fc.integer({ min: 8, max: 17 }), fc.integer({ min: 1, max: 4 })).map(([id, r, h, d]) => request(id, r, h, h + d)),
      fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f').map((id): VenueCommand => ({ type: 'meeting.approve', actor: 'zhaoliu', at, id })),
      fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f').map((id): VenueCommand => ({ type: 'meeting.refuse', actor: 'zhaoliu', at, id, reason: '冲突' })),
      fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f').map((id): VenueCommand => ({ type: 'meeting.cancel', actor: 'zhangsan', at, id })),
    )
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 30 }), (cmds) => {
        const { state } = replayVenues([...setup, ...cmds], isAdmin)
        const held = Object.values(state.bookings).filter(holds)
        for (const a of held) for (const b of held) if (a !== b && a.roomId === b.roomId) expect(overlaps(a, b)).toBe(false)
        for (const b of held) expect(clashOf(state, b.roomId, b.start, b.end, b.id)).toBeUndefined()
      }),
      { numRuns: 300 },
    )
  })
})
