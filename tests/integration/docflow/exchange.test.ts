// 公文交换 with the real server and CLI users on separate machines: the sealed 正本 goes from 办公室
// to 财务处 (主送) and 人事处 (抄送); both of 财务处's 收发员 get it, one signs for it offline and it
// leaves the other's 待办; 人事处's returns it with a reason; the sender reads the receipt table; the recipient's copy is the 正本 — read-only, with
// the sender's 文号 and seal, rendering to the very same PDF bytes and verifying with no server.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cstYear } from '../../../src/core/docflow/docNumber'
import type { Receipt } from '../../../src/core/docflow/exchange'
import { newServer, type TestServer } from '../../support/newServer'
import { cliUser, show, type CliUser } from '../../support/ztCli'
import { auditRecords, destroySessions, session } from '../server/helpers'

let server: TestServer
let admin: CliUser
let qianqi: CliUser, zhangsan: CliUser, lisi: CliUser, wangwu: CliUser, zhaoliu: CliUser, wushiyi: CliUser, fengshisan: CliUser, zhengshier: CliUser
const dir = mkdtempSync(join(tmpdir(), 'zt-exchange-'))
const year = cstYear(new Date())
let docId = ''

beforeAll(async () => {
  server = await newServer()
  admin = cliUser(server, 'admin')
  ;[qianqi, zhangsan, lisi, wangwu, zhaoliu, wushiyi, fengshisan, zhengshier] = ['qianqi', 'zhangsan', 'lisi', 'wangwu', 'zhaoliu', 'wushiyi', 'fengshisan', 'zhengshier'].map((u) => cliUser(server, u)) as CliUser[] as [CliUser, CliUser, CliUser, CliUser, CliUser, CliUser, CliUser, CliUser]
}, 90_000)
afterAll(async () => {
  destroySessions()
  await server.dispose()
})

const receipts = (): Receipt[] => JSON.parse(zhaoliu.ok('doc', 'receipts', docId, '--json')) as Receipt[]
type Inbox = { items: { room: string; kind: string; from: string; step: string; box: string }[] }
const inboxOf = (user: CliUser): Inbox['items'] => (JSON.parse(user.ok('inbox', '--json')) as Inbox).items
const copyOf = (user: CliUser): string => inboxOf(user).find((i) => i.kind === 'incoming')!.room

