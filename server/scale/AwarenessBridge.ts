// A room's awareness across processes: the states of this process's clients go out (changes,
// renewals and removals — a client that leaves here disappears everywhere), the states of other
// processes' clients come in. Nobody forwards what it heard: each process speaks for its own
// clients only. A process that dies says nothing more, so its clients' states time out on the
// others (y-protocols drops a state not renewed for 30 s; clients renew every 15 s).
import * as awarenessProtocol from 'y-protocols/awareness'
import * as decoding from 'lib0/decoding'
import { REMOTE } from '../sync/Room'
import type { Room } from '../sync/Room'

interface Changes {
  added: number[]
  updated: number[]
  removed: number[]
}

export class AwarenessBridge {
  constructor(
    private readonly room: Room,
    private readonly send: (update: Uint8Array) => void,
  ) {
    room.awareness.on('update', this.onUpdate)
  }

  private readonly onUpdate = ({ added, updated, removed }: Changes, origin: unknown): void => {
    if (origin === REMOTE) return
    // every process times out its own copy of a silent state: nothing to say
    if (origin === 'timeout') {
      for (const id of removed) this.room.remoteClients.delete(id)
      return
    }
    const ids = [...added, ...updated, ...removed].filter((id) => !this.room.remoteClients.has(id))
    if (ids.length > 0) this.send(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, ids))
  }

  /** An awareness update from another process. */
  receive(update: Uint8Array): void {
    for (const [id, present] of entries(update)) {
      if (present) this.room.remoteClients.add(id)
      else this.room.remoteClients.delete(id)
    }
    awarenessProtocol.applyAwarenessUpdate(this.room.awareness, update, REMOTE)
  }

  /** The states of this process's clients (for a process that just opened the room), or null. */
  local(): Uint8Array | null {
    const ids = this.localIds()
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, ids) : null
  }

  /** This process is stopping: its clients' states are removed everywhere at once. */
  farewell(): Uint8Array | null {
    const ids = this.localIds()
    // encoded without their states: a null at the same clock removes a state
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, ids, new Map()) : null
  }

  destroy(): void {
    this.room.awareness.off('update', this.onUpdate)
  }

  private localIds(): number[] {
    return [...this.room.awareness.getStates().keys()].filter((id) => !this.room.remoteClients.has(id) && id !== this.room.awareness.clientID)
  }
}

/** The client ids of an awareness update and whether each carries a state (null: removed). */
function entries(update: Uint8Array): [number, boolean][] {
  const decoder = decoding.createDecoder(update)
  const n = decoding.readVarUint(decoder)
  const out: [number, boolean][] = []
  for (let i = 0; i < n; i++) {
    const id = decoding.readVarUint(decoder)
    decoding.readVarUint(decoder) // clock
    out.push([id, decoding.readVarString(decoder) !== 'null'])
  }
  return out
}
