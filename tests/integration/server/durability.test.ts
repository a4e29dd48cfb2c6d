// The server makes an update durable before anyone else sees it: kill -9 at any moment loses
// nothing that another client has already received, nor any command it has answered (commands
// share fdatasyncs, but each answer waits for the one that covers it).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { signCommand } from '../../../src/core/command/envelope'
import { newServer, type TestServer } from '../../support/newServer'
import { destroySessions, enrolledKey, newDoc, session, signedIn } from './helpers'

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

  it('keeps every command it answered, with its number and its effect on the room', async () => {
    const rooms = [await newDoc(server, 'zhangsan'), await newDoc(server, 'zhangsan')]
    const { api } = await signedIn(server, 'zhangsan')
    const me = await api.me()
    const keys = await enrolledKey(server, api, 'zhangsan')
    const commands = Array.from({ length: 1500 }, (_, i) =>
      signCommand({ id: randomUUID(), type: 'doc.rename', room: rooms[i % 2]!, actor: me.id, at: new Date().toISOString(), payload: { title: `关于第${i}项工作的通知` } }, keys.privateKey, keys.publicKey),
    )

    // a burst, eight at a time; the plug is pulled while they are in flight
    const answered = new Map<string, number>()
    let next = 0
    const senders = Array.from({ length: 8 }, async () => {
      while (next < commands.length) {
        const cmd = commands[next++]!
        try {
          const answer = await api.submit(cmd)
          if (answer.status === 'accepted') answered.set(cmd.id, answer.seq!)
        } catch {
          return // the server is gone
        }
      }
    })
    await expect.poll(() => answered.size, { timeout: 30_000 }).toBeGreaterThan(100)
    await server.stop('SIGKILL')
    const acknowledged = new Map(answered)
    await Promise.all(senders)
    destroySessions()

    await server.restart()
    const { api: again } = await signedIn(server, 'zhangsan')
    // sent again, an answered command gets its first answer: a lost one would be judged anew, with a new number
    for (const cmd of commands.filter((c) => acknowledged.has(c.id))) {
      expect(await again.submit(cmd)).toMatchObject({ status: 'accepted', seq: acknowledged.get(cmd.id) })
    }
    // and the room's flow holds each of them, in the order of their numbers
    for (const room of rooms) {
      const reader = await session(server, 'zhangsan', room)
      await reader.whenSynced()
      const flow = reader.doc.getArray<{ id: string; seq: number }>('flow').toArray()
      const inFlow = new Set(flow.map((e) => e.id))
      const mine = commands.filter((c) => c.room === room && acknowledged.has(c.id))
      expect(mine.filter((c) => !inFlow.has(c.id))).toEqual([])
      const seqs = flow.map((e) => e.seq)
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    }
  })
})
