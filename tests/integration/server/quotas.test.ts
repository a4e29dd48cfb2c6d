// Room quotas (issue 13 §6): a writer who floods a document with client ids, updates or bytes has
// that update refused and their socket closed; the room stays writable, quickly, for everyone else.
import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendParagraphs, bodyText } from '../../../src/core/docflow/body'
import { newServer, type TestServer } from '../../support/newServer'
import { auditRecords, destroySessions, newDoc, rawSocket, session, signedIn } from './helpers'
import { syncUpdate } from '../../support/syncMessages'

let server: TestServer
beforeAll(async () => {
  server = await newServer({ extraArgs: ['--max-room-mb', '1', '--max-frame-bytes', String(512 * 1024)] })
})
afterAll(() => server.dispose())
afterEach(() => destroySessions())

/**
 * One update in which each of `count` client ids inserts a character into the body, written by
 * hand (v1 update format): building it through a Y.Doc costs seconds, quadratic in client ids.
 *   clients · per client: 1 struct · id · clock 0 · item(ContentString, parent root "body")
 */
function clientIdFlood(from: number, count: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, count)
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, from + i)
    encoding.writeVarUint(e, 0)
    encoding.writeUint8(e, 4) // ContentString, no origins, no parentSub
    encoding.writeVarUint(e, 1) // the parent is a root, named
    encoding.writeVarString(e, 'body')
    encoding.writeVarString(e, 'x')
  }
  encoding.writeVarUint(e, 0) // no deletes
  return encoding.toUint8Array(e)
}

/**
 * The attacker's sockets on `room`, one per list of frames: each sends its frames; answers how the
 * server closed the first to be closed (and closes the others).
 */
async function attack(room: string, ...framesPerSocket: Uint8Array[][]): Promise<{ code: number; reason: string }> {
  const { token } = await signedIn(server, 'zhangsan')
  const sockets = framesPerSocket.map(() => rawSocket(server, `/sync/${room}?token=${token}`))
  await Promise.all(sockets.map((s) => s.opened))
  sockets.forEach((s, i) => framesPerSocket[i]!.forEach((f) => s.ws.send(f)))
  const first = await Promise.race(sockets.map((s) => s.closed))
  for (const s of sockets) s.ws.close()
  return first
}

/** lisi's ordinary edit must be durable within a second. */
async function colleagueEdits(room: string, text: string): Promise<void> {
  const colleague = await session(server, 'lisi', room)
  await colleague.whenSynced()
  appendParagraphs(colleague.doc.getXmlFragment('body'), text)
  await colleague.whenPersisted(1000)
}

async function serverState(room: string): Promise<Y.Doc> {
  const fresh = await session(server, 'zhangsan', room)
  await fresh.whenSynced()
  return fresh.doc
}

describe('room quotas', () => {
  it('refuses a client-id flood, and another user’s edit right after goes through quickly', async () => {
    const room = await newDoc(server, 'zhangsan', { lisi: 'write' })
    for (let round = 0; round < 3; round++) {
      const closed = await attack(room, [syncUpdate(clientIdFlood(1_000_000 + round * 20_000, 10_000))])
      expect(closed).toEqual({ code: 4400, reason: 'client id quota' })
    }
    await colleagueEdits(room, '洪泛之后的正常编辑')
    const doc = await serverState(room)
    expect(bodyText(doc.getXmlFragment('body'))).toBe('洪泛之后的正常编辑')
    expect(doc.store.clients.size).toBeLessThan(10)
    await expect.poll(() => auditRecords(server).some((r) => r.type === 'sync.quota_exceeded' && r.actor === 'zhangsan' && (r.detail as { quota: string }).quota === 'client_ids')).toBe(true)
  })

  it('closes a user who sends updates faster than their share over several sockets, and the room goes on', async () => {
    const room = await newDoc(server, 'zhangsan', { lisi: 'write' })
    // two clients of one user typing 400 characters each as separate updates, all at once: each
    // socket stays under its own message rate, the two together pass the user's share
    const typed = (clientID: number): Uint8Array[] => {
      const doc = new Y.Doc()
      doc.clientID = clientID
      const frames: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => frames.push(syncUpdate(u)))
      const notes = doc.getArray<string>('notes')
      for (let i = 0; i < 400; i++) notes.push([String(i)])
      return frames
    }
    expect(await attack(room, typed(7001), typed(7002))).toEqual({ code: 4429, reason: 'update quota' })
    await colleagueEdits(room, '限速之后的正常编辑')
    expect(bodyText((await serverState(room)).getXmlFragment('body'))).toContain('限速之后的正常编辑')
  })

  it('refuses the update that would grow a room past its size', async () => {
    const room = await newDoc(server, 'zhangsan', { lisi: 'write' })
    const doc = new Y.Doc()
    const body = doc.getXmlFragment('body')
    const frames: Uint8Array[] = []
    for (let i = 0; i < 5; i++) {
      const before = Y.encodeStateVector(doc)
      body.insert(body.length, [new Y.XmlText(`${i}`.repeat(300 * 1024))])
      frames.push(syncUpdate(Y.encodeStateAsUpdate(doc, before)))
    }
    expect(await attack(room, frames)).toEqual({ code: 4413, reason: 'room size quota' })
    const held = bodyText((await serverState(room)).getXmlFragment('body'))
    // three of 300 KiB fit under 1 MiB; the fourth is refused (and the fifth, built on it, never lands)
    expect(held.replace(/\n/g, '').length).toBe(3 * 300 * 1024)
  })
})
