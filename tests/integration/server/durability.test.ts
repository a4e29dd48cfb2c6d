// The server makes an update durable before anyone else sees it: kill -9 at any moment loses
// nothing that another client has already received.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { newServer, type TestServer } from '../../support/newServer'
import { destroySessions, newDoc, session } from './helpers'

let server: TestServer
beforeAll(async () => {
  server = await newServer()
})
afterAll(() => server.dispose())
afterEach(() => destroySessions())

describe('kill -9 mid-stream', () => {
  it('keeps every update an observer saw', async () => {
    const room = await newDoc(server, 'zhangsan', { lisi: 'read' })
    const writer = await session(server, 'zhangsan', room)
    const observer = await session(server, 'lisi', room)
    await Promise.all([writer.whenSynced(), observer.whenSynced()])
    const log = writer.doc.getArray<number>('notes')

    let seen: number[] = []
    observer.doc.getArray<number>('notes').observe(() => {
      seen = observer.doc.getArray<number>('notes').toArray()
    })

    // stream small updates, and pull the plug while they are in flight
    let stop = false
    const streaming = (async () => {
      for (let i = 0; !stop && i < 2000; i++) {
        log.push([i])
        await new Promise((r) => setTimeout(r, 2))
      }
    })()
    await expect.poll(() => seen.length, { timeout: 20_000 }).toBeGreaterThan(150)
    await server.stop('SIGKILL')
    const observed = [...seen]
    stop = true
    await streaming
    destroySessions()

    await server.restart()
    const fresh = await session(server, 'zhangsan', room)
    await fresh.whenSynced()
    const stored = fresh.doc.getArray<number>('notes').toArray()
    expect(stored.length).toBeGreaterThanOrEqual(observed.length)
    expect(stored.slice(0, observed.length)).toEqual(observed)
    expect(Y.encodeStateAsUpdate(fresh.doc).length).toBeGreaterThan(0)
  })

  it('compacts a long log and loads the same state after a restart', async () => {
    const room = await newDoc(server, 'zhangsan')
    const writer = await session(server, 'zhangsan', room)
    await writer.whenSynced()
    const notes = writer.doc.getArray<string>('notes')
    for (let i = 0; i < 450; i++) notes.push([`批注 ${i}`])
    await writer.whenPersisted()
    expect(readdirSync(join(server.dataDir, 'rooms')).some((f) => f.endsWith('.snap'))).toBe(true)
    destroySessions()
    await server.restart()
    const owner = await session(server, 'zhangsan', room)
    await owner.whenSynced()
    expect(owner.doc.getArray<string>('notes').toArray()).toHaveLength(450)
    expect(owner.doc.getArray<string>('notes').get(449)).toBe('批注 449')
  })
})
