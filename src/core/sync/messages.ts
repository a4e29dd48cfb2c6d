// Message types on a room socket. 0–3 are the y-websocket protocol's own (sync, awareness, auth,
// query awareness); the y-websocket client dispatches on `provider.messageHandlers[type]`, so our
// extension is one more entry there.
//
// MESSAGE_PERSISTED (server → client): "everything up to this state vector is durable on the
// server". The client keeps it per room and counts as pending whatever it holds beyond it.
//   varUint(MESSAGE_PERSISTED) · varUint8Array(Y.encodeStateVector(serverDoc))
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3
export const MESSAGE_PERSISTED = 100

export function writePersisted(encoder: encoding.Encoder, stateVector: Uint8Array): void {
  encoding.writeVarUint(encoder, MESSAGE_PERSISTED)
  encoding.writeVarUint8Array(encoder, stateVector)
}

export function encodePersisted(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  writePersisted(encoder, stateVector)
  return encoding.toUint8Array(encoder)
}

/** Reads the body of a MESSAGE_PERSISTED frame (the type has already been read). */
export function readPersisted(decoder: decoding.Decoder): Uint8Array {
  return decoding.readVarUint8Array(decoder)
}

// the close codes and the subprotocol, in a module of their own so the CLI names them without lib0
export * from './closeCodes'
