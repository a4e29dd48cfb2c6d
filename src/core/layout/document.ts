// A 公文 laid out per GB/T 9704-2012 (STANDARDS.md §2) as a page model. The body sits on the
// 22 × 28 grid; the 版头 above the title is placed by millimetre; the 版记 closes the last page.
import { pmBlocks, type Rendition } from '../docflow/content'
import { UPWARD_TYPES } from '../docflow/docTypes'
import { formatDocDate } from '../text/formatDate'
import { fromUtf8 } from '../crypto/bytes'
import { A4, BASELINE_IN_LINE, BODY, CHAR, GRID, LINE, SIZE } from './geometry'
import { breakLines, textUnits } from './lineBreak'
import { ptToMm, type Box, type FontFace, type PageModel, type TextBox } from './page'

interface Run { text: string; face: FontFace }

/** One grid line of the flow: its runs, where it starts (in 字 from the left), and pagination hints. */
interface FlowLine {
  runs: Run[]
  /** left indent in 字, or alignment */
  at: number | 'centre' | { right: number }
  /** keep on the same page as the line before (署名 with the last lines of 正文) */
  keep?: boolean
  /** marks a 署名 line, where a seal will sit */
  signature?: boolean
  /** runs at their own positions (joint 署名 side by side), instead of `runs` from `at` */
  cells?: { text: string; centre: number }[]
}

/** Where the seal goes: centred over 署名 and 成文日期 (GB/T 9704 §7.3.5.1). */
export interface SealAnchor { page: number; cx: number; cy: number }

export interface DocumentLayout extends PageModel {
  /** the seal over the (last) 署名 and the 成文日期 */
  seal?: SealAnchor
  /** one anchor per 署名, in order (联合行文 has several) */
  sealAnchors: SealAnchor[]
}

const blank = (): FlowLine => ({ runs: [], at: 0 })

/** A seal to draw over the 署名 (its picture from the SES_Seal). */
export interface SealPicture { svg?: string; png?: Uint8Array; widthMm: number; heightMm: number }

/** The picture of an SES_Seal, for drawing. */
export function sealPictureOf(p: { type: string; data: Uint8Array; widthMm: number; heightMm: number }): SealPicture {
  return p.type === 'png' ? { png: p.data, widthMm: p.widthMm, heightMm: p.heightMm } : { svg: fromUtf8(p.data), widthMm: p.widthMm, heightMm: p.heightMm }
}

