// The GB/T 9704 page model, checked against the standard's numbers: A4, margins 37/28/35/26 mm,
// a 22 × 28 grid for the 正文, 禁则, page numbers, 版记 on the last page, the seal's anchor.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { textToPm, type Rendition } from '../../src/core/docflow'
import { BASELINE_IN_LINE, BODY, CHAR, GRID, LINE, breakLines, layoutDocument, layoutForm, textUnits, withArchiveStamp, type TextBox } from '../../src/core/layout'
import { haizhouNotice } from '../support/fixtureDocs'

const texts = (boxes: { kind: string }[]): TextBox[] => boxes.filter((b): b is TextBox => b.kind === 'text')
/** the grid line a 3号 box sits on, or null when it is off the grid */
const gridLine = (b: TextBox): number | null => {
  const n = (b.baseline - BODY.y - BASELINE_IN_LINE) / LINE
  return Math.abs(n - Math.round(n)) < 1e-6 ? Math.round(n) : null
}

describe('GB/T 9704 layout', () => {
  const model = layoutDocument(haizhouNotice())

  it('lays A4 pages with the 版心 at 37/28/35/26 mm and the body on a 22 × 28 grid', () => {
    expect([model.width, model.height]).toEqual([210, 297])
    expect(BODY).toEqual({ x: 28, y: 37, width: 156, height: 225 })
    expect(297 - BODY.y - BODY.height).toBe(35)
    expect(210 - BODY.x - BODY.width).toBe(26)
    expect(model.pages.length).toBeGreaterThan(3)
    for (const page of model.pages) {
      const body = texts(page.boxes).filter((b) => b.face !== 'songti' && b.size === 16)
      const perLine = new Map<number, number>()
      for (const b of body) {
        // inside the 版心, on a grid position
        expect(b.x).toBeGreaterThanOrEqual(BODY.x - 1e-6)
        expect(b.x + textUnits(b.text) * b.advance).toBeLessThanOrEqual(BODY.x + BODY.width + 1e-6)
        expect(b.advance).toBeCloseTo(CHAR)
        const quarters = ((b.x - BODY.x) / CHAR) * 4 // 署名 is centred over the date: quarter 字
        expect(Math.abs(quarters - Math.round(quarters))).toBeLessThan(1e-6)
        const line = gridLine(b)
        if (page === model.pages[0] && line === null) continue // the 版头 sits by millimetre
        expect(line).not.toBeNull()
        expect(line!).toBeGreaterThanOrEqual(0)
        expect(line!).toBeLessThan(GRID.lines)
        perLine.set(line!, (perLine.get(line!) ?? 0) + textUnits(b.text) + (b.x - BODY.x) / CHAR)
      }
      // no line is wider than 28 字, and full pages hold 22 lines
      for (const units of perLine.values()) expect(units).toBeLessThanOrEqual(GRID.chars)
      if (page !== model.pages[0] && model.pages.indexOf(page) < model.seal!.page) {
        expect(perLine.size).toBe(GRID.lines)
        expect(Math.max(...perLine.values())).toBe(GRID.chars)
      }
    }
  })

  it('puts the 红头 in red 35 mm below the 版心 top, the 文号 centred, the red rule, then the title in 2号', () => {
    const first = model.pages[0]!.boxes
    const mark = texts(first).find((b) => b.text === '海州区人民政府文件')!
    expect(mark).toMatchObject({ color: 'red', face: 'xiaobiaosong' })
    const number = texts(first).find((b) => b.text === '海政发〔2022〕114号')!
    expect(number.x + (textUnits(number.text) * number.advance) / 2).toBeCloseTo(BODY.x + BODY.width / 2)
    const rule = first.find((b) => b.kind === 'rule' && b.color === 'red')!
    expect(rule).toMatchObject({ x: BODY.x, width: BODY.width })
    const title = texts(first).filter((b) => b.size === 22)
    expect(title.map((b) => b.text).join('')).toBe('区政府关于印发加快统筹推进数字政府高质量建设实施方案的通知')
    expect(title[0]!.baseline).toBeGreaterThan(number.baseline)
    // page 1 shows 正文
    expect(texts(first).some((b) => b.text.startsWith('《加快统筹推进'))).toBe(true)
  })

  it('numbers pages "— n —" 7 mm below the 版心, odd right and even left, and closes with the 版记', () => {
    model.pages.forEach((page, i) => {
      if (page.number === undefined) return
      const n = texts(page.boxes).find((b) => b.text === `— ${i + 1} —`)!
      expect(n.baseline).toBeGreaterThan(BODY.y + BODY.height + 7)
      if ((i + 1) % 2 === 1) expect(n.x).toBeGreaterThan(BODY.x + BODY.width / 2)
      else expect(n.x).toBeCloseTo(BODY.x + CHAR)
    })
    const last = model.pages[model.pages.length - 1]!.boxes
    expect(texts(last).some((b) => b.text.startsWith('抄送：区委各部门'))).toBe(true)
    expect(texts(last).some((b) => b.text === '2022年8月26日印发')).toBe(true)
    const rules = last.filter((b) => b.kind === 'rule')
    expect(Math.max(...rules.map((r) => r.y + (r as { thickness: number }).thickness))).toBeCloseTo(BODY.y + BODY.height)
  })

  it('places 署名 and 成文日期 together (成文日期 右空四字) with the seal anchored over them', () => {
    const page = model.pages[model.seal!.page]!
    const date = texts(page.boxes).find((b) => b.text === '2022年8月26日')!
    const name = texts(page.boxes).find((b) => b.text === '海州区人民政府')!
    expect(date.x + textUnits(date.text) * CHAR).toBeCloseTo(BODY.x + BODY.width - 4 * CHAR)
    expect(name.x + (textUnits(name.text) * CHAR) / 2).toBeCloseTo(date.x + (textUnits(date.text) * CHAR) / 2)
    expect(date.baseline - name.baseline).toBeCloseTo(LINE)
    // the seal is not alone: 正文 precedes 署名 on the same page
    expect(texts(page.boxes).filter((b) => b.baseline < name.baseline).length).toBeGreaterThan(0)
  })

  it('is deterministic', () => {
    expect(layoutDocument(haizhouNotice())).toEqual(model)
  })

  it('shows 签发人 for 上行文 and keeps a short document on one page with its 版记', () => {
    const r = haizhouNotice()
    const short: Rendition = { ...r, signers: ['王五'], content: { ...r.content, meta: { ...r.content.meta, docType: '请示', attachmentNote: [], cc: '区委办公室' }, body: textToPm('请予批准。') } }
    const one = layoutDocument(short)
    expect(one.pages).toHaveLength(1)
    const boxes = texts(one.pages[0]!.boxes)
    expect(boxes.map((b) => b.text)).toEqual(expect.arrayContaining(['签发人：', '王五', '海政发〔2022〕114号']))
    expect(boxes.find((b) => b.text === '海政发〔2022〕114号')!.x).toBeCloseTo(BODY.x + CHAR)
  })

  it('sets a 纪要: its 标志 in red, 出席 / 列席 / 请假 labels in 黑体 with the names in 仿宋, and no seal', () => {
    const r = haizhouNotice()
    const minutes: Rendition = { ...r, content: { ...r.content, meta: { ...r.content.meta, docType: '纪要', issuerMark: '办公室会议纪要', issuerName: '', attachmentNote: [] }, body: textToPm('出席：张三、赵六\n列席：钱七\n请假：王五\n会议决定：报送年终总结。') } }
    const page = layoutDocument(minutes)
    const boxes = texts(page.pages[0]!.boxes)
    expect(boxes.find((b) => b.text === '办公室会议纪要')!.color).toBe('red')
    for (const label of ['出席：', '列席：', '请假：']) expect(boxes.find((b) => b.text === label)!.face).toBe('heiti')
    expect(boxes.find((b) => b.text.startsWith('张三'))!.face).toBe('fangsong')
    expect(boxes.find((b) => b.text.startsWith('会议决定'))!.face).toBe('fangsong')
    expect(page.sealAnchors).toEqual([])
  })
})

