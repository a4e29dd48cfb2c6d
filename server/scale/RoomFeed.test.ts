// The feed's bookkeeping of positions, against a store and a room made up for it: updates that
// arrive out of order wait briefly, a lost one is read from the store, and the sweep finds the
// last update of a publisher that died before publishing it.
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Room } from '../sync/Room'
import type { FanoutMessage } from './fanoutMessages'
import { RoomFeed, type FeedHost } from './RoomFeed'

function setUp(stored: Uint8Array[]) {
  const doc = new Y.Doc()
  const applied: Uint8Array[] = []
  const room = {
    position: 0,
    link: null,
    awareness: new awarenessProtocol.Awareness(doc),
    applyRemote: (u: Uint8Array) => {
      applied.push(u)
      Y.applyUpdate(doc, u)
    },
  } as unknown as Room
  const reads: number[] = []
  const published: FanoutMessage[] = []
  const host: FeedHost = {
    origin: 'me',
    publish: (_room, m) => published.push(m),
    updatesSince: async (_room, position) => {
      reads.push(position)
      return { updates: stored.slice(position), position: stored.length }
    },
    detached: () => undefined,
  }
  const feed = new RoomFeed('doc:x', host)
  feed.attach(room)
  return { feed, doc, applied, reads, published }
}

/** n updates of one writer, each inserting one letter */
function updates(n: number): Uint8Array[] {
  const writer = new Y.Doc()
  const out: Uint8Array[] = []
  writer.on('update', (u: Uint8Array) => out.push(u))
  for (let i = 0; i < n; i++) writer.getText('t').insert(i, String.fromCharCode(97 + i))
  return out
}

const update = (position: number, bytes: Uint8Array): FanoutMessage => ({ kind: 'update', origin: 'other', position, update: bytes })

describe('RoomFeed', () => {
  it('asks who is in the room when attached, and reads nothing while messages come in order', async () => {
    const u = updates(3)
    const { feed, doc, reads, published } = setUp(u)
    expect(published).toEqual([{ kind: 'query', origin: 'me' }])
    u.forEach((bytes, i) => feed.receive(update(i + 1, bytes)))
    await new Promise((r) => setTimeout(r, 150))
    expect(doc.getText('t').toString()).toBe('abc')
    expect(reads).toEqual([])
  })

  it('waits out messages that cross, then reads a lost one from the store', async () => {
    vi.useFakeTimers()
    try {
      const u = updates(4)
      const { feed, doc, reads } = setUp(u)
      feed.receive(update(2, u[1]!))
      feed.receive(update(1, u[0]!))
      await vi.advanceTimersByTimeAsync(150)
      expect(reads).toEqual([]) // crossed, not lost
      feed.receive(update(4, u[3]!)) // 3 never comes
      await vi.advanceTimersByTimeAsync(50)
      expect(reads).toEqual([])
      await vi.advanceTimersByTimeAsync(100)
      expect(reads).toEqual([2])
      expect(doc.getText('t').toString()).toBe('abcd')
    } finally {
      vi.useRealTimers()
    }
  })

  it('finds at the second sweep an update whose publisher died before publishing, and not at the first', async () => {
    const u = updates(2)
    const { feed, doc, reads } = setUp(u)
    feed.receive(update(1, u[0]!))
    feed.sweep(2) // just committed: its message may be on the way
    await Promise.resolve()
    expect(reads).toEqual([])
    feed.sweep(2) // a sweep later still missing: read it
    await expect.poll(() => doc.getText('t').toString()).toBe('ab')
    expect(reads).toEqual([1])
  })

  it('counts its own commits, so they leave no gap, and publishes them with their position', () => {
    const u = updates(2)
    const { feed, reads, published } = setUp(u)
    feed.committed(u[0]!, 1)
    feed.receive(update(2, u[1]!))
    feed.sweep(2)
    feed.sweep(2)
    expect(reads).toEqual([])
    expect(published.filter((m) => m.kind === 'update')).toEqual([{ kind: 'update', origin: 'me', position: 1, update: u[0] }])
  })
})
