// Font subsets with HarfBuzz's hb-subset (the wasm harfbuzzjs ships): a real OpenType file holding
// only the glyphs of the given characters, its cmap, metrics and layout tables cut to them. No Node
// or DOM API: the caller hands over the wasm bytes (read from disk, or fetched in the page).
// The same font and characters give the same bytes, which an OFD's determinism relies on.

interface HbExports {
  memory: WebAssembly.Memory
  malloc(size: number): number
  free(ptr: number): void
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number
  hb_blob_destroy(blob: number): void
  hb_blob_get_length(blob: number): number
  hb_blob_get_data(blob: number, length: number): number
  hb_face_create(blob: number, index: number): number
  hb_face_destroy(face: number): void
  hb_face_reference_blob(face: number): number
  hb_set_add(set: number, codepoint: number): void
  hb_subset_input_create_or_fail(): number
  hb_subset_input_destroy(input: number): void
  hb_subset_input_unicode_set(input: number): number
  hb_subset_or_fail(face: number, input: number): number
}

const HB_MEMORY_MODE_READONLY = 1

export type Subsetter = (font: Uint8Array, codepoints: Iterable<number>, faceIndex?: number) => Uint8Array

export class SubsetError extends Error {}

export async function createSubsetter(wasm: BufferSource): Promise<Subsetter> {
  const { instance } = await WebAssembly.instantiate(wasm, {})
  const hb = instance.exports as unknown as HbExports
  return (font, codepoints, faceIndex = 0) => {
    const data = hb.malloc(font.byteLength)
    if (!data) throw new SubsetError('hb-subset: out of memory')
    new Uint8Array(hb.memory.buffer).set(font, data)
    const blob = hb.hb_blob_create(data, font.byteLength, HB_MEMORY_MODE_READONLY, 0, 0)
    const face = hb.hb_face_create(blob, faceIndex)
    hb.hb_blob_destroy(blob)
    const input = hb.hb_subset_input_create_or_fail()
    try {
      if (!input) throw new SubsetError('hb-subset: no input')
      const set = hb.hb_subset_input_unicode_set(input)
      for (const c of codepoints) hb.hb_set_add(set, c)
      const subset = hb.hb_subset_or_fail(face, input)
      if (!subset) throw new SubsetError('hb-subset: the font cannot be subset')
      const out = hb.hb_face_reference_blob(subset)
      const at = hb.hb_blob_get_data(out, 0)
      const length = hb.hb_blob_get_length(out)
      // the memory may have grown while subsetting: read through a fresh view
      const bytes = new Uint8Array(hb.memory.buffer).slice(at, at + length)
      hb.hb_blob_destroy(out)
      hb.hb_face_destroy(subset)
      if (!length) throw new SubsetError('hb-subset: empty subset')
      return bytes
    } finally {
      if (input) hb.hb_subset_input_destroy(input)
      hb.hb_face_destroy(face)
      hb.free(data)
    }
  }
}
