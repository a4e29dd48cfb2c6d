// Awareness identities are the server's to give (ARCHITECTURE.md §3.8): whatever a client claims,
// each state it sends leaves with `user` set to the authenticated user. A connection may speak
// only for the awareness client ids it introduced.
//   update := varUint(n) · n × (varUint(clientID) · varUint(clock) · varString(JSON state))
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export interface StampedUser {
  id: string
  name: string
  unit: string
  color: string
}

/**
 * Rewrites an awareness update. `owns(clientID)` says whether this connection may speak for the
 * id (claiming it when free). Returns the rewritten update and the ids it carried.
 */
export function stampAwareness(update: Uint8Array, user: StampedUser, owns: (clientID: number) => boolean): { update: Uint8Array; clients: number[] } {
  const decoder = decoding.createDecoder(update)
  const encoder = encoding.createEncoder()
  const n = decoding.readVarUint(decoder)
  if (n > 1000) throw new RangeError('too many awareness states')
  const entries: [number, number, string][] = []
  for (let i = 0; i < n; i++) {
    const clientID = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    if (!owns(clientID)) continue
    const state: unknown = JSON.parse(json)
    const stamped = state !== null && typeof state === 'object' && !Array.isArray(state) ? { ...state, user } : null
    entries.push([clientID, clock, JSON.stringify(stamped)])
  }
  encoding.writeVarUint(encoder, entries.length)
  for (const [clientID, clock, json] of entries) {
    encoding.writeVarUint(encoder, clientID)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, json)
  }
  return { update: encoding.toUint8Array(encoder), clients: entries.map(([c]) => c) }
}