export function layoutDocument(r: Rendition, opts: { seals?: SealPicture[]; perforation?: SealPicture } = {}): DocumentLayout {
  const m = r.content.meta
  const header: Box[] = []
  let y: number

  // 份号, 密级★期限, 紧急程度: 顶格 on the first lines of the 版心, 3号黑体
  const corner = [
    r.copyNumber,
    m.classification !== '非密' ? `${m.classification}${m.secrecyTerm ? `★${m.secrecyTerm}` : ''}` : '',
    m.urgency !== '平件' ? m.urgency : '',
  ].filter((s): s is string => !!s)
  corner.forEach((s, i) => header.push(text(s, BODY.x, BODY.y + i * LINE + BASELINE_IN_LINE, 'heiti', SIZE.hao3)))
  y = BODY.y + corner.length * LINE

  if (m.issuerMark) {
    // 发文机关标志: top 35 mm below the 版心 top, centred, red 小标宋, as large as fits
    const units = Math.max(textUnits(m.issuerMark), 1)
    const em = Math.min(15, (BODY.width * 0.94) / units)
    const top = Math.max(BODY.y + 35, y)
    header.push(centred(m.issuerMark, top + em * 0.88, 'xiaobiaosong', em / ptToMm(1), em, 'red'))
    // 发文字号 two blank lines below, then the red separator 4 mm below it
    const baseline = top + em + 2 * LINE + BASELINE_IN_LINE
    numberLine(r, baseline, header)
    const ruleY = baseline + 1.5 + 4
    header.push({ kind: 'rule', x: BODY.x, y: ruleY, width: BODY.width, thickness: 0.6, color: 'red' })
    y = ruleY
  } else if (r.docNumber || (UPWARD_TYPES.has(m.docType) && r.signers.length)) {
    // no 标志 configured: the 文号 still heads the page
    numberLine(r, y + BASELINE_IN_LINE, header)
    y += LINE
  }

  // from here on, the grid: the first whole line below what the 版头 used
  const firstLine = Math.ceil((y - BODY.y) / LINE - 1e-6)
  const flow: FlowLine[] = []
  if (m.issuerMark) flow.push(blank(), blank())
  const titleAdvance = ptToMm(SIZE.hao2)
  for (const line of breakLines(m.title, Math.floor(BODY.width / titleAdvance))) flow.push({ runs: [{ text: line, face: 'xiaobiaosong' }], at: 'centre' })
  flow.push(blank())
  if (m.mainTo) for (const line of breakLines(m.mainTo.replace(/[:：]?$/, '：'), GRID.chars)) flow.push({ runs: [{ text: line, face: 'fangsong' }], at: 0 })

  for (const block of pmBlocks(r.content.body)) {
    const t = block.text.trim()
    if (!t) continue
    flow.push(...paragraph(t, block.type === 'heading' ? block.level : undefined, m.docType === '纪要'))
  }

  const notes = m.attachmentNote.filter((s) => s.trim())
  if (notes.length) {
    flow.push(blank())
    notes.forEach((note, i) => {
      const label = i === 0 ? '附件：' : ''
      const item = notes.length > 1 ? `${i + 1}.${note}` : note
      const lines = breakLines(item, GRID.chars - 5)
      lines.forEach((l, j) => flow.push({ runs: [{ text: (j === 0 ? label : '') + l, face: 'fangsong' }], at: i === 0 && j === 0 ? 2 : 5 }))
    })
  }

  const issuers = m.issuerName.split(/\s*[\n；;]\s*/).map((n) => n.trim()).filter(Boolean)
  if (issuers.length) {
    // room for the seal: its top within one line of the text above
    const date = r.issueDate ? formatDocDate(new Date(`${r.issueDate}T00:00:00Z`)) : ''
    const dateUnits = textUnits(date || '　　　　年　　月　　日')
    const dateRight = GRID.chars - 4
    const nameCentre = dateRight - dateUnits / 2
    flow.push({ ...blank(), keep: true }, { ...blank(), keep: true })
    if (issuers.length === 1) {
      const nameUnits = textUnits(issuers[0]!)
      flow.push({ runs: [{ text: issuers[0]!, face: 'fangsong' }], at: Math.max(0, nameCentre - nameUnits / 2), keep: true, signature: true })
    } else {
      // 联合行文: the 署名 in rows of up to three, in order; the last one over the date; seals of
      // neighbours a few millimetres apart, never beyond the 版心
      const gap = Math.min(9, (nameCentre - 3.8) / 2)
      const columns = [nameCentre - 2 * gap, nameCentre - gap, nameCentre]
      const rows: string[][] = []
      for (let i = issuers.length; i > 0; i -= 3) rows.unshift(issuers.slice(Math.max(0, i - 3), i))
      rows.forEach((row, ri) => {
        // rows of seals one above the other need more than a seal's height between their 署名
        if (ri > 0) for (let k = 0; k < 4; k++) flow.push({ ...blank(), keep: true })
        const cols = columns.slice(3 - row.length)
        flow.push({ runs: [], at: 0, keep: true, signature: true, cells: row.map((text, i) => ({ text, centre: cols[i]! })) })
      })
    }
    flow.push({ runs: [{ text: date, face: 'fangsong' }], at: { right: 4 }, keep: true })
  }
  if (m.note.trim()) for (const l of breakLines(`（${m.note.trim().replace(/^[（(]|[)）]$/g, '')}）`, GRID.chars, GRID.chars - 2)) flow.push({ runs: [{ text: l, face: 'fangsong' }], at: flow.length && l.startsWith('（') ? 2 : 0 })

  const layout = paginate(r, header, firstLine, flow)
  // each seal over its own 署名 (the last over 署名 and 成文日期); more seals than 署名 line up to the left
  if (layout.seal && opts.seals?.length) {
    let spare = layout.seal.cx
    opts.seals.forEach((s, i) => {
      const anchor = layout.sealAnchors[i] ?? { ...layout.seal!, cx: (spare -= s.widthMm + 4) }
      layout.pages[anchor.page]!.boxes.push({ kind: 'image', cx: anchor.cx, cy: anchor.cy, width: s.widthMm, height: s.heightMm, ...(s.svg ? { svg: s.svg } : {}), ...(s.png ? { png: s.png } : {}) })
    })
  }
  // (a PNG picture is not cut: only vector seals make a 骑缝章)
  if (opts.perforation?.svg && layout.pages.length > 1) perforate(layout, opts.perforation.svg, opts.perforation)
  return layout
}

