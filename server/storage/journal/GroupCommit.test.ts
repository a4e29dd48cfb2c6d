// A home file closed between checkpoints (a room unloaded) is synced by path at the checkpoint,
// after which the journal is empty and the home holds every record written to it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppendFile, frame, readFrames } from './AppendFile'
import { GroupCommit, StoreStoppedError } from './GroupCommit'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function setUp(checkpointBytes?: number): { dir: string; journal: AppendFile; gc: GroupCommit } {
  const dir = mkdtempSync(join(tmpdir(), 'zt-gc-'))
  dirs.push(dir)
  const journal = new AppendFile(join(dir, 'journal.log'))
  return { dir, journal, gc: new GroupCommit(journal, checkpointBytes) }
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('GroupCommit', () => {
  it('keeps what a home closed before the checkpoint received, and empties the journal', async () => {
    const { dir, journal, gc } = setUp()
    const home = new AppendFile(join(dir, 'room.log'))
    await gc.write((w) => {
      w.journal(bytes('one'))
      w.home(home, frame(bytes('one')))
    })
    expect(journal.size).toBeGreaterThan(0)
    gc.forget(home)
    home.close()

    await gc.checkpoint()
    expect(journal.size).toBe(0)
    const { records } = readFrames(readFileSync(join(dir, 'room.log')))
    expect(records.map((r) => r.body.toString())).toEqual(['one'])
    gc.close()
  })

  it('checkpoints when a closed home was removed since (a compaction wrote it anew)', async () => {
    const { dir, journal, gc } = setUp()
    const home = new AppendFile(join(dir, 'gone.log'))
    await gc.write((w) => void w.home(home, frame(bytes('x'))))
    gc.forget(home)
    home.close()
    rmSync(join(dir, 'gone.log'))

    await gc.checkpoint()
    expect(journal.size).toBe(0)
    gc.close()
  })

  it('checkpoints by itself once the journal outgrows its limit, before the next batch, and writes on', async () => {
    const { dir, journal, gc } = setUp(1)
    const open = new AppendFile(join(dir, 'open.log'))
    const left = new AppendFile(join(dir, 'left.log'))
    await gc.write((w) => {
      w.journal(bytes('a'))
      w.home(open, frame(bytes('a')))
      w.home(left, frame(bytes('b')))
    })
    // as the store closes a home: between batches, after the checkpoint that batch set off
    await gc.exclusive(() => {
      gc.forget(left)
      left.close()
    })
    await gc.write((w) => {
      w.journal(bytes('c'))
      w.home(open, frame(bytes('c')))
    })
    // the checkpoint after that batch has run once the chain is free
    await gc.exclusive(() => undefined)
    expect(journal.size).toBe(0)
    expect(open.dirty).toBe(false)
    expect(readFrames(readFileSync(join(dir, 'open.log'))).records.map((r) => r.body.toString())).toEqual(['a', 'c'])
    expect(readFrames(readFileSync(join(dir, 'left.log'))).records.map((r) => r.body.toString())).toEqual(['b'])
    await gc.write((w) => w.journal(bytes('d')))
    await gc.exclusive(() => undefined)
    open.close()
    gc.close()
  })
})

describe('GroupCommit, a failed batch', () => {
  it('leaves the store writing when nothing in it was staged', async () => {
    const { gc } = setUp()
    await expect(gc.write(() => { throw new Error('disk') })).rejects.toThrow('disk')
    await expect(gc.write((w) => w.journal(bytes('after')))).resolves.toBeUndefined()
    gc.close()
  })

  it('stops the store when it held a staged write: later writes were judged on it', async () => {
    const { gc } = setUp()
    const cause = Object.assign(new Error('no space'), { code: 'ENOSPC' })
    const staged = gc.write(() => { throw cause }, true)
    // queued in the same turn: the same batch, the same fate
    const beside = gc.write((w) => w.journal(bytes('beside')))
    await expect(staged).rejects.toBe(cause)
    await expect(beside).rejects.toBe(cause)
    const later = gc.write((w) => w.journal(bytes('later')))
    await expect(later).rejects.toBeInstanceOf(StoreStoppedError)
    // a full disk stays a full disk to the server (507)
    await expect(later).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(() => gc.assertRunning()).toThrow(StoreStoppedError)
    gc.close()
  })
})
