// The demo organisation (ARCHITECTURE.md §5), password demo123 for everyone. Added where missing;
// a later start changes nothing that is already there.
import type { Clearance, Role } from '../../src/core/directory/model'
import { hashPassword } from '../auth/passwords'
import type { Storage, UnitRecord } from '../../src/core/storage/types'

export const DEMO_PASSWORD = 'demo123'

// 公文交换 runs between the units with a 收发员: 办公室 (the 厅's own 发文), 财务处 (two of them,
// either signs for the unit) and 人事处.
const UNITS: UnitRecord[] = [
  { id: 'tld', name: '厅领导', order: 1 },
  {
    id: 'bgs', name: '办公室', code: '办发', order: 2, registrars: ['zhaoliu'],
    template: { issuerMark: '政通示范厅文件', prefixes: ['办发', '办函'], issuerName: '政通示范厅', printer: '政通示范厅办公室' },
  },
  {
    id: 'cwc', name: '财务处', code: '财发', order: 3, registrars: ['wushiyi', 'fengshisan'],
    template: { issuerMark: '政通示范厅财务处文件', prefixes: ['财发'], issuerName: '政通示范厅财务处', printer: '政通示范厅财务处' },
  },
  { id: 'das', name: '档案室', order: 4 },
  { id: 'xxzx', name: '信息中心', order: 5 },
  {
    id: 'rsc', name: '人事处', code: '人发', order: 6, registrars: ['zhengshier'],
    template: { issuerMark: '政通示范厅人事处文件', prefixes: ['人发'], issuerName: '政通示范厅人事处', printer: '政通示范厅人事处' },
  },
]

const USERS: { id: string; name: string; unitId: string; title: string; roles: Role[]; clearance: Clearance; phone: string }[] = [
  { id: 'wangwu', name: '王五', unitId: 'tld', title: '厅长', roles: ['signer'], clearance: '绝密', phone: '0451-8260 1001' },
  { id: 'chenshi', name: '陈十', unitId: 'tld', title: '副厅长', roles: ['signer'], clearance: '绝密', phone: '0451-8260 1002' },
  { id: 'lisi', name: '李四', unitId: 'bgs', title: '处长', roles: ['reviewer'], clearance: '机密', phone: '0451-8260 2001' },
  { id: 'zhangsan', name: '张三', unitId: 'bgs', title: '科员', roles: ['drafter'], clearance: '秘密', phone: '0451-8260 2002' },
  { id: 'zhaoliu', name: '赵六', unitId: 'bgs', title: '文书', roles: ['clerk'], clearance: '秘密', phone: '0451-8260 2003' },
  { id: 'qianqi', name: '钱七', unitId: 'bgs', title: '印章管理员', roles: ['sealAdmin'], clearance: '秘密', phone: '0451-8260 2004' },
  { id: 'zhoujiu', name: '周九', unitId: 'cwc', title: '处长', roles: ['countersigner'], clearance: '机密', phone: '0451-8260 3001' },
  { id: 'sunba', name: '孙八', unitId: 'das', title: '档案员', roles: ['archivist'], clearance: '秘密', phone: '0451-8260 4001' },
  { id: 'admin', name: '管理员', unitId: 'xxzx', title: '系统管理员', roles: ['admin'], clearance: '秘密', phone: '0451-8260 5001' },
  { id: 'wushiyi', name: '吴十一', unitId: 'cwc', title: '收发员', roles: ['clerk'], clearance: '秘密', phone: '0451-8260 3002' },
  { id: 'fengshisan', name: '冯十三', unitId: 'cwc', title: '收发员', roles: ['clerk'], clearance: '秘密', phone: '0451-8260 3003' },
  { id: 'zhengshier', name: '郑十二', unitId: 'rsc', title: '收发员', roles: ['clerk'], clearance: '秘密', phone: '0451-8260 6001' },
]

/** Returns how many units and users it added. */
export async function seedDemo(storage: Storage): Promise<number> {
  let added = 0
  for (const unit of UNITS) {
    const existing = storage.units().find((u) => u.id === unit.id)
    if (!existing) {
      await storage.putUnit(unit)
      added++
    } else if (!existing.registrars && !existing.template && (unit.registrars || unit.template)) {
      // a demo organisation seeded before 公文交换 gains its 收发员 and templates once
      await storage.putUnit({ ...existing, ...(unit.registrars ? { registrars: unit.registrars } : {}), ...(unit.template ? { template: unit.template } : {}) })
    } else if (existing.registrars?.length && unit.registrars && isShorterPrefix(existing.registrars, unit.registrars)) {
      // 收发员 the demo added since (财务处's second), where nobody changed the unit's own list
      await storage.putUnit({ ...existing, registrars: unit.registrars })
    }
  }
  // each user's own salt; hashed side by side on the thread pool, so a fresh start waits for one round, not two dozen
  const missing = USERS.filter((user) => !storage.userById(user.id))
  const hashes = await Promise.all(missing.map(() => hashPassword(DEMO_PASSWORD)))
  for (const [i, user] of missing.entries()) {
    await storage.putUser({ ...user, username: user.id, passwordHash: hashes[i]! })
    added++
  }
  return added
}

function isShorterPrefix(a: readonly string[], b: readonly string[]): boolean {
  return a.length < b.length && a.every((x, i) => b[i] === x)
}
