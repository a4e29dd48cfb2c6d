// The text formats of a BagIt bag (RFC 8493): checksum algorithms, manifest lines with their
// percent-encoded paths, tag-file lines, and the path rules that keep a bag inside its folder.
import { sha256, sha512 } from '@noble/hashes/sha2.js'
import { sm3 } from '../crypto'

export type BagAlgorithm = 'sha256' | 'sha512' | 'sm3'

interface Digest {
  /** How a person names the algorithm in a message. */
  label: string
  hash: (bytes: Uint8Array) => Uint8Array
  hexLength: number
}

export const DIGESTS: Readonly<Record<BagAlgorithm, Digest>> = {
  sha256: { label: 'SHA-256', hash: sha256, hexLength: 64 },
  sha512: { label: 'SHA-512', hash: sha512, hexLength: 128 },
  sm3: { label: 'SM3', hash: sm3, hexLength: 64 },
}

export const isBagAlgorithm = (name: string): name is BagAlgorithm => Object.hasOwn(DIGESTS, name)

/** RFC 8493 §2.1.3: CR, LF and % (and only those) are percent-encoded in manifest paths. */
export function encodeManifestPath(path: string): string {
  return path.replace(/[%\r\n]/g, (c) => (c === '%' ? '%25' : c === '\r' ? '%0D' : '%0A'))
}

export function decodeManifestPath(encoded: string): string {
  return encoded.replace(/%(25|0D|0A)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

/**
 * A bag-relative path that cannot leave the bag wherever it is unpacked: relative, '/'-separated,
 * no empty, '.' or '..' segment, no backslash (a separator on Windows), no drive letter, no NUL.
 */
export function isSafeBagPath(path: string): boolean {
  if (path === '' || path.includes('\\') || path.includes('\0') || /^[A-Za-z]:/.test(path)) return false
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

/** Tag files may end lines with LF, CR or CRLF; a final terminator makes no extra line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.at(-1) === '') lines.pop()
  return lines
}

export interface ManifestEntry {
  line: number
  checksum: string
  path: string
}

/** `<checksum> <path>` lines; a line that is not one is returned as malformed, by its 1-based number. */
export type ManifestLine = ManifestEntry | { line: number; malformed: true }

export function parseManifest(text: string): ManifestLine[] {
  return splitLines(text).flatMap((raw, i): ManifestLine[] => {
    if (raw.trim() === '') return []
    const match = /^([0-9A-Fa-f]+)[ \t]+([^ \t].*)$/.exec(raw)
    if (!match) return [{ line: i + 1, malformed: true }]
    return [{ line: i + 1, checksum: match[1]!.toLowerCase(), path: decodeManifestPath(match[2]!) }]
  })
}

export interface TagLine {
  line: number
  label: string
  value: string
}

/** `Label: value` lines, with RFC 5322 folding (a line starting with whitespace continues the value). */
export function parseTagLines(text: string): { tags: TagLine[]; badLines: number[] } {
  const tags: TagLine[] = []
  const badLines: number[] = []
  splitLines(text).forEach((raw, i) => {
    const last = tags.at(-1)
    if (raw.trim() === '') return
    if (/^[ \t]/.test(raw) && last) {
      last.value = `${last.value}${raw}`.trim()
      return
    }
    const colon = raw.indexOf(':')
    const label = colon > 0 ? raw.slice(0, colon).trim() : ''
    if (label === '') badLines.push(i + 1)
    else tags.push({ line: i + 1, label, value: raw.slice(colon + 1).trim() })
  })
  return { tags, badLines }
}
