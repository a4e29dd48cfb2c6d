// Commands staged on the embedded store: judged one at a time under the lock, each sees what the
// ones before it wrote (a 发文字号 counter stays gap-free and in the commands' order) although
// they share fdatasyncs, and all of it is there when the store is opened again.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CommandRecord } from '../../src/core/storage/types'
import { EmbeddedStorage } from './EmbeddedStorage'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const COUNTER = '发文字号:政办发:2026'
const ROOM = 'doc:numbered'

function command(i: number): Omit<CommandRecord, 'seq'> {
  const at = new Date().toISOString()
  return { id: randomUUID(), actor: 'zhaoliu', type: 'doc.number', room: ROOM, at, receivedAt: at, status: 'accepted', payload: { i } }
}

/** What a numbering rule does: reads the counter, takes the next number, records the command with it. */
function numberOne(storage: EmbeddedStorage, i: number): Promise<{ number: number; seq: number; id: string }> {
  return storage
    .withLock('commands', () =>
      storage.staged(async () => {
        const number = (await storage.counter(COUNTER)) + 1
        const record = await storage.putCommand({ ...command(i), result: { number } }, { [COUNTER]: number })
        return { number, seq: record.seq!, id: record.id }
      }),
    )
    .then(async ({ value, durable }) => {
      await durable
      return value
    })
}

describe('staged commands on the embedded store', () => {
  it('number gap-free and in one order while sharing fdatasyncs, and keep it all across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zt-staging-'))
    dirs.push(dir)
    let storage = await EmbeddedStorage.open(dir)
    const before = storage.commitStats.batches
    const n = 200
    // all at once, as a burst of HTTP requests would come
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => numberOne(storage, i)))
    const batches = storage.commitStats.batches - before

    const byNumber = [...answers].sort((a, b) => a.number - b.number)
    expect(byNumber.map((a) => a.number)).toEqual(Array.from({ length: n }, (_, i) => i + 1))
    // the order of the numbers is the order of the sequence
    const seqs = byNumber.map((a) => a.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(new Set(seqs).size).toBe(n)
    // far fewer fdatasyncs than commands: the point of staging
    expect(batches).toBeLessThan(n / 4)

    await storage.close()
    storage = await EmbeddedStorage.open(dir)
    expect(await storage.counter(COUNTER)).toBe(n)
    const stored = await storage.roomCommands(ROOM)
    expect(stored.map((c) => c.result?.number)).toEqual(byNumber.map((a) => a.number))
    expect(stored.map((c) => c.id)).toEqual(byNumber.map((a) => a.id))
    await storage.close()
  })

  it('answers a command staged but not yet durable from the stage, and a replay only once durable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zt-staging-'))
    dirs.push(dir)
    const storage = await EmbeddedStorage.open(dir)
    const first = await storage.withLock('commands', () => storage.staged(() => storage.putCommand(command(0))))
    let durable = false
    void first.durable.then(() => (durable = true))
    // the next judge sees it before its batch is synced
    const seen = await storage.withLock('commands', () => storage.staged(async () => ({ record: await storage.command(first.value.id), durableThen: durable })))
    expect(seen.value.record).toMatchObject({ id: first.value.id, seq: first.value.seq })
    expect(seen.value.durableThen).toBe(false)
    // and its answer (a replay's) waits for the first one's durability
    await seen.durable
    expect(durable).toBe(true)
    await storage.close()
  })
})