/**
 * 骑缝章: the seal cut into one vertical strip per page, each strip at the right edge of its page,
 * so the pages laid edge to edge show the whole seal.
 */
function perforate(layout: DocumentLayout, svgSource: string, seal: SealPicture): void {
  const n = layout.pages.length
  const strip = seal.widthMm / n
  layout.pages.forEach((page, i) => {
    const svg = cutSealSvg(svgSource, seal, [i * strip, 0, strip, seal.heightMm], `strip${i}`)
    page.boxes.push({ kind: 'image', cx: layout.width - strip / 2, cy: layout.height / 2, width: strip, height: seal.heightMm, svg })
  })
}

/**
 * The part of a vector seal inside `clip` ([x, y, width, height] in mm from the seal's top left),
 * as an SVG of that size: one strip of a 骑缝章, in the PDF as in the OFD read back.
 */
export function cutSealSvg(svgSource: string, seal: { widthMm: number; heightMm: number }, clip: readonly [number, number, number, number], id: string): string {
  const inner = svgSource.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '')
  const viewBox = /viewBox="([^"]+)"/.exec(svgSource)?.[1]?.split(/\s+/).map(Number) ?? [0, 0, seal.widthMm, seal.heightMm]
  const [vx, vy, vw, vh] = viewBox as [number, number, number, number]
  const [cx, cy, cw, ch] = clip
  const sx = vw / seal.widthMm
  const sy = vh / seal.heightMm
  const box = `x="${vx + cx * sx}" y="${vy + cy * sy}" width="${cw * sx}" height="${ch * sy}"`
  // clipped explicitly: not every SVG renderer clips to the viewBox
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${cw}mm" height="${ch}mm" viewBox="${vx + cx * sx} ${vy + cy * sy} ${cw * sx} ${ch * sy}"><defs><clipPath id="${id}"><rect ${box}/></clipPath></defs><g clip-path="url(#${id})">${inner}</g></svg>`
}

/** 发文字号, centred; 上行文 put it left (空一字) and 签发人 right (空一字) on the same line. */
function numberLine(r: Rendition, baseline: number, out: Box[]): void {
  const upward = UPWARD_TYPES.has(r.content.meta.docType) && r.signers.length > 0
  if (!upward) {
    if (r.docNumber) out.push(centred(r.docNumber, baseline, 'fangsong', SIZE.hao3, CHAR))
    return
  }
  if (r.docNumber) out.push(text(r.docNumber, BODY.x + CHAR, baseline, 'fangsong', SIZE.hao3))
  const names = r.signers.join('\u3000')
  const label = '签发人：'
  const namesX = BODY.x + BODY.width - CHAR - textUnits(names) * CHAR
  out.push(text(label, namesX - textUnits(label) * CHAR, baseline, 'fangsong', SIZE.hao3))
  out.push(text(names, namesX, baseline, 'kaiti', SIZE.hao3))
}

/** A 正文 paragraph: 左空二字; 「一、」 headings 黑体, 「（一）」 楷体, each up to its first 。 */
/** 纪要 (GB/T 9704 §10.3): the 出席 / 请假 / 列席 labels in 3号黑体, the names in 仿宋. */
const MINUTES_LABEL = /^(出席|列席|请假|缺席)[:：]/

