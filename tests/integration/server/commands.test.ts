// POST /api/commands: signed commands are verified (signature, certificate, actor, clock, rule),
// answered once per id, applied by the server into the room's flow, and judged against revocation
// by the time the server receives them.
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { signCommand, type UnsignedCommand } from '../../../src/core/command/envelope'
import { generateSm2KeyPair, type Sm2KeyPair } from '../../../src/core/crypto/sm2'
import { newServer, type TestServer } from '../../support/newServer'
import { CLOSE_UNAUTHENTICATED } from '../../../src/core/sync/messages'
import { destroySessions, enrolBody, newDoc, rawSocket, session, signedIn } from './helpers'

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
  expect((await post('/api/enroll', token, enrolBody(keys, username))).status).toBe(200)
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

  it('revocation stops the holder at once: a backdated command is refused, the session and its sockets end, a new key needs an administrator', async () => {
    const { token: admin } = await signedIn(server, 'admin')
    // a socket opened with the session the key's holder has
    const s = rawSocket(server, `/sync/${room}?token=${zhangsan.token}`)
    await s.opened
    expect((await post('/api/admin/revoke', zhangsan.token, { username: 'zhangsan' })).status).toBe(403)
    const revokedAt = Date.now()
    expect((await post('/api/admin/revoke', admin, { username: 'zhangsan' })).status).toBe(200)

    // the holder's session is gone, and so is the socket opened with it
    expect((await s.closed).code).toBe(CLOSE_UNAUTHENTICATED)
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${zhangsan.token}` } })).status).toBe(401)

    // signing in again works (the password is not the key), but the revoked key signs nothing,
    // whatever time it writes: judged by when the server receives it
    const { token } = await signedIn(server, 'zhangsan')
    const backdated = command('zhangsan', zhangsan.keys, 'doc.rename', { title: '倒签的操作' }, new Date(revokedAt - 3600_000))
    expect((await post('/api/commands', token, backdated)).body).toMatchObject({ status: 'rejected', error: 'certificate_revoked', message: '签名证书已被吊销' })
    const now = command('zhangsan', zhangsan.keys, 'doc.rename', { title: '吊销后签署' })
    expect((await post('/api/commands', token, now)).body.error).toBe('certificate_revoked')

    // a session alone cannot enrol a fresh key after a revocation
    const fresh = generateSm2KeyPair()
    const refused = await post('/api/enroll', token, enrolBody(fresh, 'zhangsan'))
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ error: 'enrol_needs_admin', message: expect.stringContaining('管理员') })
    expect((await post('/api/admin/allow-enroll', token, { username: 'zhangsan' })).status).toBe(403)
    expect((await post('/api/admin/allow-enroll', admin, { username: 'zhangsan' })).status).toBe(200)
    expect((await post('/api/enroll', token, enrolBody(fresh, 'zhangsan'))).status).toBe(200)
    expect((await post('/api/commands', token, command('zhangsan', fresh, 'doc.rename', { title: '新密钥签署' }))).body.status).toBe('accepted')

    const dir = await session(server, 'lisi', 'directory')
    await dir.whenSynced()
    const certs = [...dir.doc.getMap<{ userId: string; serial: string; revokedAt?: string }>('certificates').values()].filter((c) => c.userId === 'zhangsan')
    expect(certs.filter((c) => typeof c.revokedAt === 'string')).toHaveLength(1)
    expect(certs.filter((c) => c.revokedAt === undefined)).toHaveLength(1)
  })
})
