import * as encoding from 'lib0/encoding'

/** A sync "update" message (0, 2) carrying `update` as given. */
export function syncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}
