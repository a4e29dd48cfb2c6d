import { describe, expect, it } from 'vitest'
import { followUpState, taskProblem, type FollowUp } from './tasks'

const task: FollowUp = { id: 't', room: 'meeting:x', meetingTitle: '推进会', text: '报送年终总结', owner: 'lisi', due: '2026-12-10', status: 'open', createdAt: '2026-12-01T00:00:00Z' }

describe('督办', () => {
  it('flags an open task as it nears and passes its deadline (agency time), never a done one', () => {
    expect(followUpState(task, new Date('2026-12-08T00:00:00Z'))).toBe('ok')
    expect(followUpState(task, new Date('2026-12-10T06:00:00Z'))).toBe('soon')
    expect(followUpState(task, new Date('2026-12-10T16:30:00Z'))).toBe('overdue')
    expect(followUpState({ ...task, status: 'done' }, new Date('2026-12-20T00:00:00Z'))).toBe('none')
  })

  it('needs the item, an owner and a date', () => {
    expect(taskProblem({ text: '报送年终总结', owner: 'lisi', due: '2026-12-10' })).toBeNull()
    expect(taskProblem({ text: ' ', owner: 'lisi', due: '2026-12-10' })).toBe('bad_command')
    expect(taskProblem({ text: '报送', owner: 'lisi', due: '12月10日' })).toBe('bad_command')
  })
})
