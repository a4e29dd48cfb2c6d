// Decodes and applies one client update to a scratch copy of its room, in a worker thread with a
// memory limit, while the main thread holds a timer: a crafted update that never finishes decoding
// or exhausts memory (yjs#687) costs this worker, never the server. Plain JavaScript so that the
// worker starts without a TypeScript loader.
//
// in:  { id, state: Uint8Array (the room's current state), update: Uint8Array }
// out: { id, ok: true, roots: string[] }  roots the update touched (inserts, formats or deletes)
//      { id, ok: false, reason: 'incomplete' | 'malformed' }
import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'

/** @param {Y.Doc} doc @param {Y.AbstractType<any>} type */
function rootNameOf(doc, type) {
  let t = type
  while (t._item !== null) t = /** @type {any} */ (t._item.parent)
  for (const [name, root] of doc.share) if (root === t) return name
  return null
}

parentPort.on('message', ({ id, state, update }) => {
  try {
    const doc = new Y.Doc({ gc: false })
    Y.applyUpdate(doc, state)
    const roots = new Set()
    doc.on('afterTransaction', (tr) => {
      for (const type of tr.changed.keys()) roots.add(rootNameOf(doc, type) ?? '\u0000unknown')
      // a delete-only update marks no type changed when its items are gone already: look at them
      for (const [client, ranges] of tr.deleteSet.clients) {
        const structs = doc.store.clients.get(client) ?? []
        for (const range of ranges) {
          for (const struct of structs) {
            if (struct.id.clock + struct.length <= range.clock || struct.id.clock >= range.clock + range.len) continue
            if (struct instanceof Y.Item) roots.add(rootNameOf(doc, /** @type {any} */ (struct.parent)) ?? '\u0000unknown')
          }
        }
      }
    })
    Y.applyUpdate(doc, update)
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      parentPort.postMessage({ id, ok: false, reason: 'incomplete' })
      return
    }
    parentPort.postMessage({ id, ok: true, roots: [...roots] })
  } catch {
    parentPort.postMessage({ id, ok: false, reason: 'malformed' })
  }
})
