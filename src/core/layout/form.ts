// The 处理单 (processing form) as a page model: the document's particulars, then one row per
// step action — 环节, 办理人 (「代」 for a delegate), 时间, 意见 — ruled as a table.
import { ACTION_NAMES, stepName, type FlowKind } from '../docflow/definitions'
import type { FlowRecord } from '../docflow/flow'
import { formatDateTime } from '../text/formatDate'
import { A4, BODY, SIZE } from './geometry'
import { breakLines, textUnits } from './lineBreak'
import { ptToMm, type Box, type PageModel, type TextBox } from './page'

export interface FormInput {
  kind: FlowKind
  title: string
  docNumber?: string
  classification: string
  urgency: string
  drafterName: string
  createdAt: string
  records: readonly FlowRecord[]
  name(userId: string): string
}

/** 小四 (12 pt): a form's cells are denser than the 正文 */
const CELL_PT = 12
const ADV = ptToMm(CELL_PT)
const ROW = 7.5
const COLS = [18, 36, 54, BODY.width - 18 - 36 - 54]

export function layoutForm(f: FormInput): PageModel {
  const heading = f.kind === 'outgoing' ? '发文处理单' : '收文处理单'
  const facts: [string, string][] = [
    ['标题', f.title],
    [f.kind === 'outgoing' ? '发文字号' : '收文编号', f.docNumber ?? '（未编号）'],
    ['密级', f.classification],
    ['紧急程度', f.urgency],
    [f.kind === 'outgoing' ? '拟稿人' : '登记人', `${f.drafterName}\u3000${formatDateTime(new Date(f.createdAt))}`],
  ]
  const rows: string[][] = [['环节', '办理人', '时间', '意见']]
  for (const r of f.records) {
    if (r.action === 'open') continue
    const who = r.onBehalfOf ? `${f.name(r.actor)}（代${f.name(r.onBehalfOf)}）` : f.name(r.actor)
    const opinion = [ACTION_NAMES[r.action] ?? r.action, r.opinion?.trim()].filter(Boolean).join('：')
    rows.push([stepName(f.kind, r.step), who, formatDateTime(new Date(r.at)), opinion])
  }

  return layoutTable({ heading, title: `${heading}：${f.title}`, facts, columns: COLS, rows, face: (c) => (c === 3 ? 'kaiti' : 'fangsong') })
}

export interface TableSpec {
  /** centred at the top, 2号 小标宋 */
  heading: string
  /** the PDF's title */
  title: string
  /** label / value rows above the table */
  facts: [string, string][]
  /** column widths, mm, summing to the 版心 width */
  columns: number[]
  /** the header row first */
  rows: string[][]
  /** the face of a body cell by column */
  face(column: number): TextBox['face']
}

/** A heading, particulars and a ruled table across as many pages as it needs (处理单, 检测报告). */
export function layoutTable(t: TableSpec): PageModel {
  const pages: Box[][] = [[]]
  const hAdv = ptToMm(SIZE.hao2)
  pages[0]!.push(text(t.heading, BODY.x + (BODY.width - textUnits(t.heading) * hAdv) / 2, BODY.y + hAdv, 'xiaobiaosong', SIZE.hao2, hAdv))
  let y = BODY.y + 18
  const page = (): Box[] => pages[pages.length - 1]!
  const newPageIfNeeded = (height: number): void => {
    if (y + height <= BODY.y + BODY.height) return
    pages.push([])
    y = BODY.y
  }
  // the particulars: label column, value spanning the rest
  const labelWidth = t.columns[0]!
  for (const [label, value] of t.facts) {
    const lines = breakLines(value, Math.floor((BODY.width - labelWidth - 2 * ADV) / ADV))
    const h = ROW * lines.length
    newPageIfNeeded(h)
    cell(page(), [label], BODY.x, y, labelWidth, h, 'heiti')
    cell(page(), lines, BODY.x + labelWidth, y, BODY.width - labelWidth, h, 'fangsong')
    y += h
  }
  y += 4
  t.rows.forEach((row, i) => {
    const cells = row.map((s, c) => breakLines(s, Math.max(1, Math.floor((t.columns[c]! - ADV) / ADV))))
    const h = ROW * Math.max(...cells.map((c) => c.length))
    newPageIfNeeded(h)
    let x = BODY.x
    cells.forEach((lines, c) => {
      cell(page(), lines, x, y, t.columns[c]!, h, i === 0 ? 'heiti' : t.face(c))
      x += t.columns[c]!
    })
    y += h
  })
  return {
    width: A4.width,
    height: A4.height,
    title: t.title,
    pages: pages.map((boxes, i) => ({ number: i + 1, boxes: [...boxes, text(`— ${i + 1} —`, BODY.x + BODY.width / 2 - 8, BODY.y + BODY.height + 12, 'songti', SIZE.hao4, ADV)] })),
  }
}

function cell(out: Box[], lines: string[], x: number, y: number, w: number, h: number, face: TextBox['face']): void {
  for (const [yy, ww] of [[y, w], [y + h, w]] as const) out.push({ kind: 'rule', x, y: yy, width: ww, thickness: 0.25, color: 'black' })
  out.push({ kind: 'rule', x, y, width: 0.25, thickness: h, color: 'black' }, { kind: 'rule', x: x + w - 0.25, y, width: 0.25, thickness: h, color: 'black' })
  lines.forEach((l, i) => out.push(text(l, x + ADV / 2, y + i * ROW + ROW / 2 + ADV * 0.35, face, CELL_PT, ADV)))
}

function text(s: string, x: number, baseline: number, face: TextBox['face'], size: number, advance: number): TextBox {
  return { kind: 'text', x, baseline, text: s, face, size, advance, color: 'black' }
}
