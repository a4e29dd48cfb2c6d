// Seeded random interleavings of edits, disconnects and reconnects across three clients of the
// real server always converge to one body (the Yjs way: chance on a leash). fast-check prints the
// seed and path of a failing run; repeat it with `{ seed, path }` in fc.assert's options.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendParagraphs, bodyText } from '../../../src/core/docflow/body'
import { newServer, type TestServer } from '../../support/newServer'
import { destroySessions, newDoc, session } from '../server/helpers'

let server: TestServer
beforeAll(async () => {
  server = await newServer()
})
afterAll(() => server.dispose())

type Op =
  | { kind: 'insert'; client: number; at: number; text: string }
  | { kind: 'delete'; client: number; at: number; length: number }
  | { kind: 'disconnect'; client: number }
  | { kind: 'reconnect'; client: number }
  | { kind: 'pause' }

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), client: fc.nat(2), at: fc.nat(), text: fc.constantFrom('数字', '政府', '建设', '，', '办', 'ab') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), client: fc.nat(2), at: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), client: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reconnect' as const), client: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'pause' as const }) },
)

const textOf = (doc: Y.Doc): Y.XmlText => (doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText

describe('three clients, random interleavings', () => {
  it('always converge to the same body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const room = await newDoc(server, 'zhangsan', { lisi: 'write', zhoujiu: 'write' })
        const clients = [await session(server, 'zhangsan', room), await session(server, 'lisi', room), await session(server, 'zhoujiu', room)]
        try {
          await Promise.all(clients.map((c) => c.whenSynced()))
          appendParagraphs(clients[0]!.doc.getXmlFragment('body'), '起点')
          await clients[0]!.whenPersisted()
          await expect.poll(() => clients.every((c) => c.doc.getXmlFragment('body').length === 1)).toBe(true)

          for (const o of ops) {
            if (o.kind === 'pause') await new Promise((r) => setTimeout(r, 20))
            else if (o.kind === 'disconnect') clients[o.client]!.disconnect()
            else if (o.kind === 'reconnect') clients[o.client]!.connect()
            else {
              const text = textOf(clients[o.client]!.doc)
              if (o.kind === 'insert') text.insert(o.at % (text.length + 1), o.text)
              else if (text.length > 0) {
                const at = o.at % text.length
                text.delete(at, Math.min(o.length, text.length - at))
              }
            }
          }

          for (const c of clients) c.connect()
          await Promise.all(clients.map((c) => c.whenPersisted(20_000)))
          await expect.poll(() => new Set(clients.map((c) => bodyText(c.doc.getXmlFragment('body')))).size, { timeout: 10_000 }).toBe(1)
          const fresh = await session(server, 'lisi', room)
          await fresh.whenSynced()
          expect(bodyText(fresh.doc.getXmlFragment('body'))).toBe(bodyText(clients[0]!.doc.getXmlFragment('body')))
        } finally {
          destroySessions()
        }
      }),
      { numRuns: 15 },
    )
  }, 180_000)
})
