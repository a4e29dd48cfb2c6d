// What the load generator says on the wire, for the three servers: y-websocket frames (ours and
// the stock server) or Hocuspocus frames (the same, each led by the document's name), and Yjs
// updates written by hand (v1 format) so that 2,000 clients need no Y.Doc each.
//
// Each update appends one item to the room's `notes` array (a root every writer of a document may
// write) holding a marker `~M<sender>.<seq>~`; a receiver finds markers by scanning the frame's
// bytes, so delivery is counted whatever a server does to the update (merge, batch, re-encode).
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export type Dialect = 'y-websocket' | 'hocuspocus'

const SYNC = 0
const STEP1 = 0
const STEP2 = 1
const UPDATE = 2
const HOCUSPOCUS_AUTH = 2
/** ContentAny, in an item's info byte; BIT8: the item has a left origin */
const CONTENT_ANY = 8
const HAS_ORIGIN = 0x80

/** One client's own chain of items: each update appends after the client's previous item. */
export class ItemWriter {
  private clock = 0
  constructor(readonly client: number) {}

  /** An update appending `values` (strings) to `notes`, one item each. */
  append(values: string[]): Uint8Array {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1) // one client
    encoding.writeVarUint(e, values.length)
    encoding.writeVarUint(e, this.client)
    encoding.writeVarUint(e, this.clock)
    for (const value of values) {
      if (this.clock === 0) {
        encoding.writeUint8(e, CONTENT_ANY)
        encoding.writeVarUint(e, 1) // the parent is a root, named
        encoding.writeVarString(e, 'notes')
      } else {
        encoding.writeUint8(e, CONTENT_ANY | HAS_ORIGIN)
        encoding.writeVarUint(e, this.client)
        encoding.writeVarUint(e, this.clock - 1)
      }
      encoding.writeVarUint(e, 1)
      encoding.writeAny(e, value)
      this.clock++
    }
    encoding.writeVarUint(e, 0) // no deletes
    return encoding.toUint8Array(e)
  }
}

export const marker = (sender: number, seq: number): string => `~M${sender}.${seq}~`

const MARK = Buffer.from('~M')
const TILDE = 0x7e

/** Every marker in a frame, as [sender, seq]. */
export function markersIn(frame: Buffer): Array<[number, number]> {
  const found: Array<[number, number]> = []
  for (let at = frame.indexOf(MARK); at >= 0; at = frame.indexOf(MARK, at + 2)) {
    const end = frame.indexOf(TILDE, at + 2)
    if (end < 0) break
    const text = frame.toString('latin1', at + 2, end)
    const dot = text.indexOf('.')
    found.push([Number(text.slice(0, dot)), Number(text.slice(dot + 1))])
  }
  return found
}

function frame(dialect: Dialect, room: string, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  if (dialect === 'hocuspocus') encoding.writeVarString(e, room)
  write(e)
  return encoding.toUint8Array(e)
}

/** The first frames a client sends: (Hocuspocus: an auth frame, then) sync step 1 from an empty document. */
export function hello(dialect: Dialect, room: string): Uint8Array[] {
  const step1 = frame(dialect, room, (e) => {
    encoding.writeVarUint(e, SYNC)
    encoding.writeVarUint(e, STEP1)
    encoding.writeVarUint8Array(e, new Uint8Array([0])) // empty state vector
  })
  if (dialect !== 'hocuspocus') return [step1]
  const auth = frame(dialect, room, (e) => {
    encoding.writeVarUint(e, HOCUSPOCUS_AUTH)
    encoding.writeVarUint(e, 0) // token
    encoding.writeVarString(e, '')
  })
  return [auth, step1]
}

export function updateFrame(dialect: Dialect, room: string, update: Uint8Array): Uint8Array {
  return frame(dialect, room, (e) => {
    encoding.writeVarUint(e, SYNC)
    encoding.writeVarUint(e, UPDATE)
    encoding.writeVarUint8Array(e, update)
  })
}

/** Is this the server's sync step 2 (its answer to our step 1: the client is in the room)? */
export function isStep2(dialect: Dialect, data: Uint8Array): boolean {
  try {
    const d = decoding.createDecoder(data)
    if (dialect === 'hocuspocus') decoding.readVarString(d)
    return decoding.readVarUint(d) === SYNC && decoding.readVarUint(d) === STEP2
  } catch {
    return false
  }
}
