// 收文 end to end: 签收 → 登记 → 初审 → 拟办 → 批办 (主办, 协办, 传阅 with read times) → 承办 → 办结,
// and 编号 under concurrency: numbers stay gap-free and unique however the clerks race.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentHash, readContent } from '../../../src/core/docflow/content'
import { cstYear } from '../../../src/core/docflow/docNumber'
import { docRoom } from '../../../src/core/sync/roomName'
import { newServer, type TestServer } from '../../support/newServer'
import { cliUser, show, type CliUser } from '../../support/ztCli'
import { destroySessions, session, signedAct, signedIn } from '../server/helpers'

let server: TestServer
let zhaoliu: CliUser, wangwu: CliUser, zhoujiu: CliUser, lisi: CliUser, chenshi: CliUser

beforeAll(async () => {
  server = await newServer()
  const [a, b, c, d, e] = ['zhaoliu', 'wangwu', 'zhoujiu', 'lisi', 'chenshi'].map((u) => cliUser(server, u))
  ;[zhaoliu, wangwu, zhoujiu, lisi, chenshi] = [a!, b!, c!, d!, e!]
}, 60_000)
afterAll(async () => {
  destroySessions()
  await server.dispose()
})

describe('收文', () => {
  it('runs 签收 → 登记 → 初审 → 拟办 → 批办 → 承办 with 协办 and 传阅 → 办结', () => {
    const id = zhaoliu.ok('doc', 'create', '--kind', 'incoming', '--title', '关于做好2022年防汛工作的通知', '--type', '通知', '--urgency', '加急', '--body-file', 'tests/fixtures/haizhou-notice-2022.txt').trim()
    zhaoliu.ok('doc', 'act', id, 'receive')
    zhaoliu.ok('doc', 'act', id, 'register', '--serial', '收〔2026〕12号', '--source-org', '海州市人民政府', '--source-number', '海政发〔2022〕114号', '--source-date', '2022-08-26', '--copies', '2', '--limit', '2026-12-31')
    zhaoliu.ok('doc', 'act', id, 'approve')
    zhaoliu.ok('doc', 'act', id, 'propose', '--opinion', '拟请财务处主办，办公室协办，陈十同志阅', '--to', 'wangwu')
    expect(wangwu.ok('inbox')).toMatch(/待办（1）[\s\S]*【加急】关于做好2022年防汛工作的通知\s+批办/)
    wangwu.ok('doc', 'act', id, 'instruct', '--opinion', '同意拟办意见', '--main', 'zhoujiu', '--assist', 'lisi', '--circulate', 'chenshi', '--limit', '2026-12-20')
    const handling = show(zhoujiu, id)
    expect(handling.flow).toMatchObject({ step: 'handle' })
    expect(handling.flow.handlers.sort()).toEqual(['chenshi', 'lisi', 'zhoujiu'])
    expect(chenshi.zt('doc', 'act', id, 'handle', '--result', 'x').stderr).toContain('不能进行此操作')
    chenshi.ok('doc', 'act', id, 'read')
    lisi.ok('doc', 'act', id, 'handle', '--result', '已提供近三年防汛物资清单')
    expect(show(zhoujiu, id).flow.step).toBe('handle')
    zhoujiu.ok('doc', 'act', id, 'handle', '--result', '已落实防汛经费 120 万元')
    expect(show(zhaoliu, id).flow).toMatchObject({ step: 'finish', handlers: ['zhaoliu'] })
    zhaoliu.ok('doc', 'act', id, 'complete')
    const done = show(zhaoliu, id)
    expect(done.flow.ended).toBe('done')
    expect(done.flow.records.map((r) => r.action)).toEqual(['receive', 'register', 'approve', 'propose', 'instruct', 'read', 'handle', 'handle', 'complete'])
    expect(zhaoliu.ok('doc', 'show', id)).toMatch(/陈十\s+阅/)
  }, 120_000)

  it('初审 may 退回来文 with a reason', () => {
    const id = zhaoliu.ok('doc', 'create', '--kind', 'incoming', '--title', '某局来文', '--type', '函').trim()
    zhaoliu.ok('doc', 'act', id, 'receive')
    zhaoliu.ok('doc', 'act', id, 'register', '--source-org', '某局')
    zhaoliu.ok('doc', 'act', id, 'return', '--reason', '不符合行文规则，退回来文单位')
    expect(show(zhaoliu, id).flow.ended).toBe('returned')
  }, 60_000)
})

describe('编号', () => {
  it('gives unique, gap-free numbers when clerks number many documents at once', async () => {
    const rooms: string[] = []
    for (let i = 0; i < 6; i++) {
      const { api } = await signedIn(server, 'lisi')
      const room = docRoom(randomUUID())
      await api.createRoom(room)
      const s = await session(server, 'lisi', room)
      await s.whenSynced()
      s.doc.getMap('meta').set('title', `并发编号测试 ${i}`)
      s.doc.getMap('meta').set('createdBy', 'lisi')
      await s.whenPersisted()
      const hash = contentHash(readContent(s.doc))
      s.destroy()
      await signedAct(server, 'lisi', 'doc.submit', room, { to: ['lisi'] })
      await signedAct(server, 'lisi', 'doc.approve', room, { next: 'signoff', to: ['wangwu'] })
      await signedAct(server, 'wangwu', 'doc.signoff', room, { to: ['zhaoliu', 'lisi'], mode: 'any' }, hash)
      rooms.push(room)
    }
    // two clerks (zhaoliu, and lisi as a second holder) race on every document
    const results = await Promise.allSettled(rooms.flatMap((room) => [signedAct(server, 'zhaoliu', 'doc.number', room, {}), signedAct(server, 'lisi', 'doc.number', room, {})]))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(rooms.length)
    const numbers: string[] = []
    for (const room of rooms) {
      const s = await session(server, 'lisi', room)
      await s.whenSynced()
      numbers.push(String(s.doc.getMap('meta').get('docNumber')))
      s.destroy()
    }
    const year = cstYear(new Date())
    expect(numbers.map((n) => Number(/〔\d+〕(\d+)号/.exec(n)![1])).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6])
    expect(numbers.every((n) => n.startsWith(`办发〔${year}〕`))).toBe(true)
  }, 120_000)
})

describe('附件', () => {
  it('stores attachments by SM3, lets readers of the document fetch and check them, and nobody else', async () => {
    const { writeFileSync, readFileSync, mkdtempSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'zt-att-'))
    const file = join(dir, '防汛物资清单.csv')
    writeFileSync(file, '物资,数量\n编织袋,5000\n救生衣,300\n')
    const id = zhaoliu.ok('doc', 'create', '--kind', 'incoming', '--title', '附件测试', '--type', '函').trim()
    expect(zhaoliu.ok('doc', 'attach', id, file)).toMatch(/已添加附件：防汛物资清单\.csv（SM3 [0-9a-f]{64}）/)
    zhaoliu.ok('doc', 'act', id, 'receive')
    zhaoliu.ok('doc', 'act', id, 'register', '--source-org', '某局')
    zhaoliu.ok('doc', 'act', id, 'approve')
    zhaoliu.ok('doc', 'act', id, 'propose', '--to', 'wangwu')
    const out = join(dir, 'copy.csv')
    expect(wangwu.ok('doc', 'fetch', id, '防汛物资清单.csv', '--out', out)).toContain('已下载附件')
    expect(readFileSync(out, 'utf8')).toContain('救生衣,300')
    // not on the route: refused
    expect(lisi.zt('doc', 'fetch', id, '防汛物资清单.csv', '--out', join(dir, 'x')).status).not.toBe(0)
  }, 60_000)
})
