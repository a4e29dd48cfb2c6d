// Canonical JSON (ARCHITECTURE.md §3.3): object keys sorted by UTF-16 code units, strings in
// Unicode NFC, no insignificant whitespace, no undefined members. Two parties that hold the same
// value produce the same bytes, so hashes and signatures over it agree.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined }

export function canonicalJson(value: Json): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN or Infinity')
      return JSON.stringify(value)
    case 'string':
      return JSON.stringify(value.normalize('NFC'))
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
      const keys = Object.keys(value)
        .filter((k) => value[k] !== undefined)
        .map((k) => [k.normalize('NFC'), k] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      for (let i = 1; i < keys.length; i++) {
        if (keys[i]![0] === keys[i - 1]![0]) throw new TypeError(`duplicate key after NFC: ${keys[i]![0]}`)
      }
      return `{${keys.map(([nk, k]) => `${JSON.stringify(nk)}:${canonicalJson(value[k] as Json)}`).join(',')}}`
    }
    default:
      throw new TypeError(`canonical JSON cannot encode ${typeof value}`)
  }
}
