// A home file closed between checkpoints (a room unloaded) is synced by path at the checkpoint,
// after which the journal is empty and the home holds every record written to it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppendFile, frame, readFrames } from './AppendFile'
import { GroupCommit } from './GroupCommit'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function setUp(): { dir: string; journal: AppendFile; gc: GroupCommit } {
  const dir = mkdtempSync(join(tmpdir(), 'zt-gc-'))
  dirs.push(dir)
  const journal = new AppendFile(join(dir, 'journal.log'))
  return { dir, journal, gc: new GroupCommit(journal) }
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
})
