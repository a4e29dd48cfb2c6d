// Two and three server processes on one PostgreSQL + Redis: clients of one room on different
// processes converge (within seconds here; the 1 s target is measured by `npm run bench -- scale`), see each other's cursors (and their going), a process that
// opens the room later has the whole of it, and a session ended on one process ends on all.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendParagraphs, bodyText } from '../../../src/core/docflow/body'
import { ApiClient } from '../../../src/core/api/ApiClient'
import { RoomSession } from '../../../src/cli/net/RoomSession'
import { CLOSE_UNAUTHENTICATED } from '../../../src/core/sync/messages'
import { createTestDatabase, requirePostgres, schemaUrl, type TestDatabase } from '../storage/postgresServer'
import { destroySessions, newDoc, session, signedIn } from '../server/helpers'
import { cluster, requireRedis, type Cluster } from './cluster'

const available = (await requirePostgres('scale tests')) && (await requireRedis('scale tests'))

// a document's writable part is its body (and meta, files): edits go into its first paragraph
const text = (s: RoomSession): string => bodyText(s.doc.getXmlFragment('body'))
const paragraph = (s: RoomSession): Y.XmlText => (s.doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText
const start = async (s: RoomSession, others: RoomSession[]): Promise<void> => {
  appendParagraphs(s.doc.getXmlFragment('body'), '起')
  paragraph(s).delete(0, 1)
  await expect.poll(() => others.every((o) => o.doc.getXmlFragment('body').length === 1), { timeout: 5000, interval: 10 }).toBe(true)
}

describe.runIf(available)('several processes on PostgreSQL + Redis', () => {
  let db: TestDatabase
  let running: Cluster | null = null
  beforeAll(async () => {
    db = await createTestDatabase()
  })
  afterEach(async () => {
    destroySessions()
    await running?.dispose()
    running = null
  })
  afterAll(async () => {
    await db?.drop()
  })

  it('two processes: an edit on one reaches a client of the other, both ways', async () => {
    running = await cluster(2, schemaUrl(db))
    const [a, b] = running.servers
    const room = await newDoc(a!, 'zhangsan', { lisi: 'write' })
    const onA = await session(a!, 'zhangsan', room)
    const onB = await session(b!, 'lisi', room)
    await Promise.all([onA.whenSynced(), onB.whenSynced()])
    await start(onA, [onB])
    paragraph(onA).insert(0, '张三写的')
    await expect.poll(() => text(onB), { timeout: 5000, interval: 10 }).toBe('张三写的')
    paragraph(onB).insert(4, '，李四补的')
    await expect.poll(() => text(onA), { timeout: 5000, interval: 10 }).toBe('张三写的，李四补的')
    await Promise.all([onA.whenPersisted(), onB.whenPersisted()])
  })

  it('three processes: concurrent typing on each converges, and a process opening the room later loads it all', async () => {
    running = await cluster(3, schemaUrl(db))
    const [a, b, c] = running.servers
    const room = await newDoc(a!, 'zhangsan', { lisi: 'write', zhoujiu: 'write' })
    const clients = [await session(a!, 'zhangsan', room), await session(b!, 'lisi', room), await session(c!, 'zhoujiu', room)]
    await Promise.all(clients.map((s) => s.whenSynced()))
    await start(clients[0]!, clients)
    // three people typing at once, some 60 keystrokes a second between them (a room's updates
    // are made durable one after another, so a flood into one room measures the store, not the fan-out)
    for (let i = 0; i < 90; i++) {
      paragraph(clients[i % 3]!).insert(0, String(i % 3))
      if (i % 3 === 2) await new Promise((r) => setTimeout(r, 50))
    }
    await expect.poll(() => clients.map((s) => text(s).length), { timeout: 5000, interval: 10 }).toEqual([90, 90, 90])
    expect(new Set(clients.map(text)).size).toBe(1)
    await Promise.all(clients.map((s) => s.whenPersisted()))
    const late = await running.add()
    const fresh = await session(late, 'lisi', room)
    await fresh.whenSynced()
    expect(text(fresh)).toBe(text(clients[0]!))
    // and the late process is part of the room at once
    paragraph(fresh).insert(0, '后')
    await expect.poll(() => text(clients[0]!).startsWith('后'), { timeout: 5000, interval: 10 }).toBe(true)
  })

  it('awareness crosses processes: states are stamped, a process opening the room later sees them, and a client that leaves disappears everywhere', async () => {
    running = await cluster(2, schemaUrl(db))
    const [a, b] = running.servers
    const room = await newDoc(a!, 'zhangsan', { lisi: 'write', zhoujiu: 'read' })
    const onA = await session(a!, 'zhangsan', room)
    await onA.whenSynced()
    onA.awareness.setLocalStateField('cursor', { anchor: 3 })
    // b opens the room only after zhangsan's state was set: it asks who is there
    const onB = await session(b!, 'lisi', room)
    await onB.whenSynced()
    const stateOnB = (): unknown => onB.awareness.getStates().get(onA.doc.clientID)
    await expect.poll(stateOnB, { timeout: 5000, interval: 10 }).toMatchObject({ cursor: { anchor: 3 }, user: { name: '张三', unit: '办公室' } })
    // a client on b claiming zhangsan's awareness id with a newer clock speaks for nobody, and its
    // leaving removes nobody (b's clients also echo zhangsan's state: that claims nothing either)
    const observer = await session(a!, 'zhoujiu', room)
    await observer.whenSynced()
    const speakers = new Set<unknown>()
    observer.awareness.on('update', () => speakers.add((observer.awareness.getStates().get(onA.doc.clientID) as { user?: { id?: unknown } } | undefined)?.user?.id))
    const borrowed = new Y.Doc()
    borrowed.clientID = onA.doc.clientID
    const fake = new RoomSession({ syncUrl: b!.wsUrl, token: (await signedIn(b!, 'lisi')).token, room, doc: borrowed })
    try {
      await fake.whenSynced()
      for (let i = 0; i < 10; i++) fake.awareness.setLocalStateField('cursor', { anchor: 99 + i })
      await new Promise((r) => setTimeout(r, 300))
    } finally {
      fake.destroy()
    }
    await new Promise((r) => setTimeout(r, 300))
    expect(speakers.has('lisi')).toBe(false)
    expect(stateOnB()).toMatchObject({ cursor: { anchor: 3 }, user: { name: '张三' } })
    onA.awareness.setLocalStateField('cursor', { anchor: 7 })
    await expect.poll(stateOnB, { timeout: 5000, interval: 10 }).toMatchObject({ cursor: { anchor: 7 } })
    onB.awareness.setLocalStateField('cursor', { anchor: 1 })
    await expect.poll(() => onA.awareness.getStates().get(onB.doc.clientID), { timeout: 5000, interval: 10 }).toMatchObject({ user: { name: '李四' } })
    onA.destroy()
    await expect.poll(stateOnB, { timeout: 5000, interval: 10 }).toBeUndefined()
    // a third client on b, joining after, never hears of the one that left
    const third = await session(b!, 'zhoujiu', room)
    await third.whenSynced()
    await new Promise((r) => setTimeout(r, 200))
    expect(third.awareness.getStates().has(onA.doc.clientID)).toBe(false)
    expect(third.awareness.getStates().has(onB.doc.clientID)).toBe(true)
  })

  it('a session ended through one process closes its sockets on the others, and a session made on one is good on all', async () => {
    running = await cluster(3, schemaUrl(db))
    const [a, b, c] = running.servers
    const room = await newDoc(a!, 'zhangsan', { lisi: 'write' })
    const api = new ApiClient(a!.url)
    const { token } = await api.login('lisi', 'demo123')
    const sockets = [b!, c!].map((s) => new RoomSession({ syncUrl: s.wsUrl, token, room }))
    try {
      await Promise.all(sockets.map((s) => s.whenSynced()))
      const closed = sockets.map((s) => new Promise<number>((res) => s.provider.on('closed', ({ code }: { code: number }) => res(code))))
      await api.logout()
      expect(await Promise.all(closed)).toEqual([CLOSE_UNAUTHENTICATED, CLOSE_UNAUTHENTICATED])
      const me = await fetch(`${c!.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })
      expect(me.status).toBe(401)
    } finally {
      for (const s of sockets) s.destroy()
    }
  })
})
