// Which face of a font collection (.ttc) carries a PostScript name: hb-subset takes a face index,
// while the font lists (src/core/layout/typefaces.ts) name faces as PDFKit does, by that name.

const tag = (b: DataView, at: number): string => String.fromCharCode(b.getUint8(at), b.getUint8(at + 1), b.getUint8(at + 2), b.getUint8(at + 3))

/** The PostScript name (name ID 6) of the sfnt whose table directory starts at `dir`. */
function postscriptName(b: DataView, dir: number): string | undefined {
  const tables = b.getUint16(dir + 4)
  for (let i = 0; i < tables; i++) {
    const rec = dir + 12 + i * 16
    if (tag(b, rec) !== 'name') continue
    const name = b.getUint32(rec + 8)
    const count = b.getUint16(name + 2)
    const strings = name + b.getUint16(name + 4)
    for (let j = 0; j < count; j++) {
      const r = name + 6 + j * 12
      if (b.getUint16(r + 6) !== 6) continue
      const platform = b.getUint16(r)
      const length = b.getUint16(r + 8)
      const at = strings + b.getUint16(r + 10)
      // Windows names are UTF-16BE; Macintosh Roman is ASCII for a PostScript name
      const wide = platform === 3 || platform === 0
      let s = ''
      for (let k = 0; k < length; k += wide ? 2 : 1) s += String.fromCharCode(wide ? b.getUint16(at + k) : b.getUint8(at + k))
      return s
    }
  }
  return undefined
}

/** The index of the face named `name` in a collection; 0 for a single font or no name. */
export function faceIndex(font: Uint8Array, name?: string): number {
  const b = new DataView(font.buffer, font.byteOffset, font.byteLength)
  if (!name || font.byteLength < 12 || tag(b, 0) !== 'ttcf') return 0
  const faces = b.getUint32(8)
  for (let i = 0; i < faces; i++) {
    if (postscriptName(b, b.getUint32(12 + i * 4)) === name) return i
  }
  throw new RangeError(`font collection has no face ${name}`)
}
