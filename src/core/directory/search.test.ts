import { describe, expect, it } from 'vitest'
import type { Directory } from './model'
import { mayRead } from './model'
import { searchUsers } from './search'

const dir: Directory = {
  units: [
    { id: 'bgs', name: '办公室', order: 1 },
    { id: 'cwc', name: '财务处', order: 2 },
  ],
  users: [
    { id: 'zhoujiu', username: 'zhoujiu', name: '周九', unitId: 'cwc', title: '处长', roles: ['countersigner'], clearance: '机密' },
    { id: 'zhangsan', username: 'zhangsan', name: '张三', unitId: 'bgs', title: '科员', roles: ['drafter'], clearance: '秘密' },
    { id: 'lisi', username: 'lisi', name: '李四', unitId: 'bgs', title: '处长', roles: ['reviewer'], clearance: '机密' },
  ],
}

describe('通讯录 search', () => {
  it('lists everyone by unit order when the query is empty', () => {
    expect(searchUsers(dir, '  ').map((u) => u.id)).toEqual(['lisi', 'zhangsan', 'zhoujiu'])
  })

  it('finds people by name, title, unit or username, in either script', () => {
    expect(searchUsers(dir, '张').map((u) => u.id)).toEqual(['zhangsan'])
    expect(searchUsers(dir, '处长').map((u) => u.id)).toEqual(['lisi', 'zhoujiu'])
    expect(searchUsers(dir, '財務').map((u) => u.id)).toEqual(['zhoujiu'])
    expect(searchUsers(dir, 'LISI').map((u) => u.id)).toEqual(['lisi'])
  })
})

describe('clearance', () => {
  it('lets a person read documents at or below their clearance only', () => {
    expect(mayRead('机密', '秘密')).toBe(true)
    expect(mayRead('秘密', '机密')).toBe(false)
    expect(mayRead('非密', '非密')).toBe(true)
  })
})

describe('通讯录 search in traditional script', () => {
  it('folds through the same table as full-text search, variants included', () => {
    const d: Directory = {
      units: [{ id: 'xxzx', name: '信息中心', order: 1 }],
      users: [{ id: 'wangwu', username: 'wangwu', name: '王五', unitId: 'xxzx', title: '網絡與數據安全處處長', roles: [], clearance: '非密' }],
    }
    expect(searchUsers(d, '网络与数据').map((u) => u.id)).toEqual(['wangwu'])
    expect(searchUsers(d, '資訊').map((u) => u.id)).toEqual([])
    expect(searchUsers(d, '處長').map((u) => u.id)).toEqual(['wangwu'])
    expect(searchUsers(d, 'ＷＡＮＧ').map((u) => u.id)).toEqual(['wangwu'])
  })
})
