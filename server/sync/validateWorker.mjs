// Keeps a copy of each hot room it was given and applies every client update to that copy first,
// in a worker thread with a memory limit, while the main thread holds a timer: a crafted update
// that never finishes decoding or exhausts memory (yjs#687) costs this worker, never the server.
// The copy is loaded once (the room's state comes with the first update) and moves with each
// accepted update, so checking one costs O(update), not O(document). Plain JavaScript so that the
// worker starts without a TypeScript loader.
//
// in:  { type: 'batch', ops: Op[] }  the ops in order, answered together (one message each way per
//        batch, not per update: the round trip is what the main thread pays for); before each
//        validate op its index goes to workerData.progress, so a stuck or fatal one is known
//        Op: { type: 'validate', id, room, state?: Uint8Array, update: Uint8Array }
//              state: the room's state when this worker holds no copy of it (or a stale one)
//            { type: 'drop', room }        the main thread let the copy go (too many held)
//      { type: 'apply', room, update }   a change the server committed without asking (its own writes)
//      { type: 'drop', room }            the main thread refused the last update, or the room unloaded
// out: { answers: Answer[] }, one for each validate op of the batch, in order
//        Answer: { id, ok: true, roots: string[], newClients: number, grew: boolean }
//          roots the update touched (inserts, formats or deletes); client ids it introduced; whether
//          it added content (a delete-only update does not)
//        | { id, ok: false, reason: 'incomplete' | 'malformed' | 'unloaded' }
// A failed or refused update leaves the copy ahead of the room: it is dropped and reloaded.
import { parentPort, workerData } from 'node:worker_threads'
import * as Y from 'yjs'

/** @type {Map<string, { doc: Y.Doc, roots: Set<string>, grew: boolean }>} */
const copies = new Map()

/** shared with the main thread: which validate op of the batch is being checked (its deadline) */
const progress = new Int32Array(workerData.progress.buffer)

/** @param {Y.Doc} doc @param {Y.AbstractType<any>} type */
function rootNameOf(doc, type) {
  let t = type
  while (t._item !== null) t = /** @type {any} */ (t._item.parent)
  for (const [name, root] of doc.share) if (root === t) return name
  return null
}

/** @param {Uint8Array} state */
function load(state) {
  const doc = new Y.Doc({ gc: true })
  Y.applyUpdate(doc, state)
  const copy = { doc, roots: new Set(), grew: false }
  doc.on('afterTransaction', (tr) => {
    for (const [client, clock] of tr.afterState) if ((tr.beforeState.get(client) ?? 0) < clock) copy.grew = true
    for (const type of tr.changed.keys()) copy.roots.add(rootNameOf(doc, type) ?? '\u0000unknown')
    // a delete-only update marks no type changed when its items are gone already: look at them
    // (found by binary search, so this stays O(update))
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (struct instanceof Y.Item) copy.roots.add(rootNameOf(doc, /** @type {any} */ (struct.parent)) ?? '\u0000unknown')
    })
  })
  return copy
}

/** @param {string} room */
function drop(room) {
  copies.get(room)?.doc.destroy()
  copies.delete(room)
}

/** @returns {object} the answer to one validate op */
function validate({ id, room, state, update }) {
  try {
    if (state) {
      drop(room)
      copies.set(room, load(state))
    }
    const copy = copies.get(room)
    if (!copy) return { id, ok: false, reason: 'unloaded' }
    const store = copy.doc.store
    const clientsBefore = store.clients.size
    copy.roots.clear()
    copy.grew = false
    Y.applyUpdate(copy.doc, update)
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      drop(room)
      return { id, ok: false, reason: 'incomplete' }
    }
    return { id, ok: true, roots: [...copy.roots], newClients: store.clients.size - clientsBefore, grew: copy.grew }
  } catch {
    drop(room)
    return { id, ok: false, reason: 'malformed' }
  }
}

parentPort.on('message', (msg) => {
  if (msg.type === 'drop') return drop(msg.room)
  if (msg.type === 'apply') {
    const copy = copies.get(msg.room)
    if (!copy) return
    try {
      Y.applyUpdate(copy.doc, msg.update)
    } catch {
      drop(msg.room)
    }
    return
  }
  const answers = []
  for (const op of msg.ops) {
    if (op.type === 'drop') drop(op.room)
    else {
      Atomics.store(progress, 0, answers.length)
      answers.push(validate(op))
    }
  }
  parentPort.postMessage({ answers })
})
