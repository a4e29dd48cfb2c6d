// Seeded random edits by four clients spread over three processes (PostgreSQL + Redis), with
// clients dropping off and coming back on another process, always converge to one body, and a
// client of a process that opens the room afterwards gets the same. fast-check prints the seed
// and path of a failing run; repeat it with `{ seed, path }` in fc.assert's options.
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendParagraphs, bodyText } from '../../../src/core/docflow/body'
import type { ApiClient } from '../../../src/core/api/ApiClient'
import { RoomSession } from '../../../src/cli/net/RoomSession'
import { docRoom } from '../../../src/core/sync/roomName'
import { createTestDatabase, requirePostgres, schemaUrl, type TestDatabase } from '../storage/postgresServer'
import { signedAct, signedIn } from '../server/helpers'
import { cluster, requireRedis, type Cluster } from './cluster'

const available = (await requirePostgres('scale property test')) && (await requireRedis('scale property test'))

type Op =
  | { kind: 'insert'; client: number; at: number; text: string }
  | { kind: 'delete'; client: number; at: number; length: number }
  | { kind: 'move'; client: number; to: number }
  | { kind: 'pause' }

const CLIENTS = 4
const PROCESSES = 3
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insert' as const), client: fc.nat(CLIENTS - 1), at: fc.nat(), text: fc.constantFrom('数字', '政府', '建设', '，', '办', 'ab') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), client: fc.nat(CLIENTS - 1), at: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), client: fc.nat(CLIENTS - 1), to: fc.nat(PROCESSES - 1) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'pause' as const }) },
)

const text = (s: RoomSession): string => bodyText(s.doc.getXmlFragment('body'))
const paragraph = (doc: Y.Doc): Y.XmlText => (doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText

describe.runIf(available)('random edits spread over processes', () => {
  let db: TestDatabase
  let running: Cluster
  /** one sign-in per process and user (the server slows a burst of sign-ins) */
  const tokens: string[][] = []
  const users = ['zhangsan', 'lisi', 'zhoujiu', 'lisi']
  let owner: ApiClient
  beforeAll(async () => {
    db = await createTestDatabase()
    running = await cluster(PROCESSES, schemaUrl(db))
    for (const server of running.servers) tokens.push(await Promise.all(['zhangsan', 'lisi', 'zhoujiu'].map(async (u) => (await signedIn(server, u)).token)))
    owner = (await signedIn(running.servers[0]!, 'zhangsan')).api
  })
  afterAll(async () => {
    await running?.dispose()
    await db?.drop()
  })

  it('always converge to one body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), fc.array(fc.nat(PROCESSES - 1), { minLength: CLIENTS, maxLength: CLIENTS }), async (ops, placement) => {
        const room = docRoom(randomUUID())
        await owner.createRoom(room)
        for (const u of ['lisi', 'zhoujiu']) await signedAct(running.servers[0]!, 'zhangsan', 'doc.share', room, { username: u, access: 'write' })
        const tokenOf = (client: number, server: number): string => tokens[server]![['zhangsan', 'lisi', 'zhoujiu'].indexOf(users[client]!)]!
        const connect = (client: number, server: number, doc?: Y.Doc): RoomSession =>
          new RoomSession({ syncUrl: running.servers[server]!.wsUrl, token: tokenOf(client, server), room, ...(doc ? { doc } : {}) })
        const clients = placement.map((server, i) => connect(i, server))
        try {
          await Promise.all(clients.map((c) => c.whenSynced()))
          appendParagraphs(clients[0]!.doc.getXmlFragment('body'), '起点')
          await expect.poll(() => clients.every((c) => c.doc.getXmlFragment('body').length === 1), { interval: 10 }).toBe(true)

          for (const o of ops) {
            if (o.kind === 'pause') await new Promise((r) => setTimeout(r, 20))
            else if (o.kind === 'move') {
              // off one process, edits kept in the document, and on to another
              const before = clients[o.client]!
              before.destroy()
              clients[o.client] = connect(o.client, o.to, before.doc)
            } else {
              const t = paragraph(clients[o.client]!.doc)
              if (o.kind === 'insert') t.insert(o.at % (t.length + 1), o.text)
              else if (t.length > 0) {
                const at = o.at % t.length
                t.delete(at, Math.min(o.length, t.length - at))
              }
            }
          }

          await Promise.all(clients.map((c) => c.whenPersisted(20_000)))
          await expect.poll(() => new Set(clients.map(text)).size, { timeout: 2000, interval: 10 }).toBe(1)
          const late = await running.add()
          const fresh = new RoomSession({ syncUrl: late.wsUrl, token: (await signedIn(late, 'lisi')).token, room })
          try {
            await fresh.whenSynced()
            expect(text(fresh)).toBe(text(clients[0]!))
          } finally {
            fresh.destroy()
            running.servers.pop()
            await late.dispose()
          }
        } finally {
          for (const c of clients) c.destroy()
        }
      }),
      { numRuns: 8 },
    )
  }, 240_000)
})
