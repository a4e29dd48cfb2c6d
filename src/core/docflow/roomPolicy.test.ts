import { describe, expect, it } from 'vitest'
import type { RoomRecord } from '../storage/types'
import { renameProblem, shareProblem } from './roomPolicy'

const room: RoomRecord = { room: 'doc:1', owner: 'lisi', members: { zhangsan: 'write', wangwu: 'read' }, title: '', docType: '', createdAt: '', updatedAt: '', classification: '机密' }

describe('sharing and renaming a document room', () => {
  it('lets only the owner share, and never with someone cleared below its 密级', () => {
    const share = { username: 'zhoujiu', access: 'read' }
    expect(shareProblem(room, { id: 'lisi' }, share, { clearance: '机密' })).toBeNull()
    expect(shareProblem(room, { id: 'lisi' }, share, { clearance: '秘密' })).toBe('clearance_too_low')
    expect(shareProblem(room, { id: 'zhangsan' }, share, { clearance: '绝密' })).toBe('not_owner')
    expect(shareProblem(room, { id: 'lisi' }, share, undefined)).toBe('no_such_user')
    expect(shareProblem(room, { id: 'lisi' }, { username: 'zhoujiu', access: 'admin' }, { clearance: '绝密' })).toBe('bad_command')
    expect(shareProblem(undefined, { id: 'lisi' }, share, { clearance: '绝密' })).toBe('not_found')
  })

  it('lets a writer rename while the content is open', () => {
    expect(renameProblem(room, { id: 'zhangsan' }, '关于开展安全生产大检查的通知')).toBeNull()
    expect(renameProblem(room, { id: 'wangwu' }, '新标题')).toBe('forbidden')
    expect(renameProblem(room, { id: 'lisi' }, '  ')).toBe('bad_command')
    expect(renameProblem({ ...room, frozen: true }, { id: 'lisi' }, '新标题')).toBe('content_frozen')
  })
})
