// A room relays an update once the store has written it, and tells its author it is durable only
// once the store's fdatasync has returned: a store whose durability the test holds back shows
// that no MESSAGE_PERSISTED, to the author or anyone, ever covers what is not durable yet.
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { MESSAGE_PERSISTED, MESSAGE_SYNC, readPersisted } from '../../src/core/sync/messages'
import { decodeStateVectorMap } from '../../src/core/sync/pending'
import type { Storage } from '../../src/core/storage/types'
import { Room, type RoomPeer } from './Room'
import type { UpdateValidator } from './UpdateValidator'

interface Append {
  written: ((position: number) => void) | undefined
  durable(): void
  fail(err: Error): void
}

/** A store whose writes are written and made durable when the test says so. */
function heldStore(): { storage: Storage; appends: Append[] } {
  const appends: Append[] = []
  let position = 0
  const storage = {
    loadRoom: () => Promise.resolve([]),
    appendUpdate: (_room: string, _update: Uint8Array, written?: (position: number) => void) =>
      new Promise<number>((resolve, reject) => {
        const at = ++position
        appends.push({ written: written && (() => written(at)), durable: () => resolve(at), fail: reject })
      }),
    logLength: () => 0,
  } as unknown as Storage
  return { storage, appends }
}

const validator = { committed: () => undefined, refused: () => undefined, unload: () => undefined } as unknown as UpdateValidator

class Peer implements RoomPeer {
  readonly updates: Uint8Array[] = []
  readonly persisted: Map<number, number>[] = []
  send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_PERSISTED) this.persisted.push(decodeStateVectorMap(readPersisted(decoder)))
    else if (type === MESSAGE_SYNC) {
      decoding.readVarUint(decoder)
      this.updates.push(decoding.readVarUint8Array(decoder))
    }
  }
  /** the clock the last durable state vector it was told gives `client` */
  durableClock(client: number): number {
    return this.persisted.at(-1)?.get(client) ?? 0
  }
}

function edit(client: number, text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = client
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r))

afterEach(() => {
  vi.useRealTimers()
})

describe('Room.commit: relayed once written, acknowledged once durable', () => {
  it('relays to the others at the write and tells the author only after the fdatasync', async () => {
    const { storage, appends } = heldStore()
    const room = await Room.load('doc:a', { kind: 'doc', id: 'a' } as never, storage, validator)
    const author = new Peer()
    const other = new Peer()
    room.peers.add(author)
    room.peers.add(other)

    const committing = room.commit(edit(7, 'abc'), author, true)
    await tick()
    // not written yet: nobody has it
    expect(other.updates).toHaveLength(0)
    appends[0]!.written!(1)
    const { durable } = await committing
    expect(other.updates).toHaveLength(1)
    // the state vector that came with the relay says nothing of the update
    expect(other.durableClock(7)).toBe(0)
    expect(author.persisted).toHaveLength(0)
    // nor does what a socket opening now is told
    expect(decodeStateVectorMap(room.durableState()).get(7) ?? 0).toBe(0)

    appends[0]!.durable()
    await durable
    expect(author.durableClock(7)).toBe(3)
    expect(decodeStateVectorMap(room.durableState()).get(7)).toBe(3)
    // the others are told once the room is quiet
    await expect.poll(() => other.durableClock(7), { timeout: 2000 }).toBe(3)
    await room.idle()
    room.destroy()
  })

  it('never tells an author of an update durable with a later one that is not', async () => {
    const { storage, appends } = heldStore()
    const room = await Room.load('doc:b', { kind: 'doc', id: 'b' } as never, storage, validator)
    const first = new Peer()
    const second = new Peer()
    room.peers.add(first)
    room.peers.add(second)

    const one = room.enqueue(() => room.commit(edit(1, 'x'), first, true))
    await tick()
    appends[0]!.written!(1)
    const { durable: oneDurable } = await one
    const two = room.enqueue(() => room.commit(edit(2, 'y'), second, true))
    await tick()
    appends[1]!.written!(2)
    const { durable: twoDurable } = await two
    // `first` got the second update, with a state vector that covers neither
    expect(first.updates).toHaveLength(1)
    expect(first.persisted.every((sv) => !sv.has(1) && !sv.has(2))).toBe(true)

    appends[0]!.durable()
    await oneDurable
    // the first is durable, the second is not: the acknowledgement says exactly that
    expect(first.durableClock(1)).toBe(1)
    expect(first.durableClock(2)).toBe(0)
    expect(second.persisted.every((sv) => !sv.has(2))).toBe(true)

    appends[1]!.durable()
    await twoDurable
    expect(second.durableClock(2)).toBe(1)
    await expect.poll(() => first.durableClock(2), { timeout: 2000 }).toBe(1)
    await room.idle()
    room.destroy()
  })

  it('a write that fails before it is written is relayed to nobody', async () => {
    const { storage, appends } = heldStore()
    const room = await Room.load('doc:c', { kind: 'doc', id: 'c' } as never, storage, validator)
    const author = new Peer()
    const other = new Peer()
    room.peers.add(author)
    room.peers.add(other)
    const committing = room.commit(edit(3, 'z'), author, true)
    await tick()
    appends[0]!.fail(Object.assign(new Error('no space'), { code: 'ENOSPC' }))
    await expect(committing).rejects.toThrow('no space')
    expect(other.updates).toHaveLength(0)
    expect(room.doc.getText('t').toString()).toBe('')
    room.destroy()
  })

  it('a store without the written stage relays once durable, the state vector to all', async () => {
    const { storage, appends } = heldStore()
    const room = await Room.load('doc:d', { kind: 'doc', id: 'd' } as never, storage, validator)
    const author = new Peer()
    const other = new Peer()
    room.peers.add(author)
    room.peers.add(other)
    const committing = room.commit(edit(4, 'w'), author, true)
    await tick()
    appends[0]!.durable()
    await committing
    expect(other.updates).toHaveLength(1)
    expect(other.durableClock(4)).toBe(1)
    expect(author.durableClock(4)).toBe(1)
    room.destroy()
  })
})
