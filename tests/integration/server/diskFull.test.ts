// A full disk (issue 13 item 7): the data folder on a 2 MiB tmpfs, filled up. The server stays up,
// keeps serving reads (API, sockets syncing what is stored) and refuses writes with 507 and a
// Chinese message (the relay with 4507), then accepts writes again by itself once space returns.
import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendParagraphs } from '../../../src/core/docflow/body'
import { docRoom } from '../../../src/core/sync/roomName'
import { ApiClient } from '../../../src/core/api/ApiClient'
import { RoomSession } from '../../../src/cli/net/RoomSession'
import { newServer, type TestServer } from '../../support/newServer'
import { auditRecords, newDoc, rawSocket, signedIn } from './helpers'
import { syncUpdate } from '../../support/syncMessages'

const mountPoint = mkdtempSync(join(tmpdir(), 'zt-full-'))
let mounted = false
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'ignore' })
  mounted = true
} catch {
  // not root, or no mount in this container
}
const filler = join(mountPoint, 'filler')

/** Writes zeros until the file system refuses, in ever smaller pieces. */
function fillDisk(): void {
  const fd = openSync(filler, 'a')
  try {
    for (const size of [65536, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size)
      for (;;) {
        try {
          writeSync(fd, chunk)
        } catch {
          break
        }
      }
    }
  } finally {
    closeSync(fd)
  }
}

const post = (server: TestServer, path: string, body: unknown, token: string) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) })

describe.skipIf(!mounted)('a full disk (needs root to mount a tmpfs)', () => {
  let server: TestServer
  let room: string
  beforeAll(async () => {
    server = await newServer({ dataDir: join(mountPoint, 'data'), extraArgs: ['--storage-probe-seconds', '0.5'] })
    room = await newDoc(server, 'zhangsan')
  })
  afterAll(async () => {
    await server?.stop()
    execFileSync('umount', [mountPoint])
    rmSync(mountPoint, { recursive: true, force: true })
  })

  it('serves reads, refuses writes with 507, stays up, and recovers when space returns', async () => {
    const { token } = await signedIn(server, 'zhangsan')
    fillDisk()

    // writes: a few may still fit in the files' last pages; then one meets the full disk, and from
    // then on they are refused at once — 507 every time, never 500
    const statuses: number[] = []
    while (statuses.length < 200 && statuses.at(-1) !== 507) statuses.push((await post(server, '/api/rooms', { room: docRoom(crypto.randomUUID()) }, token)).status)
    expect(statuses.at(-1)).toBe(507)
    expect(statuses.filter((s) => s !== 201 && s !== 507)).toEqual([])
    const refused = await post(server, '/api/rooms', { room: docRoom(crypto.randomUUID()) }, token)
    expect(refused.status).toBe(507)
    expect(((await refused.json()) as { message: string }).message).toContain('服务器存储空间已满')

    // reads go on: the API, and a socket syncing what is stored
    expect((await fetch(`${server.url}/api/rooms`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
    const reader = rawSocket(server, `/sync/${room}`, [token])
    await reader.opened
    await expect.poll(() => reader.messages.length).toBeGreaterThan(0)

    // an edit is refused with the close code the client keeps its change for (and retries on)
    const doc = new Y.Doc()
    appendParagraphs(doc.getXmlFragment('body'), '磁盘已满时的编辑')
    const writer = rawSocket(server, `/sync/${room}`, [token])
    await writer.opened
    writer.ws.send(syncUpdate(Y.encodeStateAsUpdate(doc)))
    expect(await writer.closed).toMatchObject({ code: 4507, reason: 'storage full' })
    reader.ws.close()
    // the command line's client keeps its edit and says why it is not saved
    const cli = new RoomSession({ syncUrl: new ApiClient(server.url).syncUrl, token, room })
    await cli.whenSynced()
    appendParagraphs(cli.doc.getXmlFragment('body'), '命令行的编辑')
    await expect(cli.whenPersisted(2000)).rejects.toMatchObject({ code: 4507 })
    cli.destroy()
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)

    // space returns: the probe notices, writes are accepted again, and the gap is on the chain
    rmSync(filler)
    await expect.poll(async () => (await post(server, '/api/rooms', { room: docRoom(crypto.randomUUID()) }, token)).status, { timeout: 5000, interval: 200 }).toBe(201)
    const again = rawSocket(server, `/sync/${room}`, [token])
    await again.opened
    again.ws.send(syncUpdate(Y.encodeStateAsUpdate(doc)))
    await new Promise((r) => setTimeout(r, 500))
    expect(again.ws.readyState).toBe(again.ws.OPEN)
    again.ws.close()
    const recovered = auditRecords(server).find((r) => r.type === 'storage.recovered')
    expect(recovered).toBeDefined()
    expect((recovered!.detail as { recordsLost: number }).recordsLost).toBeGreaterThan(0)
  })
})
