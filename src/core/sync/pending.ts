// What a client holds that the server has not yet confirmed durable, from two state vectors.
import * as decoding from 'lib0/decoding'

export function decodeStateVectorMap(sv: Uint8Array): Map<number, number> {
  const decoder = decoding.createDecoder(sv)
  const map = new Map<number, number>()
  const n = decoding.readVarUint(decoder)
  for (let i = 0; i < n; i++) {
    const client = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    map.set(client, clock)
  }
  return map
}

/** Number of structs the local state holds beyond the server's confirmed state (0 = in sync). */
export function unconfirmedCount(local: Uint8Array, server: Uint8Array | undefined): number {
  const l = decodeStateVectorMap(local)
  const s = server ? decodeStateVectorMap(server) : new Map<number, number>()
  let n = 0
  for (const [client, clock] of l) n += Math.max(0, clock - (s.get(client) ?? 0))
  return n
}
