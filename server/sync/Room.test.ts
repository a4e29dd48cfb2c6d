// A room relays an update and tells its author it is durable only once the store says it is: a
// store whose durability the test holds back shows that nothing, the update or a MESSAGE_PERSISTED
// covering it, leaves the room before then (docs/decisions.md, "Relayed once durable").
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { MESSAGE_PERSISTED, MESSAGE_SYNC, readPersisted } from '../../src/core/sync/messages'
import { decodeStateVectorMap } from '../../src/core/sync/pending'
import type { Storage } from '../../src/core/storage/types'
import { Room, type RoomPeer } from './Room'
import type { UpdateValidator } from './UpdateValidator'

/** A store whose appends are durable when the test says so. */
function heldStore(): { storage: Storage; durable: (() => void)[] } {
  const durable: (() => void)[] = []
  let position = 0
  const storage = {
    loadRoom: () => Promise.resolve([]),
    appendUpdate: () => new Promise<number>((resolve) => {
      const at = ++position
      durable.push(() => resolve(at))
    }),
    logLength: () => 0,
  } as unknown as Storage
  return { storage, durable }
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
}

function edit(client: number, text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = client
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

describe('Room.commit with a store whose durability is held back', () => {
  it('sends nothing before the store says durable, then the update to the others and the state vector to all', async () => {
    const { storage, durable } = heldStore()
    const room = await Room.load('doc:a', { kind: 'doc', id: 'a' } as never, storage, validator)
    const author = new Peer()
    const other = new Peer()
    room.peers.add(author)
    room.peers.add(other)

    const committing = room.commit(edit(7, 'abc'), author, true)
    await new Promise((r) => setTimeout(r, 50))
    expect(other.updates).toHaveLength(0)
    expect(author.persisted).toHaveLength(0)
    expect(other.persisted).toHaveLength(0)
    expect(room.doc.getText('t').toString()).toBe('')

    durable[0]!()
    await committing
    expect(other.updates).toHaveLength(1)
    expect(author.updates).toHaveLength(0)
    expect(author.persisted.at(-1)?.get(7)).toBe(3)
    expect(other.persisted.at(-1)?.get(7)).toBe(3)
    room.destroy()
  })
})
