// Untrusted bytes: whatever a socket sends, the server keeps answering and other clients keep
// syncing. Includes the crafted inputs of yjs#498/#687 (updates whose decoding never ends or asks
// for absurd amounts of memory), which the server decodes in a worker under time and memory limits.
import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { appendParagraphs, bodyText } from '../../../src/core/docflow/body'
import { newServer, type TestServer } from '../../support/newServer'
import { destroySessions, healthy, newDoc, rawSocket, session, signedIn } from './helpers'
import { syncUpdate } from '../../support/syncMessages'

let server: TestServer
let room: string
let token: string
beforeAll(async () => {
  server = await newServer({ extraArgs: ['--max-frame-bytes', String(64 * 1024)] })
  room = await newDoc(server, 'zhangsan', { lisi: 'write' })
  token = (await signedIn(server, 'zhangsan')).token
})
afterAll(() => server.dispose())
afterEach(() => destroySessions())

const varUint = (n: number): number[] => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, n)
  return [...encoding.toUint8Array(e)]
}

const FRAMES: Record<string, Uint8Array> = {
  empty: new Uint8Array(0),
  'truncated varint': Uint8Array.of(0x80, 0x80, 0x80),
  'unknown message type': Uint8Array.of(0x63, 0x01),
  'sync with no body': Uint8Array.of(0x00),
  'length beyond the frame': Uint8Array.of(0x00, 0x02, 0xff, 0xff, 0xff, 0x0f, 0x01),
  garbage: Uint8Array.from({ length: 512 }, (_, i) => (i * 97 + 13) & 0xff),
  'empty update (yjs#498)': syncUpdate(new Uint8Array(0)),
  'absurd struct count (yjs#687)': syncUpdate(Uint8Array.from([...varUint(0xffffffff), ...varUint(0xffffffff), 0, 0])),
  'absurd client count': syncUpdate(Uint8Array.from([0x01, ...varUint(0x7fffffff), ...varUint(12345), 0x00, 0x04, 0x01, 0x00])),
  'absurd string length': syncUpdate(Uint8Array.from([0x01, 0x01, ...varUint(777), 0x00, 0x04, 0x01, 0x04, ...varUint(0x7ffffff0), 0x61])),
  'awareness garbage': Uint8Array.of(0x01, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f),
}

describe('malformed frames', () => {
  for (const [name, frame] of Object.entries(FRAMES)) {
    it(`survives: ${name}`, async () => {
      const s = rawSocket(server, `/sync/${room}?token=${token}`)
      await s.opened
      s.ws.send(frame)
      const closed = await Promise.race([s.closed, new Promise((r) => setTimeout(() => r(null), 3000))])
      if (closed === null) s.ws.close()
      expect(await healthy(server)).toBe(true)
    })
  }

  it('closes an oversized frame and keeps serving', async () => {
    const s = rawSocket(server, `/sync/${room}?token=${token}`)
    await s.opened
    s.ws.send(syncUpdate(new Uint8Array(100 * 1024)))
    const { code } = await s.closed
    expect(code).toBe(1009)
    expect(await healthy(server)).toBe(true)
  })

  it('keeps other clients syncing through all of it', async () => {
    const a = await session(server, 'zhangsan', room)
    const b = await session(server, 'lisi', room)
    await Promise.all([a.whenSynced(), b.whenSynced()])
    const hostile = rawSocket(server, `/sync/${room}?token=${token}`)
    await hostile.opened
    for (const frame of Object.values(FRAMES)) if (hostile.ws.readyState === hostile.ws.OPEN) hostile.ws.send(frame)
    appendParagraphs(a.doc.getXmlFragment('body'), '攻击期间的正常编辑')
    await a.whenPersisted()
    await expect.poll(() => bodyText(b.doc.getXmlFragment('body'))).toContain('攻击期间的正常编辑')
  })

  it('survives a flood with a rate-limit close', async () => {
    const s = rawSocket(server, `/sync/${room}?token=${token}`)
    await s.opened
    const tiny = Uint8Array.of(0x03)
    for (let i = 0; i < 2000 && s.ws.readyState === s.ws.OPEN; i++) s.ws.send(tiny)
    const { code } = await s.closed
    expect(code).toBe(4429)
    expect(await healthy(server)).toBe(true)
  })
})
