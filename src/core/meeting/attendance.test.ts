import { describe, expect, it } from 'vitest'
import { errorMessage } from '../messages/errors'
import { attendanceCounts, checkReply, expectedRepliers, type Reply } from './attendance'
import type { Booking } from './model'

const booking: Booking = {
  id: 'm', roomId: 'r1', title: '推进会', category: '工作会', start: '2026-12-12T01:00:00Z', end: '2026-12-12T02:00:00Z',
  organiser: 'zhangsan', invitees: ['lisi', 'wangwu', 'zhoujiu'], headcount: 4, setup: '', note: '', status: 'confirmed', requestedAt: '2026-12-01T00:00:00Z',
}
const at = '2026-12-02T00:00:00Z'
const exists = (): boolean => true

describe('回执', () => {
  it('counts answers, a substitute counting once for the one they replace and once for their own answer', () => {
    const attendance: Record<string, Reply> = { lisi: { answer: 'attend', at }, wangwu: { answer: 'substitute', substitute: 'chenshi', at }, chenshi: { answer: 'attend', for: 'wangwu', at } }
    expect(expectedRepliers(booking, attendance)).toEqual(['lisi', 'wangwu', 'zhoujiu', 'chenshi'])
    expect(attendanceCounts(booking, attendance)).toEqual({ attend: 2, decline: 0, substitute: 1, pending: 1 })
  })

  it('refuses replies before confirmation, from outsiders, declines without a reason, and substitutes already invited', () => {
    expect(checkReply({ ...booking, status: 'pending' }, {}, 'lisi', { answer: 'attend' }, exists)).toEqual({ code: 'meeting_not_confirmed' })
    expect(checkReply(booking, {}, 'zhaoliu', { answer: 'attend' }, exists)).toEqual({ code: 'not_invited' })
    // 请假 asks for a reason of its own, not a 退回 one
    expect(checkReply(booking, {}, 'lisi', { answer: 'decline' }, exists)).toEqual({ code: 'decline_reason_required' })
    expect(errorMessage('decline_reason_required')).toBe('请假须写明理由')
    expect(checkReply(booking, {}, 'lisi', { answer: 'substitute', substitute: 'wangwu' }, exists)).toEqual({ code: 'already_invited' })
    expect(checkReply(booking, {}, 'lisi', { answer: 'decline', reason: '出差' }, exists)).toBeNull()
  })
})
