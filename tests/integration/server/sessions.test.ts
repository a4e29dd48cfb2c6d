// 登录失败处理 and 会话管理: a burst of wrong passwords locks the account (the right one is then
// refused too) until the lock runs out or an administrator lifts it; a session ends at logout or
// after an idle period, and the sockets opened with it close at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_UNAUTHENTICATED, SYNC_PROTOCOL } from '../../../src/core/sync/messages'
import { newServer, type TestServer } from '../../support/newServer'
import { cliUser } from '../../support/ztCli'
import { auditRecords, newDoc, rawSocket, signedIn } from './helpers'

const post = (server: TestServer, path: string, body: unknown, token?: string) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })

describe('sign-in failure handling', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await newServer({ extraArgs: ['--login-max-failures', '3', '--login-lock-minutes', '10'] })
  })
  afterAll(() => server.dispose())

  it('locks the account after a burst of wrong passwords, refuses the right one, and an administrator unlocks it', async () => {
    // signed in before the attack, from the same address the attack comes from
    const admin = cliUser(server, 'admin')
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(server, '/api/login', { username: 'wangwu', password: 'wrong' })))
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true)
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(3)

    const right = await post(server, '/api/login', { username: 'wangwu', password: 'demo123' })
    expect(right.status).toBe(429)
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(500)
    const body = (await right.json()) as { error: string; message: string }
    expect(body.error).toBe('account_locked')
    expect(body.message).toBe('登录失败次数过多，账户已锁定，请 10 分钟后再试，或联系管理员解锁')
    await expect.poll(() => auditRecords(server).filter((r) => r.type === 'login.locked').map((r) => (r.detail as { username?: string } | null)?.username)).toContain('wangwu')

    // nobody but an administrator may unlock
    const lisi = await signedIn(server, 'lisi')
    expect((await post(server, '/api/admin/unlock', { username: 'wangwu' }, lisi.token)).status).toBe(403)
    expect(admin.ok('admin', 'unlock', 'wangwu')).toContain('已解除 wangwu 的登录锁定')
    expect((await post(server, '/api/login', { username: 'wangwu', password: 'demo123' })).status).toBe(200)
    await expect.poll(() => auditRecords(server).some((r) => r.type === 'login.unlocked')).toBe(true)
  })
})

describe('session ends', () => {
  let server: TestServer
  let room: string
  beforeAll(async () => {
    // 0.05 min = 3 s idle, so the test need not wait half an hour
    server = await newServer({ extraArgs: ['--session-idle-minutes', '0.05'] })
    room = await newDoc(server, 'zhangsan')
  })
  afterAll(() => server.dispose())

  it('takes the token beside the zt-sync subprotocol, and logout closes that socket at once', async () => {
    const { token } = await signedIn(server, 'zhangsan')
    const s = rawSocket(server, `/sync/${room}`, [SYNC_PROTOCOL, token])
    await s.opened
    expect(s.ws.protocol).toBe(SYNC_PROTOCOL)
    await expect.poll(() => s.messages.length).toBeGreaterThan(0)
    expect((await post(server, '/api/logout', {}, token)).status).toBe(200)
    expect((await s.closed).code).toBe(CLOSE_UNAUTHENTICATED)
  })

  it('ends an idle session and closes its sockets; activity keeps one alive', async () => {
    const idle = await signedIn(server, 'zhangsan')
    const busy = await signedIn(server, 'zhangsan')
    const s = rawSocket(server, `/sync/${room}?token=${idle.token}`)
    await s.opened
    const started = Date.now()
    // one session is used every half second, the other not at all
    const keepBusy = setInterval(() => void fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${busy.token}` } }), 500)
    try {
      expect((await s.closed).code).toBe(CLOSE_UNAUTHENTICATED)
      expect(Date.now() - started).toBeGreaterThan(2500)
      expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${idle.token}` } })).status).toBe(401)
      expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${busy.token}` } })).status).toBe(200)
    } finally {
      clearInterval(keepBusy)
    }
  })
})
