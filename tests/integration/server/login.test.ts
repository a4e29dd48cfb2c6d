import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newServer, type TestServer } from '../../support/newServer'
import { auditRecords } from './helpers'

let server: TestServer
beforeAll(async () => {
  server = await newServer()
})
afterAll(() => server.dispose())

const post = (path: string, body: unknown, token?: string) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })

describe('sign-in', () => {
  it('answers /healthz', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('gives a token and the user for the right password', async () => {
    const res = await post('/api/login', { username: 'wangwu', password: 'demo123' })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { token: string; user: { name: string; unitName: string; title: string }; expiresAt: string }
    expect(body.token.length).toBeGreaterThan(30)
    expect(body.user).toMatchObject({ name: '王五', unitName: '厅领导', title: '厅长' })
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now())
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${body.token}` } })
    expect(((await me.json()) as { username: string }).username).toBe('wangwu')
  })

  it('refuses a wrong password or an unknown user with 401 and a Chinese message, and audits it', async () => {
    for (const creds of [{ username: 'wangwu', password: 'wrong' }, { username: 'nobody', password: 'demo123' }]) {
      const res = await post('/api/login', creds)
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({ error: 'bad_credentials', message: '用户名或密码错误' })
    }
    // the audit append is asynchronous to the answer: wait for it rather than race it
    await expect.poll(() => auditRecords(server).filter((r) => r.type === 'login.failed').length).toBeGreaterThanOrEqual(2)
  })

  it('refuses malformed requests and requests without a valid token', async () => {
    expect((await post('/api/login', { username: 'wangwu' })).status).toBe(400)
    expect((await fetch(`${server.url}/api/me`)).status).toBe(401)
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: 'Bearer forged' } })).status).toBe(401)
  })

  it('revokes a token on logout', async () => {
    const { token } = (await (await post('/api/login', { username: 'lisi', password: 'demo123' })).json()) as { token: string }
    expect((await post('/api/logout', {}, token)).status).toBe(200)
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401)
  })

  it('stores no password and no token in the clear', async () => {
    const { readFileSync } = await import('node:fs')
    const tables = readFileSync(`${server.dataDir}/tables.log`, 'utf8')
    expect(tables).not.toContain('demo123')
    const { token } = (await (await post('/api/login', { username: 'zhaoliu', password: 'demo123' })).json()) as { token: string }
    expect(readFileSync(`${server.dataDir}/tables.log`, 'utf8')).not.toContain(token)
  })
})

describe('seeding', () => {
  it('changes nothing when the demo seed runs again', async () => {
    const { readFileSync } = await import('node:fs')
    const { readFrames } = await import('../../../server/storage/journal/AppendFile')
    // the user records of the table log (framed JSON, newest last)
    const users = (): unknown => readFrames(readFileSync(`${server.dataDir}/tables.log`)).records.map((r) => JSON.parse(r.body.toString('utf8')) as { k: string; v: { id: string } }).filter((r) => r.k === 'user').map((r) => r.v.id).sort()
    const before = users()
    await server.restart()
    expect(users()).toEqual(before)
    expect(Object.keys(before as object)).toHaveLength(12)
  })
})
