// Payloads are judged by their type's schema before anything else: the defects a review found
// (impossible dates accepted and rolled over, 50 KB of extra fields stored, a 20,000-deep payload
// answering 500, a bare 操作格式不正确) each get a refusal that names the field in Chinese.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { errorMessage } from '../messages/errors'
import { COMMAND_PAYLOADS, payloadProblem, type CommandType, type PayloadOf } from './registry'

const booking = (start: string, end: string) => ({
  booking: { id: '6f1f4c3e-8d7a-4d59-9d43-0d2a2b1c9e11', roomId: 'r1', title: '预算评审会', category: '专题会', start, end, invitees: [], headcount: 5, setup: '', note: '' },
})
const messageOf = (type: string, payload: unknown): string | null => {
  const p = payloadProblem(type, payload)
  return p ? errorMessage(p.code, p.params) : null
}

describe('command payloads', () => {
  it('accept what the desk and the CLI send', () => {
    expect(payloadProblem('meeting.request', booking('2027-02-27T10:00:00+08:00', '2027-02-27T11:00:00+08:00'))).toBeNull()
    expect(payloadProblem('doc.approve', { visit: 3, opinion: '同意', to: ['u-li'], next: 'signoff' })).toBeNull()
    expect(payloadProblem('archive.borrow', { code: 'X001-WS·2026-Y-BGS-0001', reason: '查阅', from: '2026-12-02', until: '2026-12-20' })).toBeNull()
    expect(payloadProblem('meeting.minutes', {})).toBeNull()
  })

  it('refuse dates that are not in the calendar, naming the field', () => {
    expect(messageOf('meeting.request', booking('2027-02-30T10:00:00+08:00', '2027-02-30T11:00:00+08:00'))).toBe('“开始时间”不是有效的日期或时间')
    expect(messageOf('meeting.task', { text: '落实', owner: 'u-li', due: '2026-13-45' })).toBe('“办结时限”不是有效的日期或时间')
    expect(messageOf('archive.borrow', { code: 'X', reason: '查阅', from: '2026-12-02', until: '2026-12-45' })).toBe('“借阅截止日期”不是有效的日期或时间')
  })

  it('name the field that is missing or out of bounds', () => {
    const room = { id: 'r1', name: '第一会议室', location: '', seats: 0, equipment: [], approver: 'u-zhao', available: true }
    expect(messageOf('venue.save', { room })).toBe('“座位数”低于允许范围')
    expect(messageOf('meeting.refuse', { id: 'b1' })).toBe('“理由”未填写')
    expect(messageOf('doc.rename', { title: '   ' })).toBe('“标题”未填写')
  })

  it('refuse fields no type declares, however small or large', () => {
    expect(payloadProblem('doc.rename', { title: '通知', note: 'x' })).toEqual({ code: 'unknown_field', params: { field: 'note' } })
    expect(payloadProblem('doc.approve', { visit: 1, padding: 'x'.repeat(50_000) })?.code).toBe('unknown_field')
    expect(payloadProblem('meeting.request', { booking: { ...booking('2027-01-04T10:00:00+08:00', '2027-01-04T11:00:00+08:00').booking, extra: 1 } })).toEqual({ code: 'unknown_field', params: { field: 'booking.extra' } })
  })

  it('refuse a deeply nested payload without recursing into it', () => {
    let deep: unknown = 'x'
    for (let i = 0; i < 20_000; i++) deep = [deep]
    expect(payloadProblem('doc.register', { fields: { sourceOrg: deep } })?.code).toBe('payload_too_deep')
    expect(payloadProblem('no.such', {})?.code).toBe('unknown_command')
  })

  it('never throw, whatever the payload', () => {
    const types = Object.keys(COMMAND_PAYLOADS)
    fc.assert(fc.property(fc.constantFrom(...types), fc.jsonValue({ maxDepth: 6 }), (type, payload) => {
      const p = payloadProblem(type, payload)
      if (p) expect(errorMessage(p.code, p.params)).not.toBe(errorMessage('server_error'))
    }), { numRuns: 500 })
  })
})

describe('the typed registry', () => {
  // `npm run typecheck` compiles this file: each @ts-expect-error fails the build if the compiler accepts the line
  const act = <K extends CommandType>(type: K, payload: PayloadOf<K>): unknown => payloadProblem(type, payload)
  it('lets the compiler refuse an unknown type or a wrong payload, as the server refuses them', () => {
    expect(act('archive.borrow', { code: 'X', reason: '查阅', from: '2026-12-01', until: '2026-12-10' })).toBeNull()
    expect(act('doc.open', { visit: 0 })).toBeNull()
    // @ts-expect-error an undeclared command type
    expect(act('doc.teleport', {})).toEqual({ code: 'unknown_command' })
    // @ts-expect-error a field the payload does not have
    expect(act('doc.rename', { title: '新标题', colour: 'red' })).not.toBeNull()
    // @ts-expect-error a seal type that does not exist
    expect(act('seal.create', { name: '章', typeName: '私章', holders: ['u1'], validEnd: '2027-01-01' })).not.toBeNull()
  })
})
