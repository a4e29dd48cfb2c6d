// Signed commands from the CLI, end to end against the real server: queued durably with
// --offline, sent by `zt sync`, rejections printed with the server's reason, wrong PINs refused.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliBundle } from '../../support/ztCli'
import { newServer, type TestServer } from '../../support/newServer'

let server: TestServer
const zhangsan = mkdtempSync(join(tmpdir(), 'zt-zs-'))
const lisi = mkdtempSync(join(tmpdir(), 'zt-ls-'))
const zt = (home: string, ...args: string[]) =>
  spawnSync(process.execPath, [cliBundle(), ...args, '--home', home], { encoding: 'utf8', env: { ...process.env, ZT_PIN: '' } })
let docId = ''

beforeAll(async () => {
  server = await newServer()
  expect(zt(zhangsan, 'login', 'zhangsan', '--password', 'demo123', '--server', server.url, '--pin', '135790').status).toBe(0)
  expect(zt(lisi, 'login', 'lisi', '--password', 'demo123', '--server', server.url, '--pin', '975310').status).toBe(0)
  const created = zt(zhangsan, 'doc', 'create', '--title', '关于开展安全生产检查的通知', '--type', '通知')
  expect(created.status).toBe(0)
  docId = /[0-9a-f-]{36}/.exec(created.stdout)![0]
})
afterAll(() => server.dispose())

describe('signed commands from the CLI', () => {
  it('refuses a missing or wrong PIN before anything is queued', () => {
    const none = zt(zhangsan, 'doc', 'share', docId, '--with', 'lisi')
    expect(none.status).toBe(2)
    expect(none.stderr).toContain('PIN')
    const wrong = zt(zhangsan, 'doc', 'share', docId, '--with', 'lisi', '--pin', '000000')
    expect(wrong.status).toBe(1)
    expect(wrong.stderr).toContain('PIN 不正确')
    expect(() => readdirSync(join(zhangsan, 'outbox'))).toThrow()
  })

  it('refuses to create a document above its creator\'s clearance (张三: 秘密), before asking the server', () => {
    const above = zt(zhangsan, 'doc', 'create', '--title', '关于涉密事项的通知', '--type', '通知', '--classification', '机密')
    expect(above.status).toBe(1)
    expect(above.stderr).toContain('所选密级（机密）高于您的涉密等级')
    expect(above.stdout).toBe('')
  })

  it('queues a share offline, durably, and zt sync sends it', () => {
    const queued = zt(zhangsan, 'doc', 'share', docId, '--with', 'lisi', '--pin', '135790', '--offline')
    expect(queued.status).toBe(0)
    expect(queued.stdout).toContain('已签名并保存在本机')
    expect(readdirSync(join(zhangsan, 'outbox')).filter((n) => n.endsWith('.json'))).toHaveLength(1)
    // not yet shared: lisi cannot open it
    expect(zt(lisi, 'doc', 'show', docId).status).not.toBe(0)

    const synced = zt(zhangsan, 'sync')
    expect(synced.status).toBe(0)
    expect(synced.stdout).toMatch(/已接受 doc\.share（[0-9a-f-]{36}），序号 \d+/)
    expect(readdirSync(join(zhangsan, 'outbox')).filter((n) => n.endsWith('.json'))).toHaveLength(0)
    expect(zt(zhangsan, 'sync').stdout).toContain('本机没有待提交的操作')
    const shown = zt(lisi, 'doc', 'show', docId)
    expect(shown.status).toBe(0)
    expect(shown.stdout).toContain('关于开展安全生产检查的通知')
  })

  it('prints the server\u2019s reason when a command is rejected, and accepts a writer\u2019s rename', () => {
    const refused = zt(lisi, 'doc', 'share', docId, '--with', 'zhoujiu', '--pin', '975310')
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('操作未生效：只有文档创建人可以共享文档')
    expect(readdirSync(join(lisi, 'outbox')).filter((n) => n.endsWith('.json'))).toHaveLength(0)

    const renamed = zt(lisi, 'doc', 'rename', docId, '--title', '关于开展安全生产大检查的通知', '--pin', '975310')
    expect(renamed.status).toBe(0)
    expect(zt(zhangsan, 'doc', 'show', docId).stdout).toContain('关于开展安全生产大检查的通知')
  })

  it('keeps a command refused on arrival with its reason until dismissed, and zt sync exits 1', () => {
    const queued = zt(lisi, 'doc', 'share', docId, '--with', 'zhoujiu', '--pin', '975310', '--offline')
    expect(queued.status).toBe(0)
    const synced = zt(lisi, 'sync')
    expect(synced.status).toBe(1)
    expect(synced.stdout).toContain('以下操作被服务器拒绝')
    expect(synced.stdout).toContain('只有文档创建人可以共享文档')
    expect(synced.stderr).toContain('被服务器拒绝，未生效')
    // still listed on the next run (which refuses nothing new, so succeeds)
    const again = zt(lisi, 'sync')
    expect(again.status).toBe(0)
    expect(again.stdout).toContain('只有文档创建人可以共享文档')
    expect(zt(lisi, 'sync', '--dismiss', 'nonexistent').status).toBe(1)
    const dismissed = zt(lisi, 'sync', '--dismiss', 'all')
    expect(dismissed.status).toBe(0)
    expect(dismissed.stdout).toMatch(/已移除 \d+ 项/)
    expect(zt(lisi, 'sync').stdout).not.toContain('以下操作被服务器拒绝')
  })
})