describe('line breaking', () => {
  it('keeps every character, respects the width, and never starts a line with closing punctuation', () => {
    const alphabet = fc.constantFrom(...'公文处理工作条例，。、；：（）《》“”2026ABCabc'.split(''))
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }).map((a) => a.join('')), fc.integer({ min: 4, max: 28 }), (text, width) => {
        const lines = breakLines(text, width, width - 2)
        expect(lines.join('')).toBe(text)
        lines.forEach((l, i) => {
          const w = i === 0 ? width - 2 : width
          // only closing punctuation may hang past the end (悬挂)
          if (l.length > 1) expect(textUnits(l.replace(/[，。、；：）》”]+$/, ''))).toBeLessThanOrEqual(w)
          if (i > 0 && lines[i - 1]!.length > 1) expect('，。、；：）》”').not.toContain(l[0])
        })
      }),
    )
  })

  it('never splits a number', () => {
    expect(breakLines('甲乙丙丁戊己庚2026年', 8)).toEqual(['甲乙丙丁戊己庚', '2026年'])
  })
})

describe('处理单', () => {
  it('lists every action with who, when and the opinion, marking a delegate 「代」', () => {
    const form = layoutForm({
      kind: 'outgoing', title: '关于年终检查的通知', docNumber: '办发〔2026〕3号', classification: '非密', urgency: '加急',
      drafterName: '张三', createdAt: '2026-11-20T01:00:00Z',
      records: [
        { seq: 1, at: '2026-11-20T02:00:00Z', step: 'draft', actor: 'u1', action: 'submit' },
        { seq: 2, at: '2026-11-21T02:00:00Z', step: 'signoff', actor: 'u3', onBehalfOf: 'u2', action: 'signoff', opinion: '同意印发' },
      ],
      name: (id) => ({ u1: '张三', u2: '王五', u3: '赵六' })[id] ?? id,
    })
    const all = form.pages.flatMap((p) => texts(p.boxes).map((b) => b.text))
    expect(all).toEqual(expect.arrayContaining(['发文处理单', '办发〔2026〕3号', '赵六（代王五）', '签发：同意印发', '2026年11月21日 10:00']))
  })
})

