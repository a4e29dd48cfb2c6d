// The validator keeps a copy of each hot room in its worker: a room's state crosses to the worker
// once, each update is checked against the copy as it moved with the commits, and a refused or
// failed update never stays in the copy.
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DEFAULT_VALIDATOR_LIMITS, UpdateValidator } from './UpdateValidator'

let validator: UpdateValidator
afterEach(() => validator?.close())

/** A client editing `root`: each call types one more character and returns the update. */
function typist(root = 'body', from?: Uint8Array): { doc: Y.Doc; type(text: string): Uint8Array } {
  const doc = new Y.Doc()
  if (from) Y.applyUpdate(doc, from)
  return {
    doc,
    type(text) {
      const before = Y.encodeStateVector(doc)
      const t = doc.getText(root)
      t.insert(t.length, text)
      return Y.encodeStateAsUpdate(doc, before)
    },
  }
}

/** An update of `n` items that cannot merge (each typed before the last): many objects to decode. */
function manyItems(n: number): Uint8Array {
  const doc = new Y.Doc()
  const t = doc.getText('body')
  doc.transact(() => {
    for (let i = 0; i < n; i++) t.insert(0, 'x')
  })
  return Y.encodeStateAsUpdate(doc)
}

/** The room as the server holds it, and how often its state was read. */
function room(initial?: Uint8Array): { doc: Y.Doc; reads: number; state(): Uint8Array } {
  const doc = new Y.Doc()
  if (initial) Y.applyUpdate(doc, initial)
  const r = {
    doc,
    reads: 0,
    state() {
      r.reads++
      return Y.encodeStateAsUpdate(doc)
    },
  }
  return r
}

