// Canonical zip containers: fixed file times and compression, entries in the order given, so the
// same files always pack to the same bytes and a verifier can rebuild a container from its parts.
import { unzipSync, zipSync } from 'fflate'
import { bytesEqual } from '../crypto/bytes'

const MTIME = new Date('2000-01-01T00:00:00Z')

export function zipCanonical(entries: [string, Uint8Array][]): Uint8Array {
  return zipSync(Object.fromEntries(entries.map(([name, bytes]) => [name, [bytes, { mtime: MTIME }]])), { level: 6 })
}

/** The files of a zip in their stored order, or null when it is not a readable zip. */
export function unzipEntries(zip: Uint8Array): [string, Uint8Array][] | null {
  try {
    return Object.entries(unzipSync(zip))
  } catch {
    return null
  }
}

/** Whether `zip` is exactly the canonical packing of its own entries. */
export function isCanonicalZip(zip: Uint8Array, entries: [string, Uint8Array][]): boolean {
  return bytesEqual(zipCanonical(entries), zip)
}