describe('公文交换', () => {
  it('sends the sealed 正本 to units as 主送 and 抄送, each to its 收发员, and lists a receipt per unit', () => {
    const made = qianqi.ok('seal', 'create', '--name', '政通示范厅', '--holders', 'zhaoliu', '--valid-until', '2030-12-31')
    const esID = /印章标识 (\S+)/.exec(made)![1]!
    docId = zhangsan.ok('doc', 'create', '--title', '关于报送年度预算执行情况的通知', '--type', '通知', '--body-file', 'tests/fixtures/haizhou-notice-2022.txt', '--to-main', '财务处', '--cc', '人事处', '--issuer-mark', '政通示范厅文件', '--issuer-name', '政通示范厅').trim()
    zhangsan.ok('doc', 'submit', docId, '--to', 'lisi')
    lisi.ok('doc', 'act', docId, 'approve', '--next', 'signoff', '--to', 'wangwu')
    wangwu.ok('doc', 'act', docId, 'signoff', '--opinion', '同意', '--to', 'zhaoliu')
    // a 代字 outside the unit's list is refused before signing; the chosen one numbers it
    expect(zhaoliu.zt('doc', 'act', docId, 'number', '--prefix', '财发').status).not.toBe(0)
    expect(zhaoliu.ok('doc', 'act', docId, 'number', '--prefix', '办函')).toContain(`办函〔${year}〕1号`)
    zhaoliu.ok('doc', 'act', docId, 'seal', '--seal', esID)
    // a unit without a 收发员 cannot be sent to
    const nobody = zhaoliu.zt('doc', 'act', docId, 'distribute', '--to-units', '档案室')
    expect(nobody.status).toBe(1)
    expect(nobody.stderr).toContain('档案室没有收发员')
    // signed offline, judged when it arrives
    expect(zhaoliu.ok('doc', 'act', docId, 'distribute', '--to-units', '财务处', '--cc-units', '人事处', '--to', 'lisi', '--offline')).toContain('已签名并保存在本机')
    expect(receipts()).toEqual([])
    zhaoliu.ok('sync')
    expect(receipts().map((r) => [r.name, r.role, r.status, r.holderName])).toEqual([['财务处', 'main', 'delivered', '吴十一、冯十三'], ['人事处', 'cc', 'delivered', '郑十二'], ['李四', 'person', 'delivered', '李四']])
    expect(show(lisi, copyOf(lisi)).flow.step).toBe('receive')
    expect(zhaoliu.ok('doc', 'receipts', docId)).toMatch(/财务处\s+主送\s+已送达[\s\S]*人事处\s+抄送\s+已送达/)
  }, 150_000)

  it('gives every 收发员 of the unit the one 正本: from the sending 机关, with its 文号 and 成文日期, read-only', () => {
    for (const clerk of [wushiyi, fengshisan]) expect(inboxOf(clerk)).toEqual([expect.objectContaining({ kind: 'incoming', step: 'receive', box: 'todo', from: '政通示范厅' })])
    expect(copyOf(fengshisan)).toBe(copyOf(wushiyi))
    expect(fengshisan.ok('inbox')).toMatch(/收文签收[\s\S]*关于报送年度预算执行情况的通知/)
    const copy = JSON.parse(wushiyi.ok('doc', 'show', copyOf(wushiyi), '--json')) as { original: { docNumber: string; senderUnit: string; sourceOrg: string; issueDate: string }; registration: Record<string, unknown>; flow: { step: string } }
    expect(copy.original).toMatchObject({ docNumber: `办函〔${year}〕1号`, senderUnit: '办公室', sourceOrg: '政通示范厅' })
    expect(copy.registration).toMatchObject({ sourceOrg: '政通示范厅', sourceNumber: `办函〔${year}〕1号`, sourceDate: copy.original.issueDate, senderUnit: '办公室' })
    expect(copy.original.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('renders the copy to the same PDF as the 正本 and verifies its seal offline', () => {
    const room = copyOf(wushiyi)
    zhaoliu.ok('doc', 'export', docId, '--pdf', join(dir, 'sent.pdf'))
    wushiyi.ok('doc', 'export', room, '--pdf', join(dir, 'received.pdf'), '--sealed', join(dir, 'received.zip'))
    expect(Buffer.compare(readFileSync(join(dir, 'sent.pdf')), readFileSync(join(dir, 'received.pdf')))).toBe(0)
    const verified = wushiyi.zt('verify', join(dir, 'received.zip'))
    expect(verified.stdout).toContain('验证通过')
    expect(verified.stdout).toContain(`办函〔${year}〕1号`)
  })

  it('refuses the recipient\'s edits of the copy at the relay', async () => {
    const room = copyOf(wushiyi)
    const editor = await session(server, 'wushiyi', room)
    await editor.whenSynced()
    editor.doc.getMap('meta').set('title', '被改的标题')
    await expect.poll(() => auditRecords(server).some((r) => r.type === 'sync.write_refused' && r.actor === 'wushiyi')).toBe(true)
    editor.destroy()
    expect(show(wushiyi, room).title).toBe('关于报送年度预算执行情况的通知')
  })

  it('takes a 签收 made offline, judged on arrival, and a 退文 with its reason; the sender sees both with times', () => {
    const copyB = copyOf(wushiyi)
    wushiyi.ok('doc', 'show', copyB)
    fengshisan.ok('doc', 'show', copyB)
    expect(wushiyi.ok('doc', 'act', copyB, 'receive', '--offline')).toContain('已签名并保存在本机')
    expect(receipts().find((r) => r.name === '财务处')!.status).toBe('delivered')
    // the unit's other 收发员 signs first: the copy is the unit's, signed for once
    fengshisan.ok('doc', 'act', copyB, 'receive')
    expect(inboxOf(fengshisan)).toEqual([expect.objectContaining({ room: copyB, step: 'register', box: 'todo' })])
    expect(inboxOf(wushiyi)).toEqual([expect.objectContaining({ room: copyB, step: 'register', box: 'done' })])
    const late = wushiyi.zt('sync')
    expect(late.stdout + late.stderr).toMatch(/冯十三已于 .* 签收，您的操作未生效/)
    expect(wushiyi.ok('inbox')).toMatch(/待办（0）[\s\S]*已办（1）\n\s+〔公文〕关于报送年度预算执行情况的通知\s+登记\s+来自 政通示范厅/)
    expect(wushiyi.zt('doc', 'act', copyB, 'reject', '--reason', '晚了').status).not.toBe(0)
    expect(show(fengshisan, copyB).flow.step).toBe('register')
    expect(receipts().find((r) => r.name === '财务处')).toMatchObject({ status: 'received', by: 'fengshisan', holderName: '冯十三' })
    // 登记: the 收文编号 is the unit's; 来文机关, 来文字号 and 成文日期 stay the 正本's
    fengshisan.ok('doc', 'act', copyB, 'register', '--serial', '财收〔2026〕1号', '--source-number', '改过的字号')
    const registered = JSON.parse(fengshisan.ok('doc', 'show', copyB, '--json')) as { flow: { step: string; register: Record<string, unknown> } }
    expect(registered.flow.step).toBe('screen')
    expect(registered.flow.register).toMatchObject({ serial: '财收〔2026〕1号', sourceOrg: '政通示范厅', sourceNumber: `办函〔${year}〕1号`, senderUnit: '办公室' })

    const copyC = copyOf(zhengshier)
    const noReason = zhengshier.zt('doc', 'act', copyC, 'reject')
    expect(noReason.status).not.toBe(0)
    expect(noReason.stderr).toContain('退文理由')
    zhengshier.ok('doc', 'act', copyC, 'reject', '--reason', '非我处主管事项，请改送财务处')
    expect(show(zhengshier, copyC).flow.ended).toBe('returned')
    // a copy already signed for cannot be returned
    expect(fengshisan.zt('doc', 'act', copyB, 'reject', '--reason', '晚了').status).not.toBe(0)

    const [b, c, person] = receipts()
    expect(person).toMatchObject({ name: '李四', status: 'delivered' })
    expect(b).toMatchObject({ name: '财务处', status: 'received', by: 'fengshisan' })
    expect(c).toMatchObject({ name: '人事处', status: 'returned', by: 'zhengshier', reason: '非我处主管事项，请改送财务处' })
    expect(Date.parse(b!.receivedAt!)).toBeGreaterThanOrEqual(Date.parse(b!.deliveredAt))
    expect(zhaoliu.ok('doc', 'receipts', docId)).toMatch(/财务处\s+主送\s+已签收[^\n]*冯十三[\s\S]*人事处\s+抄送\s+已退文[^\n]*郑十二\s+非我处主管事项/)
  }, 180_000) // some twenty CLI runs
})

describe('单位发文模板', () => {
  it('is set by an administrator only, listed for everyone, and fills the 红头 at 新建公文', () => {
    const refused = zhangsan.zt('unit', 'set', '人事处', '--prefixes', '人函')
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('只有系统管理员')
    expect(admin.zt('unit', 'set', '人事处', '--prefixes', '').status).toBe(2)
    admin.ok('unit', 'set', '人事处', '--issuer-mark', '政通示范厅人事处文件', '--prefixes', '人发,人函', '--issuer-name', '政通示范厅人事处', '--printer', '政通示范厅人事处办公室')
    expect(zhangsan.ok('unit', 'list')).toMatch(/人事处\s+郑十二\s+政通示范厅人事处文件\s+人发、人函\s+政通示范厅人事处\s+政通示范厅人事处办公室/)
    const id = zhangsan.ok('doc', 'create', '--title', '关于做好职称评审的通知', '--type', '通知', '--template', '人事处').trim()
    const shown = JSON.parse(zhangsan.ok('doc', 'show', id, '--json')) as { content: { meta: { issuerMark: string; issuerName: string; printer: string } } }
    expect(shown.content.meta).toMatchObject({ issuerMark: '政通示范厅人事处文件', issuerName: '政通示范厅人事处', printer: '政通示范厅人事处办公室' })
  })
})
