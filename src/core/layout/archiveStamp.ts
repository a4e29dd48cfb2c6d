// 归档章 (DA/T 22-2015 §8): a 2 × 3 table at the top right of a filed record's first page —
// 全宗号 | 年度 | 件号 over 机构(问题) | 保管期限 | 页数 — drawn in red into the blank above the 版心,
// so it never covers the 版头 or text.
import { A4, BODY } from './geometry'
import { ptToMm, type Box, type PageModel } from './page'
import { textUnits } from './lineBreak'

export interface ArchiveStamp {
  fonds: string
  year: number
  item: number
  org: string
  /** 永久 / 定期30年 / 定期10年 */
  retention: string
  pages: number
}

const CELL_W = 15
const CELL_H = 8
const LINE = 0.3
/** 小五 (9 pt) in the stamp */
const SIZE = 9

export function archiveStampBoxes(s: ArchiveStamp): Box[] {
  const right = BODY.x + BODY.width
  const x0 = right - 3 * CELL_W
  const y0 = Math.max(8, BODY.y - 2 * CELL_H - 6)
  const boxes: Box[] = []
  for (let r = 0; r <= 2; r++) boxes.push({ kind: 'rule', x: x0, y: y0 + r * CELL_H, width: 3 * CELL_W, thickness: LINE, color: 'red' })
  for (let c = 0; c <= 3; c++) boxes.push({ kind: 'rule', x: x0 + c * CELL_W, y: y0, width: LINE, thickness: 2 * CELL_H + LINE, color: 'red' })
  const cells = [[s.fonds, String(s.year), String(s.item).padStart(4, '0')], [s.org, s.retention, String(s.pages)]]
  const em = ptToMm(SIZE)
  cells.forEach((row, r) => row.forEach((value, c) => {
    // shrink a long value (定期30年) to fit its cell
    const advance = Math.min(em, (CELL_W - 1.5) / Math.max(textUnits(value), 1))
    const width = textUnits(value) * advance
    boxes.push({ kind: 'text', x: x0 + c * CELL_W + (CELL_W - width) / 2, baseline: y0 + r * CELL_H + CELL_H / 2 + advance * 0.35, text: value, face: 'songti', size: advance / ptToMm(1), advance, color: 'red' })
  }))
  return boxes
}

/** The model with the 归档章 added to its first page. */
export function withArchiveStamp<T extends PageModel>(model: T, stamp: ArchiveStamp): T {
  if (model.width !== A4.width || model.pages.length === 0) return model
  return { ...model, pages: [{ ...model.pages[0]!, boxes: [...model.pages[0]!.boxes, ...archiveStampBoxes(stamp)] }, ...model.pages.slice(1)] }
}
