// A socket is authenticated and its room access checked before the server sends any state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newServer, type TestServer } from '../../support/newServer'
import { auditRecords, newDoc, rawSocket, signedIn } from './helpers'

let server: TestServer
let room: string
beforeAll(async () => {
  server = await newServer()
  room = await newDoc(server, 'zhangsan')
})
afterAll(() => server.dispose())

async function refused(path: string, protocols?: string[]): Promise<{ code: number; messages: number }> {
  const s = rawSocket(server, path, protocols)
  const { code } = await s.closed
  return { code, messages: s.messages.length }
}

describe('refused sockets', () => {
  it('closes a socket without a token (4401) before sending anything', async () => {
    expect(await refused(`/sync/${room}`)).toEqual({ code: 4401, messages: 0 })
  })

  it('closes a socket with a forged token (4401)', async () => {
    expect(await refused(`/sync/${room}?token=forged-token`)).toEqual({ code: 4401, messages: 0 })
    expect(await refused(`/sync/${room}`, ['forged-token'])).toEqual({ code: 4401, messages: 0 })
  })

  it('closes a socket on someone else\u2019s document (4403)', async () => {
    const { token } = await signedIn(server, 'lisi')
    expect(await refused(`/sync/${room}?token=${token}`)).toEqual({ code: 4403, messages: 0 })
  })

  it('closes a socket on a room that does not exist or is not a room name (4404)', async () => {
    const { token } = await signedIn(server, 'lisi')
    expect(await refused(`/sync/doc:00000000-0000-4000-8000-000000000000?token=${token}`)).toEqual({ code: 4404, messages: 0 })
    expect(await refused(`/sync/..%2F..%2Fetc?token=${token}`)).toEqual({ code: 4404, messages: 0 })
    expect(await refused(`/sync/inbox:zhangsan?token=${token}`)).toEqual({ code: 4403, messages: 0 })
  })

  it('lets the owner in, by query token or subprotocol, and audits every refusal', async () => {
    const { token } = await signedIn(server, 'zhangsan')
    for (const s of [rawSocket(server, `/sync/${room}?token=${token}`), rawSocket(server, `/sync/${room}`, [token])]) {
      await s.opened
      await expect.poll(() => s.messages.length).toBeGreaterThan(0)
      s.ws.close()
    }
    const reasons = auditRecords(server).filter((r) => r.type === 'sync.refused').map((r) => (r.detail as { reason: string }).reason)
    expect(reasons).toEqual(expect.arrayContaining(['unauthenticated', 'forbidden', 'no_room']))
  })
})
