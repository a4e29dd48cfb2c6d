// Commands judged once across processes: two clerks race to number the same documents through
// three different processes, and the 发文字号 stay unique and gap-free (the PostgreSQL lock);
// the number the server writes into a document reaches a client of it on another process.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentHash, readContent } from '../../../src/core/docflow/content'
import { cstYear } from '../../../src/core/docflow/docNumber'
import { docRoom } from '../../../src/core/sync/roomName'
import { createTestDatabase, requirePostgres, schemaUrl, type TestDatabase } from '../storage/postgresServer'
import { RoomSession } from '../../../src/cli/net/RoomSession'
import { destroySessions, signedAct, signedIn } from '../server/helpers'
import { cluster, requireRedis, type Cluster } from './cluster'

const available = (await requirePostgres('scale numbering test')) && (await requireRedis('scale numbering test'))

describe.runIf(available)('文号 across processes', () => {
  let db: TestDatabase
  let running: Cluster
  beforeAll(async () => {
    db = await createTestDatabase()
    running = await cluster(3, schemaUrl(db))
  })
  afterAll(async () => {
    destroySessions()
    await running?.dispose()
    await db?.drop()
  })

  it('gives unique, gap-free numbers when clerks on different processes number documents at once', async () => {
    const [a, b, c] = running.servers as [typeof running.servers[0], typeof running.servers[0], typeof running.servers[0]]
    const rooms: string[] = []
    // one sign-in per process: the server slows a burst of them to one account
    const onA = await signedIn(a, 'lisi')
    const onC = await signedIn(c, 'lisi')
    const open = (server: { wsUrl: string }, token: string, room: string): RoomSession => new RoomSession({ syncUrl: server.wsUrl, token, room })
    for (let i = 0; i < 6; i++) {
      const room = docRoom(randomUUID())
      await onA.api.createRoom(room)
      const s = open(a, onA.token, room)
      await s.whenSynced()
      s.doc.getMap('meta').set('title', `跨进程编号测试 ${i}`)
      s.doc.getMap('meta').set('createdBy', 'lisi')
      await s.whenPersisted()
      const hash = contentHash(readContent(s.doc))
      s.destroy()
      // each step through another process
      await signedAct(running.servers[i % 3]!, 'lisi', 'doc.submit', room, { to: ['lisi'] })
      await signedAct(running.servers[(i + 1) % 3]!, 'lisi', 'doc.approve', room, { next: 'signoff', to: ['wangwu'] })
      await signedAct(running.servers[(i + 2) % 3]!, 'wangwu', 'doc.signoff', room, { to: ['zhaoliu', 'lisi'], mode: 'any' }, hash)
      rooms.push(room)
    }
    // a reader of every document on c, while the numbers are given through a and b
    const readers = rooms.map((room) => open(c, onC.token, room))
    await Promise.all(readers.map((r) => r.whenSynced()))
    const results = await Promise.allSettled(rooms.flatMap((room, i) => [
      signedAct(i % 2 === 0 ? a : b, 'zhaoliu', 'doc.number', room, {}),
      signedAct(i % 2 === 0 ? b : a, 'lisi', 'doc.number', room, {}),
    ]))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(rooms.length)
    await expect.poll(() => readers.every((r) => typeof r.doc.getMap('meta').get('docNumber') === 'string'), { timeout: 10_000, interval: 10 }).toBe(true)
    const numbers = readers.map((r) => String(r.doc.getMap('meta').get('docNumber')))
    for (const r of readers) r.destroy()
    const year = cstYear(new Date())
    expect(numbers.map((n) => Number(/〔\d+〕(\d+)号/.exec(n)![1])).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6])
    expect(numbers.every((n) => n.startsWith(`办发〔${year}〕`))).toBe(true)
  }, 240_000)
})
