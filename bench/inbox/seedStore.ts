// Runs inside the page (bundled by bench/inbox.ts): writes documents into the user's offline store
// the way a sync leaves them — a room row with its list fields and a Y.Doc holding the meta map
// and the body as paragraphs — through the app's own store module, so the schema is the app's.
import * as Y from 'yjs'
import { openDb } from '../../src/renderer/store/db'

export interface SeedDoc {
  room: string
  title: string
  body: string[]
  createdAt: string
}

async function seed(userId: string, owner: string, docs: readonly SeedDoc[]): Promise<number> {
  const db = openDb(userId)
  const rows = docs.map((d) => {
    const ydoc = new Y.Doc()
    ydoc.transact(() => {
      const meta = ydoc.getMap('meta')
      for (const [k, v] of Object.entries({ title: d.title, docType: '通知', classification: '非密', urgency: '平件', createdBy: owner, createdAt: d.createdAt, flowKind: 'outgoing' })) meta.set(k, v)
      const body = ydoc.getXmlFragment('body')
      body.insert(0, d.body.map((text) => {
        const p = new Y.XmlElement('paragraph')
        p.insert(0, [new Y.XmlText(text)])
        return p
      }))
    })
    return { room: d.room, kind: 'doc', title: d.title, docType: '通知', classification: '非密', urgency: '平件', owner, access: 'read', updatedAt: d.createdAt, ydoc }
  })
  await db.rooms.bulkAdd(rows)
  const n = await db.rooms.where('kind').equals('doc').count()
  db.close()
  return n
}

;(globalThis as unknown as { ztSeed: typeof seed }).ztSeed = seed
