// Canonical zip containers: fixed file times and compression, entries in the order given, so the
// same files always pack to the same bytes and a verifier can rebuild a container from its parts.
import { unzipSync, zipSync } from 'fflate'
import { bytesEqual } from '../crypto/bytes'

const MTIME = new Date('2000-01-01T00:00:00Z')

export function zipCanonical(entries: [string, Uint8Array][]): Uint8Array {
  return zipSync(Object.fromEntries(entries.map(([name, bytes]) => [name, [bytes, { mtime: MTIME }]])), { level: 6 })
}

/** Bounds on what a zip from outside may inflate to (a zip bomb is refused before inflating). */
export const MAX_ZIP_ENTRIES = 256
export const MAX_ZIP_BYTES = 256 * 1024 * 1024
/** inflated bytes per stored byte, above a floor of 64 KiB: real OFDs and packages stay far below */
export const MAX_ZIP_EXPANSION = 100

/**
 * The entry count and inflated size a zip declares, read from its directory without inflating
 * (fflate inflates an entry into a buffer of its declared size, so these bound the memory).
 * Throws when it is not a zip.
 */
export function zipSizes(zip: Uint8Array): { entries: number; bytes: number } {
  let entries = 0
  let bytes = 0
  // a filter that keeps nothing walks the directory without inflating
  unzipSync(zip, {
    filter: (entry) => {
      entries++
      bytes += entry.originalSize
      return false
    },
  })
  return { entries, bytes }
}

export const tooManyBytes = (zip: Uint8Array, bytes: number): boolean => bytes > MAX_ZIP_BYTES || bytes > Math.max(zip.length, 64 * 1024) * MAX_ZIP_EXPANSION

/** The files of a zip in their stored order, or null when it is not a readable zip or would inflate past the bounds. */
export function unzipEntries(zip: Uint8Array): [string, Uint8Array][] | null {
  try {
    const { entries, bytes } = zipSizes(zip)
    if (entries > MAX_ZIP_ENTRIES || tooManyBytes(zip, bytes)) return null
    return Object.entries(unzipSync(zip))
  } catch {
    return null
  }
}

/** Whether `zip` is exactly the canonical packing of its own entries. */
export function isCanonicalZip(zip: Uint8Array, entries: [string, Uint8Array][]): boolean {
  return bytesEqual(zipCanonical(entries), zip)
}
