import { describe, expect, it } from 'vitest'
import { classificationsFor } from '../directory/model'
import { errorMessage } from '../messages/errors'
import { startDocument, startProblem } from './start'

const now = new Date('2026-12-03T08:00:00Z')

describe('新建公文', () => {
  it('offers only the 密级 at or below the creator\'s clearance', () => {
    expect(classificationsFor('秘密')).toEqual(['非密', '秘密'])
    expect(classificationsFor('绝密')).toEqual(['非密', '秘密', '机密', '绝密'])
  })

  it('refuses a document above its creator\'s clearance, saying so in Chinese', () => {
    const refused = startProblem({ clearance: '秘密' }, '机密')
    expect(refused).toEqual({ code: 'classification_above_clearance', params: { level: '机密' } })
    expect(errorMessage(refused!.code, refused!.params)).toBe('所选密级（机密）高于您的涉密等级，不能新建该密级的公文')
    expect(startDocument({ id: 'zhangsan', clearance: '秘密' }, { room: 'doc:1', classification: '绝密' }, now)).toHaveProperty('refused')
  })

  it('starts a 发文 at 拟稿 and a 收文 at 签收, its creator the one editor', () => {
    expect(startDocument({ id: 'zhangsan', clearance: '秘密' }, { room: 'doc:1', classification: '秘密' }, now)).toEqual({
      record: { room: 'doc:1', owner: 'zhangsan', members: {}, title: '', docType: '', createdAt: now.toISOString(), updatedAt: now.toISOString(), classification: '秘密', flowKind: 'outgoing', editors: ['zhangsan'], step: 'draft' },
    })
    const incoming = startDocument({ id: 'zhaoliu', clearance: '秘密' }, { room: 'doc:2', kind: 'incoming' }, now)
    expect('record' in incoming && incoming.record).toMatchObject({ flowKind: 'incoming', step: 'receive' })
    expect('record' in incoming && incoming.record.classification).toBeUndefined()
  })
})
