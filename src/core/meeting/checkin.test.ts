import { describe, expect, it } from 'vitest'
import { signCommand } from '../command/envelope'
import { generateSm2KeyPair } from '../crypto/sm2'
import { checkCheckin, codeCommand, decodeCode, encodeCode, presenceOf } from './checkin'
import type { Booking } from './model'

const keys = generateSm2KeyPair()
const booking: Booking = {
  id: '6f1c2a4e-0000-4000-8000-000000000001', roomId: 'r1', title: '推进会', category: '工作会', start: '2026-12-12T01:00:00Z', end: '2026-12-12T02:00:00Z',
  organiser: 'zhangsan', invitees: ['lisi', 'wangwu'], headcount: 3, setup: '', note: '', status: 'confirmed', requestedAt: '2026-12-01T00:00:00Z',
}
const room = `meeting:${booking.id}`
const madeAt = new Date('2026-12-12T00:55:00Z')
const code = encodeCode(signCommand({ ...codeCommand(booking.id, madeAt), id: '6f1c2a4e-0000-4000-8000-0000000000c1', actor: 'zhangsan', at: madeAt.toISOString() }, keys.privateKey, keys.publicKey))
const verify = (): boolean => true
const checkin = (at: string, payload: Record<string, unknown> = { code }, actor = 'lisi') => checkCheckin(booking, {}, { actor, at, room, payload }, verify)

describe('签到', () => {
  it('accepts a code inside its ten minutes and the meeting window, whenever the command arrives', () => {
    expect(decodeCode(code)?.actor).toBe('zhangsan')
    expect(checkin('2026-12-12T01:02:00Z')).toBeNull()
    expect(checkin('2026-12-12T01:06:00Z')).toEqual({ code: 'checkin_code_expired' })
    expect(checkin('2026-12-12T00:20:00Z')).toEqual({ code: 'checkin_outside_meeting' })
    expect(checkin('2026-12-12T01:02:00Z', { code: 'garbage' })).toEqual({ code: 'bad_checkin_code' })
    expect(checkin('2026-12-12T01:02:00Z', { code }, 'zhaoliu')).toEqual({ code: 'not_invited' })
    expect(checkCheckin(booking, {}, { actor: 'lisi', at: '2026-12-12T01:02:00Z', room, payload: { code } }, () => false)).toEqual({ code: 'bad_checkin_code' })
  })

  it('lets only the organiser mark someone present, and tells present, on leave and absent apart', () => {
    expect(checkin('2026-12-12T01:10:00Z', { user: 'wangwu' }, 'lisi')).toEqual({ code: 'forbidden' })
    expect(checkin('2026-12-12T01:10:00Z', { user: 'wangwu' }, 'zhangsan')).toBeNull()
    expect(presenceOf(booking, { wangwu: { answer: 'decline', reason: '出差', at: '' } }, { lisi: { at: '', by: 'code' } })).toEqual({ lisi: 'present', wangwu: 'leave' })
  })
})
