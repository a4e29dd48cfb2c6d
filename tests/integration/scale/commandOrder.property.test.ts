// Seeded random edits and signed commands spread over two processes (PostgreSQL + Redis), the
// commands fired in overlapping bursts at different processes, always end in one command order:
// the sequence numbers are gap-free across the store, every process reads a room's commands in
// the same order, and a room's command effects (its flow entries and title) are the same on every
// process and follow that order, while the edits converge to one body. fast-check prints the
// seed and path of a failing run; repeat it with `{ seed, path }` in fc.assert's options.
import { randomBytes, randomUUID } from 'node:crypto'
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendParagraphs, bodyText } from '../../../src/core/docflow/body'
import { RoomSession } from '../../../src/cli/net/RoomSession'
import { docRoom } from '../../../src/core/sync/roomName'
import { createTestDatabase, requirePostgres, schemaUrl, type TestDatabase } from '../storage/postgresServer'
import { destroySessions, signedAct, signedIn } from '../server/helpers'
import { cluster, requireRedis, type Cluster } from './cluster'

const available = (await requirePostgres('scale command order test')) && (await requireRedis('scale command order test'))

type Op =
  | { kind: 'edit'; client: number; at: number; text: string }
  /** a rename through process `via`, not waited for: commands race those before it */
  | { kind: 'rename'; actor: number; via: number }
  /** waits for the commands fired so far */
  | { kind: 'settle' }

const PROCESSES = 2
const ACTORS = ['zhangsan', 'lisi'] as const
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), client: fc.nat(PROCESSES - 1), at: fc.nat(), text: fc.constantFrom('公文', '流转', '，', 'x') }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('rename' as const), actor: fc.nat(ACTORS.length - 1), via: fc.nat(PROCESSES - 1) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'settle' as const }) },
)

interface Effects {
  title: unknown
  flow: number[]
  body: string
}

const effects = (doc: Y.Doc): Effects => ({
  title: doc.getMap('meta').get('title'),
  flow: doc.getArray<{ seq: number }>('flow').toArray().map((e) => e.seq),
  body: bodyText(doc.getXmlFragment('body')),
})

describe.runIf(available)('random edits and commands spread over processes', () => {
  let db: TestDatabase
  const schema = `s_${randomBytes(4).toString('hex')}`
  let running: Cluster
  let sql: pg.Client
  beforeAll(async () => {
    db = await createTestDatabase()
    running = await cluster(PROCESSES, schemaUrl(db, schema))
    sql = new pg.Client({ connectionString: db.url })
    await sql.connect()
  })
  afterAll(async () => {
    destroySessions()
    await sql?.end()
    await running?.dispose()
    await db?.drop()
  })

  it('always converge to one state and one command order', async () => {
    const signIns = await Promise.all(running.servers.map((s) => signedIn(s, 'zhangsan')))
    const tokens = signIns.map((s) => s.token)
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 24 }), async (ops) => {
        const server = (i: number): (typeof running.servers)[number] => running.servers[i]!
        const room = docRoom(randomUUID())
        await signIns[0]!.api.createRoom(room)
        await signedAct(server(0), 'zhangsan', 'doc.share', room, { username: 'lisi', access: 'write' })
        // one editing client on each process
        const clients = running.servers.map((s, i) => new RoomSession({ syncUrl: s.wsUrl, token: tokens[i]!, room }))
        try {
          await Promise.all(clients.map((c) => c.whenSynced()))
          appendParagraphs(clients[0]!.doc.getXmlFragment('body'), '正文')
          await expect.poll(() => clients.every((c) => c.doc.getXmlFragment('body').length === 1), { interval: 10 }).toBe(true)

          const fired: Promise<{ seq: number; title: string }>[] = []
          for (const o of ops) {
            if (o.kind === 'settle') await Promise.all(fired)
            else if (o.kind === 'rename') {
              const title = `第${fired.length + 1}稿`
              fired.push(signedAct(server(o.via), ACTORS[o.actor]!, 'doc.rename', room, { title }).then((seq) => ({ seq, title })))
            } else {
              const t = (clients[o.client]!.doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText
              t.insert(o.at % (t.length + 1), o.text)
            }
          }
          const renames = await Promise.all(fired)

          // one gap-free sequence across the store (every command of every run so far)
          const { rows } = await sql.query<{ seq: string }>(`SELECT seq FROM "${schema}".zt_commands WHERE seq IS NOT NULL ORDER BY seq`)
          expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1))
          // every process reads the room's commands in one order, the renames' numbers among them
          const orders = await Promise.all(running.servers.map(async (s) => (await s.app.storage.roomCommands(room)).map((c) => c.seq)))
          for (const order of orders) expect(order).toEqual(orders[0])
          expect(orders[0]!.slice(1)).toEqual(renames.map((r) => r.seq).sort((a, b) => a - b))

          // the effects follow that order everywhere: flow entries in sequence order, the last title
          const last = renames.reduce<{ seq: number; title: string } | null>((a, b) => (a && a.seq > b.seq ? a : b), null)
          const expected = { title: last?.title, flow: orders[0]! }
          await Promise.all(clients.map((c) => c.whenPersisted(20_000)))
          await expect.poll(() => new Set(clients.map((c) => JSON.stringify(effects(c.doc)))).size, { timeout: 2000, interval: 10 }).toBe(1)
          expect(effects(clients[0]!.doc)).toMatchObject(expected)
          // and a client that arrives now, on each process, reads the same
          for (const [i, s] of running.servers.entries()) {
            const fresh = new RoomSession({ syncUrl: s.wsUrl, token: tokens[i]!, room })
            try {
              await fresh.whenSynced()
              expect(effects(fresh.doc)).toEqual(effects(clients[0]!.doc))
            } finally {
              fresh.destroy()
            }
          }
        } finally {
          for (const c of clients) c.destroy()
        }
      }),
      { numRuns: 12 },
    )
  }, 240_000)
})