function paragraph(t: string, level: number | undefined, minutes = false): FlowLine[] {
  let face: FontFace = 'fangsong'
  const label = minutes ? MINUTES_LABEL.exec(t) : null
  if (label) face = 'heiti'
  else if (level === 1 || /^[一二三四五六七八九十百]+、/.test(t)) face = 'heiti'
  else if (level === 2 || /^[（(][一二三四五六七八九十百]+[）)]/.test(t)) face = 'kaiti'
  const stop = face === 'fangsong' ? 0 : t.indexOf('。') + 1
  const headLen = label ? label[0].length : face === 'fangsong' ? 0 : stop > 0 && stop < t.length ? stop : t.length
  const lines = breakLines(t, GRID.chars, GRID.chars - 2)
  let offset = 0
  return lines.map((line, i) => {
    const runs: Run[] = []
    const a = offset
    const b = offset + line.length
    if (a < headLen) runs.push({ text: t.slice(a, Math.min(b, headLen)), face })
    if (b > headLen) runs.push({ text: t.slice(Math.max(a, headLen), b), face: 'fangsong' })
    offset = b
    return { runs, at: i === 0 ? 2 : 0 }
  })
}

function paginate(r: Rendition, header: Box[], firstLine: number, flow: FlowLine[]): DocumentLayout {
  const pages: Box[][] = [header]
  const starts: number[] = [firstLine]
  let page = 0
  let line = firstLine
  const anchors: SealAnchor[] = []
  // place lines; a `keep` run moves to the next page together with the line before it
  for (let i = 0; i < flow.length; i++) {
    if (line >= GRID.lines) {
      let back = i
      while (back > 0 && flow[back]!.keep) back--
      const moved = i - back
      if (moved > 0 && moved < GRID.lines - 1) {
        // take the kept lines (and the line they keep with) off this page and restart them
        pages[page]!.splice(pages[page]!.length - countBoxes(flow, back, i), Infinity)
        const moving = anchors.findIndex((a) => a.page === page)
        if (moving >= 0) anchors.splice(moving)
        i = back
      }
      pages.push([])
      starts.push(0)
      page++
      line = 0
      // blank lines at the top of a page are dropped
      while (i < flow.length && flow[i]!.runs.length === 0 && !flow[i]!.keep) i++
      if (i >= flow.length) break
    }
    const f = flow[i]!
    const baseline = BODY.y + line * LINE + BASELINE_IN_LINE
    pages[page]!.push(...lineBoxes(f, baseline))
    if (f.signature) {
      const centres = f.cells ? f.cells.map((c) => c.centre) : [Number(f.at) + textUnits(f.runs[0]!.text) / 2]
      for (const c of centres) anchors.push({ page, cx: BODY.x + c * CHAR, cy: baseline + LINE / 2 - 1.5 })
    }
    line++
  }

  // 版记 at the foot of the last page, or on a page of its own (an even page: insert a blank one)
  const m = r.content.meta
  const colophonRows: Run[][] = []
  const CC_ADV = ptToMm(SIZE.hao4)
  if (m.cc.trim()) {
    const ccUnits = Math.floor((BODY.width - 2 * CHAR) / CC_ADV)
    // continuation lines align with the first name after 「抄送：」
    breakLines(m.cc.trim().replace(/[。.]?$/, '。'), ccUnits - 3).forEach((l, i) => colophonRows.push([{ text: (i === 0 ? '抄送：' : '　　　') + l, face: 'fangsong' }]))
  }
  const hasPrintLine = !!(m.printer.trim() || r.printDate)
  const rows = colophonRows.length + (hasPrintLine ? 1 : 0)
  const unnumbered = new Set<number>()
  if (rows > 0) {
    if (line + rows > GRID.lines) {
      if ((pages.length + 1) % 2 === 1) {
        // a blank page before the 版记 page; neither is numbered (GB/T 9704 §7.5)
        pages.push([])
        unnumbered.add(pages.length - 1)
        pages.push([])
        unnumbered.add(pages.length - 1)
      } else {
        pages.push([])
      }
    }
    const last = pages[pages.length - 1]!
    const bottom = BODY.y + BODY.height
    const top = bottom - rows * LINE
    last.push({ kind: 'rule', x: BODY.x, y: top, width: BODY.width, thickness: 0.35, color: 'black' })
    colophonRows.forEach((row, i) => last.push(...row.map((run) => text(run.text, BODY.x + CHAR, top + i * LINE + BASELINE_IN_LINE, run.face, SIZE.hao4, CC_ADV))))
    if (hasPrintLine) {
      const rowTop = bottom - LINE
      const baseline = rowTop + BASELINE_IN_LINE
      if (colophonRows.length) last.push({ kind: 'rule', x: BODY.x, y: rowTop, width: BODY.width, thickness: 0.25, color: 'black' })
      if (m.printer.trim()) last.push(text(m.printer.trim(), BODY.x + CC_ADV, baseline, 'fangsong', SIZE.hao4, CC_ADV))
      if (r.printDate) {
        const s = `${formatDocDate(new Date(`${r.printDate}T00:00:00Z`))}印发`
        last.push(text(s, BODY.x + BODY.width - CC_ADV - textUnits(s) * CC_ADV, baseline, 'fangsong', SIZE.hao4, CC_ADV))
      }
    }
    last.push({ kind: 'rule', x: BODY.x, y: bottom - 0.35, width: BODY.width, thickness: 0.35, color: 'black' })
  }

  // 页码: "— n —", 4号宋体, 7 mm below the 版心; odd pages 右空一字, even pages 左空一字
  const out = pages.map((boxes, i) => {
    if (unnumbered.has(i)) return { boxes }
    const n = i + 1
    const label = `— ${n} —`
    const adv = ptToMm(SIZE.hao4)
    const baseline = BODY.y + BODY.height + 7 + adv * 0.88
    const width = textUnits(label) * adv
    const x = n % 2 === 1 ? BODY.x + BODY.width - CHAR - width : BODY.x + CHAR
    return { number: n, boxes: [...boxes, text(label, x, baseline, 'songti', SIZE.hao4, adv)] }
  })
  const seal = anchors[anchors.length - 1]
  return { width: A4.width, height: A4.height, pages: out, title: r.content.meta.title, sealAnchors: anchors, ...(seal ? { seal } : {}) }
}

