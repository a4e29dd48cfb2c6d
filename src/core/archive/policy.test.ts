import { describe, expect, it } from 'vitest'
import type { RoomRecord } from '../storage/types'
import { errorMessage } from '../messages/errors'
import { archivistMayRead, fileProblem, lendProblem, loanProblem, MAX_LOAN_DAYS } from './policy'

const archivist = { roles: ['archivist' as const], clearance: '秘密' as const }
const clerk = { roles: ['clerk' as const], clearance: '绝密' as const }
const done = (classification?: string): RoomRecord => ({ room: 'doc:1', owner: 'zhangsan', members: {}, title: '', docType: '', createdAt: '', updatedAt: '', flowKind: 'outgoing', step: 'done', ...(classification ? { classification } : {}) })

describe('archive policy', () => {
  it('lets only an archivist cleared for it file a finished 公文', () => {
    expect(fileProblem(archivist, done('秘密'))).toBeNull()
    expect(fileProblem(archivist, done())).toBeNull()
    expect(fileProblem(clerk, done())).toEqual({ code: 'not_archivist' })
    expect(fileProblem(archivist, { ...done(), step: 'signoff' })).toEqual({ code: 'not_finished' })
    expect(fileProblem(archivist, { ...done(), flowKind: 'sealrequest' })).toEqual({ code: 'not_found' })
    expect(fileProblem(archivist, undefined)).toEqual({ code: 'not_found' })
    expect(fileProblem(archivist, done('机密'))).toEqual({ code: 'record_above_clearance', params: { level: '机密' } })
  })

  it('bounds a loan: a reason, from before until, not ended before today, at most 90 days', () => {
    const ask = (from: string, until: string, reason = '编写年度总结') => loanProblem(archivist, '秘密', { reason, from, until }, '2026-12-03')
    expect(ask('2026-12-03', '2026-12-04')).toBeNull()
    expect(ask('2026-12-03', '2027-03-03')).toBeNull()
    expect(MAX_LOAN_DAYS).toBe(90)
    expect(ask('2026-12-03', '2027-03-04')).toEqual({ code: 'bad_loan' })
    expect(ask('2020-01-01', '2020-01-31')).toEqual({ code: 'bad_loan' })
    expect(ask('2026-12-05', '2026-12-04')).toEqual({ code: 'bad_loan' })
    expect(ask('2026-12-03', '2026-12-04', '  ')).toEqual({ code: 'bad_loan' })
    expect(loanProblem(archivist, '机密', { reason: '查阅', from: '2026-12-03', until: '2026-12-04' }, '2026-12-03')).toEqual({ code: 'record_above_clearance', params: { level: '机密' } })
  })

  it('says a non-archivist may not decide a loan — not that they may not file', () => {
    const refused = lendProblem(clerk)!
    expect(errorMessage(refused.code)).toBe('只有档案员可以审批借阅申请')
    expect(lendProblem(archivist)).toBeNull()
  })

  it('lets an archivist read a record by role only at or below their clearance, and nobody one of unknown 密级', () => {
    expect(archivistMayRead(archivist, '秘密')).toBe(true)
    expect(archivistMayRead(archivist, '机密')).toBe(false)
    expect(archivistMayRead(archivist, '')).toBe(false)
    expect(archivistMayRead(clerk, '非密')).toBe(false)
  })
})
