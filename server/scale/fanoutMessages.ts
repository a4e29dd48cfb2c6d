// What processes tell each other on a room's Redis channel. Binary, so an update travels as its
// own bytes:
//   message := varUint(kind) · varString(origin process)
//              · update:    varUint(position) · varUint8Array(update)   durable at that position
//              · awareness: varUint8Array(awareness update)             states of the sender's clients
//              · query:     —                                           "send me your clients' states"
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export type FanoutMessage =
  | { kind: 'update'; origin: string; position: number; update: Uint8Array }
  | { kind: 'awareness'; origin: string; update: Uint8Array }
  | { kind: 'query'; origin: string }

const KINDS = ['update', 'awareness', 'query'] as const

export function encodeFanout(message: FanoutMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind))
  encoding.writeVarString(encoder, message.origin)
  if (message.kind === 'update') {
    encoding.writeVarUint(encoder, message.position)
    encoding.writeVarUint8Array(encoder, message.update)
  } else if (message.kind === 'awareness') encoding.writeVarUint8Array(encoder, message.update)
  return encoding.toUint8Array(encoder)
}

/** The message, or null for bytes that are not one (another program on the channel). */
export function decodeFanout(bytes: Uint8Array): FanoutMessage | null {
  try {
    const decoder = decoding.createDecoder(bytes)
    const kind = KINDS[decoding.readVarUint(decoder)]
    const origin = decoding.readVarString(decoder)
    if (kind === 'update') return { kind, origin, position: decoding.readVarUint(decoder), update: decoding.readVarUint8Array(decoder) }
    if (kind === 'awareness') return { kind, origin, update: decoding.readVarUint8Array(decoder) }
    if (kind === 'query') return { kind, origin }
    return null
  } catch {
    return null
  }
}