function countBoxes(flow: FlowLine[], from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) n += flow[i]!.cells?.length ?? flow[i]!.runs.filter((r) => r.text).length
  return n
}

function lineBoxes(f: FlowLine, baseline: number): TextBox[] {
  if (f.cells) return f.cells.map((c) => text(c.text, BODY.x + (c.centre - textUnits(c.text) / 2) * CHAR, baseline, 'fangsong', SIZE.hao3))
  const runs = f.runs.filter((r) => r.text)
  if (!runs.length) return []
  const faceSize = runs[0]!.face === 'xiaobiaosong' ? SIZE.hao2 : SIZE.hao3
  const advance = faceSize === SIZE.hao2 ? ptToMm(SIZE.hao2) : CHAR
  const units = runs.reduce((n, r) => n + textUnits(r.text), 0)
  let x: number
  if (f.at === 'centre') x = BODY.x + (BODY.width - units * advance) / 2
  else if (typeof f.at === 'number') x = BODY.x + f.at * CHAR
  else x = BODY.x + BODY.width - f.at.right * CHAR - units * advance
  return runs.map((r) => {
    const box = text(r.text, x, baseline, r.face, faceSize, advance)
    x += textUnits(r.text) * advance
    return box
  })
}

function text(s: string, x: number, baseline: number, face: FontFace, size: number, advance = CHAR, color: 'black' | 'red' = 'black'): TextBox {
  return { kind: 'text', x, baseline, text: s, face, size, advance, color }
}

function centred(s: string, baseline: number, face: FontFace, size: number, advance: number, color: 'black' | 'red' = 'black'): TextBox {
  return text(s, BODY.x + (BODY.width - textUnits(s) * advance) / 2, baseline, face, size, advance, color)
}
