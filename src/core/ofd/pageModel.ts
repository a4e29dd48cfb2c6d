// Draws an OFD back as a page model (src/core/layout), so the PDF writer or the page view can show
// what an OFD says — to check an OFD against the PDF it was made beside, page for page. Every
// character lands where its TextCode and DeltaX put it; paths become rules; each StampAnnot
// shows the picture of the seal its signature carries, a clipped one (a 骑缝章's strip) cut to its Clip.
import { MM_PER_PT, cutSealSvg, sealPictureOf, type Box, type FontFace, type PageModel } from '../layout'
import { parseSignature } from '../seal/ses'
import { faceOfFontName } from './fonts'
import type { OfdDocument } from './reader'

const RED = '230 0 18'

export function ofdPageModel(doc: OfdDocument): PageModel {
  const faces = new Map(doc.fonts.map((f) => [f.id, faceOfFontName(f.family) ?? faceOfFontName(f.name) ?? ('songti' as FontFace)]))
  const stamps = doc.signatures.flatMap((s) => {
    try {
      const picture = sealPictureOf(parseSignature(s.signedValue ?? new Uint8Array()).seal.info.picture)
      return s.parsed.stamps.map((st) => ({ ...st, picture }))
    } catch {
      return []
    }
  })
  return {
    width: doc.width,
    height: doc.height,
    title: doc.title,
    pages: doc.pages.map((page) => {
      const boxes: Box[] = []
      for (const o of page.objects) {
        const color = o.color === RED ? 'red' : 'black'
        if (o.kind === 'path') {
          boxes.push({ kind: 'rule', x: o.boundary[0], y: o.boundary[1], width: o.boundary[2], thickness: o.boundary[3], color })
          continue
        }
        for (const code of o.codes) {
          let x = o.x + code.x
          const chars = [...code.text]
          chars.forEach((ch, i) => {
            boxes.push({ kind: 'text', x, baseline: o.y + code.y, text: ch, face: faces.get(o.fontId) ?? 'songti', size: o.size / MM_PER_PT, advance: 0, color })
            x += code.deltas[i] ?? 0
          })
        }
      }
      for (const [i, st] of stamps.entries()) {
        if (st.pageRef !== page.id) continue
        const [x, y, w, h] = st.boundary
        if (!st.clip) {
          boxes.push({ kind: 'image', cx: x + w / 2, cy: y + h / 2, width: w, height: h, ...(st.picture.svg ? { svg: st.picture.svg } : {}), ...(st.picture.png ? { png: st.picture.png } : {}) })
          continue
        }
        // only a vector seal is cut into strips (as layoutDocument does)
        if (!st.picture.svg) continue
        const [cx, cy, cw, ch] = st.clip
        const svg = cutSealSvg(st.picture.svg, { widthMm: w, heightMm: h }, st.clip, `clip${i}`)
        boxes.push({ kind: 'image', cx: x + cx + cw / 2, cy: y + cy + ch / 2, width: cw, height: ch, svg })
      }
      return { boxes }
    }),
  }
}
