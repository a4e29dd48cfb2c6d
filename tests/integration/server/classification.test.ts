// 密级: a document is never shared with, listed for, or synced to a user cleared below it — also
// when its level is raised while that user has it open.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { CLOSE_FORBIDDEN } from '../../../src/core/sync/messages'
import { docRoom } from '../../../src/core/sync/roomName'
import { newServer, type TestServer } from '../../support/newServer'
import { destroySessions, newDoc, session, signedAct, signedIn } from './helpers'

let server: TestServer
beforeAll(async () => {
  server = await newServer()
})
afterAll(() => server.dispose())
afterEach(() => destroySessions())

describe('classification', () => {
  it('refuses to start a document above its creator\'s clearance, in Chinese, and starts one at it', async () => {
    // 张三 is cleared for 秘密: a 机密 document would be one he could not open
    const { api } = await signedIn(server, 'zhangsan')
    const above = docRoom(randomUUID())
    await expect(api.createRoom(above, 'outgoing', '机密')).rejects.toMatchObject({ status: 403, code: 'classification_above_clearance', message: expect.stringContaining('机密') })
    expect((await api.rooms()).map((r) => r.room)).not.toContain(above)
    const at = docRoom(randomUUID())
    expect(await api.createRoom(at, 'outgoing', '秘密')).toMatchObject({ access: 'owner', classification: '秘密' })
    const own = await session(server, 'zhangsan', at)
    await expect(own.whenSynced()).resolves.toBeUndefined()
  })

  it('refuses to share a document with someone cleared below its level', async () => {
    const room = await newDoc(server, 'lisi')
    const owner = await session(server, 'lisi', room)
    await owner.whenSynced()
    owner.doc.getMap('meta').set('classification', '机密')
    await owner.whenPersisted()
    await expect(signedAct(server, 'lisi', 'doc.share', room, { username: 'zhangsan', access: 'read' })).rejects.toThrow(/clearance_too_low/)
  })

  it('takes the document away from a reader when its level is raised above their clearance', async () => {
    const room = await newDoc(server, 'lisi', { zhangsan: 'read' })
    const reader = await session(server, 'zhangsan', room)
    await reader.whenSynced()
    const { api } = await signedIn(server, 'zhangsan')
    expect((await api.rooms()).map((r) => r.room)).toContain(room)

    const owner = await session(server, 'lisi', room)
    await owner.whenSynced()
    owner.doc.getMap('meta').set('classification', '机密')
    await owner.whenPersisted()
    await expect.poll(() => reader.connected, { timeout: 5000 }).toBe(false)
    expect((await api.rooms()).map((r) => r.room)).not.toContain(room)
    // and it cannot come back
    const again = await session(server, 'zhangsan', room)
    await expect(again.whenSynced(3000)).rejects.toMatchObject({ code: CLOSE_FORBIDDEN })
  })
})