describe('seals on the page', () => {
  const seal = { svg: '<svg xmlns="http://www.w3.org/2000/svg" width="42mm" height="42mm" viewBox="0 0 42 42"><circle cx="21" cy="21" r="20"/></svg>', widthMm: 42, heightMm: 42 }
  it('centres the seal over 署名 and 成文日期, and cuts a 骑缝章 into one strip per page at the right edge', () => {
    const model = layoutDocument(haizhouNotice(), { seals: [seal], perforation: seal })
    const page = model.pages[model.seal!.page]!
    const date = texts(page.boxes).find((b) => b.text === '2022年8月26日')!
    const image = page.boxes.find((b) => b.kind === 'image' && b.width === 42)!
    expect(image.kind === 'image' && image.cx).toBeCloseTo(date.x + (textUnits(date.text) * CHAR) / 2)
    const strips = model.pages.map((p) => p.boxes.find((b) => b.kind === 'image' && b.width < 42))
    expect(strips.every((s) => s && s.kind === 'image' && Math.abs(s.cx + s.width / 2 - 210) < 1e-9)).toBe(true)
    expect(strips.reduce((w, s) => w + (s?.kind === 'image' ? s.width : 0), 0)).toBeCloseTo(42)
    // each strip shows its own slice of the picture
    expect(new Set(strips.map((s) => (s?.kind === 'image' ? /viewBox="([^"]+)"/.exec(s.svg!)![1] : ''))).size).toBe(model.pages.length)
  })
})

describe('联合行文', () => {
  it('lays out each 署名 with its own seal, the last over the 成文日期, none touching or beyond the 版心', () => {
    const r = haizhouNotice()
    const joint: Rendition = { ...r, content: { ...r.content, meta: { ...r.content.meta, issuerName: '海州区人民政府\n海州区发展和改革委员会\n海州区财政局\n海州区数据局' } } }
    const seal = { svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 42 42"/>', widthMm: 42, heightMm: 42 }
    const model = layoutDocument(joint, { seals: [seal, seal, seal, seal] })
    expect(model.sealAnchors).toHaveLength(4)
    const images = model.pages.flatMap((p, pi) => p.boxes.filter((b) => b.kind === 'image').map((b) => ({ ...b, pi }))) as { cx: number; cy: number; width: number; pi: number }[]
    expect(images).toHaveLength(4)
    for (const a of images) {
      expect(a.cx - a.width / 2).toBeGreaterThanOrEqual(BODY.x - 1e-6)
      expect(a.cx + a.width / 2).toBeLessThanOrEqual(BODY.x + BODY.width + 1e-6)
      for (const b of images) if (a !== b && a.pi === b.pi) expect(Math.hypot(a.cx - b.cx, a.cy - b.cy)).toBeGreaterThan(42)
    }
    const last = model.pages[model.seal!.page]!
    const date = texts(last.boxes).find((b) => b.text === '2022年8月26日')!
    expect(model.seal!.cx).toBeCloseTo(date.x + (textUnits(date.text) * CHAR) / 2)
    for (const name of ['海州区人民政府', '海州区发展和改革委员会', '海州区财政局', '海州区数据局']) {
      expect(model.pages.some((p) => texts(p.boxes).some((b) => b.text === name))).toBe(true)
    }
  })
})

describe('归档章', () => {
  it('draws 全宗号 | 年度 | 件号 over 机构 | 保管期限 | 页数 at the top right of the first page, above the 版心', () => {
    const plain = layoutDocument(haizhouNotice())
    const stamped = withArchiveStamp(plain, { fonds: 'Z109', year: 2026, item: 7, org: 'BGS', retention: '定期30年', pages: plain.pages.length })
    const added = stamped.pages[0]!.boxes.slice(plain.pages[0]!.boxes.length)
    expect(texts(added).map((b) => b.text)).toEqual(['Z109', '2026', '0007', 'BGS', '定期30年', String(plain.pages.length)])
    for (const b of added) {
      const right = b.kind === 'text' ? b.x + textUnits(b.text) * b.advance : b.kind === 'rule' ? b.x + b.width : 0
      const bottom = b.kind === 'text' ? b.baseline : b.kind === 'rule' ? b.y + b.thickness : 0
      expect(right).toBeLessThanOrEqual(BODY.x + BODY.width + 0.5)
      expect(bottom).toBeLessThanOrEqual(BODY.y)
      expect(b.kind === 'image' || b.kind === 'text' ? (b as TextBox).color : b.color).toBe('red')
    }
    expect(stamped.pages.slice(1)).toEqual(plain.pages.slice(1))
  })
})