describe('UpdateValidator', () => {
  it('reads a room once, then checks every update against its own copy', async () => {
    validator = new UpdateValidator({ ...DEFAULT_VALIDATOR_LIMITS, workers: 2 })
    const big = typist()
    const r = room(big.type('稿'.repeat(200_000)))
    const client = typist('body', Y.encodeStateAsUpdate(r.doc))
    for (let i = 0; i < 30; i++) {
      const update = client.type(String(i))
      const verdict = await validator.validate('doc:a', () => r.state(), update)
      expect(verdict).toEqual({ ok: true, roots: ['body'], newClients: i === 0 ? 1 : 0, grew: true })
      Y.applyUpdate(r.doc, update) // committed
    }
    expect(r.reads).toBe(1)
  })

  it('follows the server’s own writes, so an update built on them is complete', async () => {
    validator = new UpdateValidator({ ...DEFAULT_VALIDATOR_LIMITS, workers: 1 })
    const r = room()
    const client = typist()
    const first = client.type('甲')
    expect((await validator.validate('doc:b', () => r.state(), first)).ok).toBe(true)
    Y.applyUpdate(r.doc, first)
    // the server writes into the room without asking the validator, then says so
    const server = typist('meta', Y.encodeStateAsUpdate(r.doc))
    const serverWrite = server.type('办结')
    Y.applyUpdate(r.doc, serverWrite)
    validator.committed('doc:b', serverWrite)
    // a client that saw the server's write edits the same text after it
    const follower = new Y.Doc()
    Y.applyUpdate(follower, Y.encodeStateAsUpdate(r.doc))
    const before = Y.encodeStateVector(follower)
    follower.getText('meta').insert(2, '了')
    const built = Y.encodeStateAsUpdate(follower, before)
    expect(await validator.validate('doc:b', () => r.state(), built)).toMatchObject({ ok: true, roots: ['meta'] })
    expect(r.reads).toBe(1)
  })

  it('forgets a refused update: the next one is judged against the room, not against it', async () => {
    validator = new UpdateValidator({ ...DEFAULT_VALIDATOR_LIMITS, workers: 1 })
    const r = room()
    const client = typist()
    const refused = client.type('越权')
    expect((await validator.validate('doc:c', () => r.state(), refused)).ok).toBe(true)
    validator.refused('doc:c')
    const next = client.type('再写') // depends on the refused update, which the room never got
    expect(await validator.validate('doc:c', () => r.state(), next)).toEqual({ ok: false, reason: 'incomplete' })
    expect(r.reads).toBe(2)
  })

  it('drops a copy when its room unloads and reads the room again when it comes back', async () => {
    validator = new UpdateValidator({ ...DEFAULT_VALIDATOR_LIMITS, workers: 2 })
    const r = room()
    const client = typist()
    const u = client.type('一')
    await validator.validate('doc:d', () => r.state(), u)
    Y.applyUpdate(r.doc, u)
    expect(validator.held().reduce((a, b) => a + b)).toBe(1)
    validator.unload('doc:d')
    expect(validator.held().reduce((a, b) => a + b)).toBe(0)
    expect((await validator.validate('doc:d', () => r.state(), client.type('二'))).ok).toBe(true)
    expect(r.reads).toBe(2)
  })

  it('spreads rooms over its workers', async () => {
    validator = new UpdateValidator({ ...DEFAULT_VALIDATOR_LIMITS, workers: 3 })
    await Promise.all(['doc:1', 'doc:2', 'doc:3', 'doc:4', 'doc:5', 'doc:6'].map((name) => validator.validate(name, () => new Uint8Array([0, 0]), typist().type('x'))))
    expect(validator.held()).toEqual([2, 2, 2])
  })

  it('an update that exhausts its worker costs that worker only; its room works again after', async () => {
    validator = new UpdateValidator({ ...DEFAULT_VALIDATOR_LIMITS, workers: 2, maxOldGenerationSizeMb: 16 })
    const a = room()
    const b = room()
    // warm both workers: doc:a and doc:b sit on different ones
    await validator.validate('doc:a', () => a.state(), typist().type('a'))
    await validator.validate('doc:b', () => b.state(), typist().type('b'))
    const bomb = validator.validate('doc:a', () => a.state(), manyItems(300_000))
    const other = await validator.validate('doc:b', () => b.state(), typist().type('照常'))
    expect(other.ok).toBe(true)
    expect(await bomb).toEqual({ ok: false, reason: 'memory' })
    expect((await validator.validate('doc:a', () => a.state(), typist().type('恢复'))).ok).toBe(true)
  })

  it('an update that kills its worker in a batch with others is the one refused: the others are checked again and pass', async () => {
    validator = new UpdateValidator({ ...DEFAULT_VALIDATOR_LIMITS, workers: 1, maxOldGenerationSizeMb: 16 })
    const a = room()
    const b = room()
    const c = room()
    await validator.validate('doc:a', () => a.state(), typist().type('a'))
    await validator.validate('doc:b', () => b.state(), typist().type('b'))
    // doc:c's update is out with the worker: the next two wait, and go to it together
    const first = validator.validate('doc:c', () => c.state(), typist().type('c'))
    const bomb = validator.validate('doc:a', () => a.state(), manyItems(300_000))
    const other = validator.validate('doc:b', () => b.state(), typist().type('照常'))
    expect((await first).ok).toBe(true)
    expect(await other).toMatchObject({ ok: true, roots: ['body'] })
    expect(await bomb).toEqual({ ok: false, reason: 'memory' })
    expect((await validator.validate('doc:b', () => b.state(), typist().type('再写'))).ok).toBe(true)
  })

  it('the deadline is per update, not per batch: only the update past it is refused', async () => {
    validator = new UpdateValidator({ ...DEFAULT_VALIDATOR_LIMITS, workers: 1, timeoutMs: 500 })
    const [a, b, c] = [room(), room(), room()]
    await validator.validate('doc:a', () => a.state(), typist().type('a'))
    await validator.validate('doc:b', () => b.state(), typist().type('b'))
    const first = validator.validate('doc:c', () => c.state(), typist().type('c'))
    // in one batch: doc:b's update, then one that takes the worker far past 500 ms
    const other = validator.validate('doc:b', () => b.state(), typist().type('照常'))
    const slow = validator.validate('doc:a', () => a.state(), manyItems(1_000_000))
    expect((await first).ok).toBe(true)
    expect(await slow).toEqual({ ok: false, reason: 'timeout' })
    expect(await other).toMatchObject({ ok: true, roots: ['body'] })
  })
})
