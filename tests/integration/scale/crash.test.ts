// Two server processes (real child processes, `npm run server`'s bundle) on PostgreSQL + Redis:
// kill -9 of one in the middle of a burst of edits loses nothing it had acknowledged — the other
// process's clients get it all, through Redis or from the store — the killed process's cursors
// time out on the other, its clients carry on there, and after a restart of everything each
// process serves the same document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendParagraphs, bodyText } from '../../../src/core/docflow/body'
import { RoomSession } from '../../../src/cli/net/RoomSession'
import type { TestServer } from '../../support/newServer'
import { createTestDatabase, requirePostgres, schemaUrl, type TestDatabase } from '../storage/postgresServer'
import { newDoc, signedIn } from '../server/helpers'
import { childServer, redisUrl, requireRedis } from './cluster'

const available = (await requirePostgres('scale crash test')) && (await requireRedis('scale crash test'))

const text = (s: RoomSession): string => bodyText(s.doc.getXmlFragment('body'))
const paragraph = (s: RoomSession): Y.XmlText => (s.doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText
const tokens = (s: string): Set<string> => new Set(s.split(';').filter(Boolean))

describe.runIf(available)('kill -9 of a process on PostgreSQL + Redis', () => {
  let db: TestDatabase
  const servers: TestServer[] = []
  const sessions: RoomSession[] = []
  beforeAll(async () => {
    db = await createTestDatabase()
  })
  afterAll(async () => {
    for (const s of sessions) s.destroy()
    await Promise.all(servers.map((s) => s.dispose()))
    await db?.drop()
  })

  it('loses nothing acknowledged, times out the dead process\'s cursors, and serves the same document after a restart of everything', async () => {
    const postgres = schemaUrl(db)
    const redis = redisUrl()
    const a = await childServer(postgres, redis)
    servers.push(a)
    const b = await childServer(postgres, redis)
    servers.push(b)
    const room = await newDoc(a, 'zhangsan', { lisi: 'write' })
    const zhangsan = await signedIn(a, 'zhangsan')
    const lisi = await signedIn(b, 'lisi')
    const open = (server: TestServer, token: string, doc?: Y.Doc): RoomSession => {
      const s = new RoomSession({ syncUrl: server.wsUrl, token, room, ...(doc ? { doc } : {}) })
      sessions.push(s)
      return s
    }
    const onA = open(a, zhangsan.token)
    const onB = open(b, lisi.token)
    await Promise.all([onA.whenSynced(), onB.whenSynced()])
    appendParagraphs(onA.doc.getXmlFragment('body'), '起')
    await expect.poll(() => onB.doc.getXmlFragment('body').length, { interval: 10 }).toBe(1)
    onA.awareness.setLocalStateField('cursor', { anchor: 0 })
    await expect.poll(() => onB.awareness.getStates().has(onA.doc.clientID), { interval: 10 }).toBe(true)

    // a burst from both sides; halfway, everything zhangsan wrote so far is acknowledged by a
    let acknowledged = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const p = paragraph(onA)
      p.insert(p.length, `a${i};`)
      if (i % 4 === 0) paragraph(onB).insert(0, `b${i};`)
      if (i === 100) {
        await onA.whenPersisted()
        acknowledged = tokens(text(onA))
      }
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 2))
    }
    await a.stop('SIGKILL')
    expect(acknowledged.size).toBeGreaterThan(100)

    // b's client has everything a acknowledged (a published it, or b reads it from the store)
    await expect.poll(() => [...acknowledged].filter((t) => !tokens(text(onB)).has(t)), { timeout: 3000, interval: 20 }).toEqual([])
    const fresh = open(b, lisi.token)
    await fresh.whenSynced()
    expect([...acknowledged].filter((t) => !tokens(text(fresh)).has(t))).toEqual([])

    // nobody renews the dead process's cursor: it times out (30 s without
    // renewal) before zhangsan comes back with the same client
    await expect.poll(() => onB.awareness.getStates().has(onA.doc.clientID), { timeout: 40_000, interval: 500 }).toBe(false)

    // zhangsan carries on through b with the same document: what a never acknowledged arrives now
    const moved = open(b, (await signedIn(b, 'zhangsan')).token, onA.doc)
    await moved.whenSynced()
    await moved.whenPersisted()
    await expect.poll(() => text(onB) === text(moved) && text(fresh) === text(moved), { timeout: 5000, interval: 10 }).toBe(true)
    const final = text(moved)

    for (const s of sessions.splice(0)) s.destroy()
    await b.stop()
    await Promise.all([a.restart(), b.restart()])
    for (const server of [a, b]) {
      const again = open(server, (await signedIn(server, 'lisi')).token)
      await again.whenSynced()
      expect(text(again)).toBe(final)
    }
  }, 120_000)
})
