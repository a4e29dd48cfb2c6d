// POST /api/commands: signed commands are verified (signature, certificate, actor, clock, rule),
// answered once per id, applied by the server into the room's flow, and judged against revocation
// by the time they were signed.
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { signCommand, type UnsignedCommand } from '../../../src/core/command/envelope'
import { generateSm2KeyPair, type Sm2KeyPair } from '../../../src/core/crypto/sm2'
import { newServer, type TestServer } from '../../support/newServer'
import { destroySessions, newDoc, session, signedIn } from './helpers'

let server: TestServer
let zhangsan: { token: string; keys: Sm2KeyPair }
let room: string

async function post(path: string, token: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

async function enrolled(username: string): Promise<{ token: string; keys: Sm2KeyPair }> {
  const { token } = await signedIn(server, username)
  const keys = generateSm2KeyPair()
  expect((await post('/api/enroll', token, { publicKey: keys.publicKey })).status).toBe(200)
  return { token, keys }
}

function command(actor: string, keys: Sm2KeyPair, type: string, payload: Record<string, unknown>, at = new Date()): ReturnType<typeof signCommand> {
  const unsigned: UnsignedCommand = { id: randomUUID(), type, room, actor, at: at.toISOString(), payload }
  return signCommand(unsigned, keys.privateKey, keys.publicKey)
}

beforeAll(async () => {
  server = await newServer()
  zhangsan = await enrolled('zhangsan')
  room = await newDoc(server, 'zhangsan')
})
afterAll(() => server.dispose())
afterEach(() => destroySessions())

describe('signed commands', () => {
  it('accepts a signed rename, applies it through the flow, and answers a replay the same', async () => {
    const cmd = command('zhangsan', zhangsan.keys, 'doc.rename', { title: '关于加快数字政府建设的通知' })
    const first = await post('/api/commands', zhangsan.token, cmd)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ status: 'accepted', id: cmd.id })
    expect(typeof first.body.seq).toBe('number')
    expect((await post('/api/commands', zhangsan.token, cmd)).body).toEqual(first.body)

    const s = await session(server, 'zhangsan', room)
    await s.whenSynced()
    expect(s.doc.getMap('meta').get('title')).toBe('关于加快数字政府建设的通知')
    expect(s.doc.getArray('flow').toArray()).toEqual([expect.objectContaining({ id: cmd.id, type: 'doc.rename', actor: 'zhangsan', seq: first.body.seq })])
  })

  it('shares through a signed command', async () => {
    const cmd = command('zhangsan', zhangsan.keys, 'doc.share', { username: 'lisi', access: 'read' })
    expect((await post('/api/commands', zhangsan.token, cmd)).body.status).toBe('accepted')
    const lisi = await session(server, 'lisi', room)
    await lisi.whenSynced()
    expect(lisi.doc.getMap('meta').get('title')).toBe('关于加快数字政府建设的通知')
  })

  it('rejects, with a reason and a Chinese message, what it cannot verify or allow', async () => {
    const tampered = { ...command('zhangsan', zhangsan.keys, 'doc.rename', { title: '甲' }), payload: { title: '乙' } }
    expect((await post('/api/commands', zhangsan.token, tampered)).body).toMatchObject({ status: 'rejected', error: 'bad_signature', message: '操作的数字签名无效' })

    const lisi = await enrolled('lisi')
    const asOther = command('zhangsan', zhangsan.keys, 'doc.rename', { title: '冒名' })
    expect((await post('/api/commands', lisi.token, asOther)).body.error).toBe('actor_mismatch')
    // …and the id stays free for its real author
    expect((await post('/api/commands', zhangsan.token, asOther)).body.status).toBe('accepted')

    const notOwner = command('lisi', lisi.keys, 'doc.share', { username: 'zhoujiu', access: 'write' })
    expect((await post('/api/commands', lisi.token, notOwner)).body.error).toBe('not_owner')
    const readOnlyRename = command('lisi', lisi.keys, 'doc.rename', { title: '只读成员改名' })
    expect((await post('/api/commands', lisi.token, readOnlyRename)).body.error).toBe('forbidden')

    const future = command('zhangsan', zhangsan.keys, 'doc.rename', { title: '未来' }, new Date(Date.now() + 3600_000))
    expect((await post('/api/commands', zhangsan.token, future)).body.error).toBe('clock_skew')
    const unknown = command('zhangsan', zhangsan.keys, 'doc.explode', {})
    expect((await post('/api/commands', zhangsan.token, unknown)).body.error).toBe('unknown_command')

    const { token: wangwu } = await signedIn(server, 'wangwu')
    const unenrolled = command('wangwu', generateSm2KeyPair(), 'doc.rename', { title: 'x' })
    expect((await post('/api/commands', wangwu, unenrolled)).body.error).toBe('not_enrolled')
    expect((await post('/api/commands', zhangsan.token, { id: 'not-a-command' })).body.error).toBe('bad_command')
  })

  it('after revocation, rejects commands signed later and keeps those signed before', async () => {
    const signedBefore = command('zhangsan', zhangsan.keys, 'doc.rename', { title: '吊销前离线签署' }, new Date(Date.now() - 1000))
    const { token: admin } = await signedIn(server, 'admin')
    expect((await post('/api/admin/revoke', zhangsan.token, { username: 'zhangsan' })).status).toBe(403)
    expect((await post('/api/admin/revoke', admin, { username: 'zhangsan' })).status).toBe(200)

    const signedAfter = command('zhangsan', zhangsan.keys, 'doc.rename', { title: '吊销后签署' })
    expect((await post('/api/commands', zhangsan.token, signedAfter)).body.error).toBe('certificate_revoked')
    expect((await post('/api/commands', zhangsan.token, signedBefore)).body.status).toBe('accepted')

    const dir = await session(server, 'lisi', 'directory')
    await dir.whenSynced()
    const certs = [...dir.doc.getMap<{ userId: string; revokedAt?: string }>('certificates').values()].filter((c) => c.userId === 'zhangsan')
    expect(certs.every((c) => typeof c.revokedAt === 'string')).toBe(true)
  })
})
