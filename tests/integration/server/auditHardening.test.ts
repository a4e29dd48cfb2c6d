// The audit log under attack and after a crash (issue 13 item 7): unauthenticated failures are
// recorded only within a budget per address, every record is signed within a few seconds, reading
// a document is recorded once a minute per reader, and a torn last line is cut on start and the
// cut itself recorded.
import { spawnSync } from 'node:child_process'
import { appendFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newServer, type TestServer } from '../../support/newServer'
import { cliBundle } from '../../support/ztCli'
import { auditRecords, newDoc, rawSocket, signedIn } from './helpers'

const zt = (...args: string[]) => spawnSync(process.execPath, [cliBundle(), ...args], { encoding: 'utf8' })

describe('unauthenticated failures', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await newServer()
  })
  afterAll(() => server.dispose())

  it('records bad tokens and refused sockets of one address only within its budget, answering 429 beyond it, and sums up the rest', async () => {
    const answers: number[] = []
    for (let i = 0; i < 80; i++) answers.push((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer forged-${i}` } })).status)
    const refused = answers.filter((s) => s === 401).length
    const turnedAway = answers.filter((s) => s === 429).length
    expect(refused).toBeGreaterThanOrEqual(30)
    expect(refused).toBeLessThan(40)
    expect(refused + turnedAway).toBe(80)
    const body = (await (await fetch(`${server.url}/api/me`, { headers: { authorization: 'Bearer forged' } })).json()) as { error: string; message: string }
    expect(body).toMatchObject({ error: 'rate_limited', message: '操作过于频繁，请稍后再试' })

    // sockets from the same address, past its budget: refused before the handshake, unrecorded
    const sockets = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const s = rawSocket(server, '/sync/doc:00000000-0000-4000-8000-000000000000', ['forged'])
        s.opened.catch(() => undefined)
        return (await s.closed).code
      }),
    )
    expect(sockets.every((code) => code !== 4401)).toBe(true)

    const records = auditRecords(server)
    const failures = records.filter((r) => r.type === 'auth.refused' || r.type === 'sync.refused').length
    expect(failures).toBe(refused)
    // the server is still up, and its clean stop writes the one summary of the window
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    await server.stop('SIGTERM')
    const summaries = auditRecords(server).filter((r) => r.type === 'audit.suppressed')
    expect(summaries).toHaveLength(1)
    const detail = summaries[0]!.detail as { count: number; addresses: Record<string, number> }
    expect(detail.count).toBe(turnedAway + 1 + 20)
    expect(Object.values(detail.addresses)).toEqual([detail.count])
  })
})

describe('checkpoints in time, and document opens', () => {
  let server: TestServer
  let room: string
  beforeAll(async () => {
    server = await newServer({ extraArgs: ['--audit-checkpoint-seconds', '1'] })
    room = await newDoc(server, 'zhangsan')
  })
  afterAll(() => server.dispose())

  it('signs a checkpoint within T seconds of the last unsigned record, without waiting for a hundred', async () => {
    await signedIn(server, 'lisi')
    const at = auditRecords(server).findLast((r) => r.type === 'login.ok')!.seq
    await expect.poll(() => auditRecords(server).at(-1), { timeout: 5000 }).toMatchObject({ type: 'audit.checkpoint' })
    const last = auditRecords(server).at(-1)!
    expect(last.seq).toBeGreaterThan(at)
    expect((last.detail as { seq: number }).seq).toBe(last.seq - 1)
  })

  it('records a reader opening a document once a minute, and nobody refused', async () => {
    const { token } = await signedIn(server, 'zhangsan')
    for (let i = 0; i < 3; i++) {
      const s = rawSocket(server, `/sync/${room}`, [token])
      await s.opened
      await expect.poll(() => s.messages.length).toBeGreaterThan(0)
      s.ws.close()
      await s.closed
    }
    const lisi = await signedIn(server, 'lisi')
    expect((await rawSocket(server, `/sync/${room}`, [lisi.token]).closed).code).toBe(4403)
    const opens = auditRecords(server).filter((r) => r.type === 'doc.open')
    const me = await (await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json() as { id: string }
    expect(opens).toHaveLength(1)
    expect(opens[0]).toMatchObject({ actor: me.id, detail: { room, access: 'write' } })
  })
})

describe('a torn last audit line', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await newServer()
  })
  afterAll(() => server.dispose())

  it('is cut on start, the cut is recorded, and the chain still verifies', async () => {
    await signedIn(server, 'zhangsan')
    await server.stop('SIGKILL')
    const log = join(server.dataDir, 'audit.log')
    const before = readFileSync(log, 'utf8')
    const torn = '{"seq":99999,"at":"2026-'
    appendFileSync(log, torn)
    await server.restart()
    const records = auditRecords(server)
    const cut = records.find((r) => r.type === 'audit.tail_cut')
    expect(cut).toBeDefined()
    expect(cut!.detail).toMatchObject({ bytes: Buffer.byteLength(torn) })
    expect(readFileSync(log, 'utf8').startsWith(before)).toBe(true)
    await server.stop('SIGTERM')
    const result = zt('audit', 'verify', '--data', server.dataDir)
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })
})
