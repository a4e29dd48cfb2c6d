// An OFD embeds, for each face it draws, a subset of the font the PDF is written with (issue 15):
// a real sfnt whose cmap maps every character drawn in that face, far smaller than the font file,
// the same bytes every time; faces not drawn are named only.
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { bytesEqual } from '../../src/core/crypto/bytes'
import { layoutDocument, type FontFace } from '../../src/core/layout'
import { FACES, OFD_FONT_NAMES, documentOfd, drawnText, readOfd } from '../../src/core/ofd'
import { faceIndex } from '../../src/pdf/collection'
import { findFonts } from '../../src/pdf/fonts'
import { nodeFontEmbedder } from '../../src/pdf/nodeEmbedFonts'
import { haizhouNotice } from '../support/fixtureDocs'

type Hb = typeof import('harfbuzzjs')

const rendition = { ...haizhouNotice(), docNumber: '海政发〔2022〕114号', issueDate: '2022-08-26', printDate: '2022-08-26' }
const write = async (): Promise<Uint8Array> => documentOfd({ rendition, room: 'doc:haizhou-114', createdAt: '2022-08-20T01:00:00Z', embed: await nodeFontEmbedder() })

let hb: Hb
let ofd: Uint8Array

beforeAll(async () => {
  // harfbuzzjs's own build (not the subsetter under test) reads the subsets back
  hb = await import('harfbuzzjs')
  ofd = await write()
}, 60_000)

describe('fonts embedded in an OFD', () => {
  it('embeds a subset for each face drawn, mapping every character drawn in it, and names the others only', () => {
    const drawn = drawnText(layoutDocument(rendition))
    const used = Object.keys(drawn) as FontFace[]
    expect(used).toEqual(expect.arrayContaining(['xiaobiaosong', 'fangsong', 'heiti']))
    const doc = readOfd(ofd)
    const fonts = findFonts()
    for (const face of FACES) {
      const res = doc.fonts.find((f) => f.name === OFD_FONT_NAMES[face])!
      if (!used.includes(face)) {
        expect(res.file, face).toBeUndefined()
        continue
      }
      expect(res.file, face).toBe(`Doc_0/Res/font_${res.id}.otf`)
      const data = res.data!
      expect(data, face).toBeDefined()
      const magic = new DataView(data.buffer, data.byteOffset).getUint32(0)
      expect([0x4f54544f /* OTTO */, 0x00010000], face).toContain(magic)
      const full = readFileSync(fonts[face].path)
      expect(data.length * 10, face).toBeLessThan(full.length)
      const unicodes = new Set(new hb.Face(new hb.Blob(data)).collectUnicodes())
      const missing = [...drawn[face]!].filter((c) => !unicodes.has(c.codePointAt(0)!))
      expect(missing, face).toEqual([])
      // a subset, not the font: it maps little beyond what is drawn
      const source = new Set(new hb.Face(new hb.Blob(full), faceIndex(full, fonts[face].postscriptName)).collectUnicodes())
      expect(unicodes.size, face).toBeLessThanOrEqual([...drawn[face]!].length + 16)
      expect(unicodes.size, face).toBeLessThan(source.size / 10)
    }
  })

  it('gives the same bytes every time', async () => {
    expect(bytesEqual(await write(), ofd)).toBe(true)
  }, 60_000)
})

describe('faceIndex', () => {
  it('finds a face of a collection by its PostScript name, 0 for a single font', () => {
    const fonts = findFonts()
    for (const face of FACES) {
      const full = readFileSync(fonts[face].path)
      const i = faceIndex(full, fonts[face].postscriptName)
      expect(i).toBeGreaterThanOrEqual(0)
      if (!fonts[face].postscriptName) expect(i).toBe(0)
    }
    expect(() => faceIndex(new Uint8Array([0x74, 0x74, 0x63, 0x66, 0, 1, 0, 0, 0, 0, 0, 0]), 'Nobody')).toThrow(RangeError)
  })
})
