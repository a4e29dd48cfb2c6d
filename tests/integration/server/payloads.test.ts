// A signed command's payload is untrusted like any other byte: one with fields its type does not
// declare, an impossible date, or a 20,000-deep structure is refused with 4xx and the field named
// in Chinese — never stored, never answered 500, and the server keeps judging the next command.
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { signCommand } from '../../../src/core/command/envelope'
import { VENUES_ROOM } from '../../../src/core/sync/roomName'
import { newServer, type TestServer } from '../../support/newServer'
import { destroySessions, enrolledKey, newDoc, signedIn } from './helpers'

let server: TestServer
let room: string
let token: string
let sign: (type: string, room: string, payload: Record<string, unknown>) => ReturnType<typeof signCommand>

beforeAll(async () => {
  server = await newServer()
  room = await newDoc(server, 'zhangsan')
  const { api, token: t } = await signedIn(server, 'zhangsan')
  token = t
  const me = await api.me()
  const keys = await enrolledKey(server, api, 'zhangsan')
  sign = (type, r, payload) => signCommand({ id: randomUUID(), type, room: r, actor: me.id, at: new Date().toISOString(), payload }, keys.privateKey, keys.publicKey)
})
afterAll(() => server.dispose())
afterEach(() => destroySessions())

/** Posts raw JSON text (so a payload deeper than JSON.stringify would like can be sent). */
async function post(body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(server.url + '/api/commands', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })
  return { status: res.status, json: (await res.json()) as Record<string, unknown> }
}

describe('command payloads', () => {
  it('refuses 50 KB of undeclared fields and stores nothing', async () => {
    const cmd = sign('doc.rename', room, { title: '关于开展安全检查的通知', padding: 'x'.repeat(50_000) })
    const answer = await post(JSON.stringify(cmd))
    expect(answer.status).toBe(422)
    expect(answer.json).toMatchObject({ status: 'rejected', error: 'unknown_field', message: '操作含有不认识的内容“padding”，已拒绝' })
    // nothing of it reached the disk (the audit log names the refusal, not the bytes)
    const files = readdirSync(server.dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    for (const f of files) expect(readFileSync(join(f.parentPath, f.name), 'latin1').includes('x'.repeat(1000))).toBe(false)
  })

  it('answers a 20,000-deep payload with a refusal, not a crash', async () => {
    const cmd = sign('doc.register', room, { fields: { sourceOrg: 'x' } })
    const text = JSON.stringify(cmd).replace('"sourceOrg":"x"', `"sourceOrg":${'['.repeat(20_000)}${']'.repeat(20_000)}`)
    const answer = await post(text)
    expect(answer.status).toBeGreaterThanOrEqual(400)
    expect(answer.status).toBeLessThan(500)
    // and the next command is judged as usual
    const ok = await post(JSON.stringify(sign('doc.rename', room, { title: '关于开展安全检查的通知' })))
    expect(ok.json.status).toBe('accepted')
  })

  it('refuses a meeting on 30 February, naming the field', async () => {
    const booking = { id: randomUUID(), roomId: 'r1', title: '预算评审会', category: '专题会', start: '2027-02-30T02:00:00Z', end: '2027-02-30T03:00:00Z', invitees: [], headcount: 3, setup: '', note: '' }
    const answer = await post(JSON.stringify(sign('meeting.request', VENUES_ROOM, { booking })))
    expect(answer.status).toBe(422)
    expect(answer.json.message).toBe('“开始时间”不是有效的日期或时间')
  })
})
