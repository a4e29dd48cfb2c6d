// The PDF writer against independent readers: poppler's pdfinfo, pdftotext and pdftoppm read what
// we wrote — A4 pages, embedded fonts, selectable text in reading order, the same bytes every time.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { layoutDocument } from '../../../src/core/layout'
import { findFonts } from '../../../src/pdf/fonts'
import { writePdf } from '../../../src/pdf/writePdf'
import { haizhouNotice } from '../../support/fixtureDocs'
import { ROOT } from '../../support/newServer'

const dir = mkdtempSync(join(tmpdir(), 'zt-pdf-'))
const file = join(dir, 'haizhou.pdf')
let bytes: Uint8Array
const date = new Date('2022-08-26T00:00:00+08:00')

beforeAll(async () => {
  bytes = await writePdf(layoutDocument(haizhouNotice()), { date })
  writeFileSync(file, bytes)
})

describe('GB/T 9704 PDF', () => {
  it('has A4 pages and embeds its fonts', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/)
    expect(info).toMatch(/Title:\s+区政府关于印发加快统筹推进数字政府高质量建设实施方案的通知/)
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
    expect(fonts.length).toBeGreaterThan(0)
    for (const f of fonts) expect(f).toMatch(/yes yes yes/) // embedded, subset, with a ToUnicode map
  })

  it('sets the body in 仿宋 the title in bold 宋体 and the first level in 黑体, as GB/T 9704 asks (Fandol where the licensed faces are missing)', () => {
    const found = findFonts()
    // CI installs Fandol (scripts/install-fonts.sh); a machine with only Noto says so in the UI instead
    if (found.fangsong.fallback) return
    const names = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    expect(names).toMatch(/\+FandolFang-Regular/)
    expect(names).toMatch(/\+FandolHei-Regular/)
    expect(names).toMatch(/\+FandolSong-Bold/) // the title: Fandol has no 小标宋, its bold 宋体 stands in
  })

  it('carries selectable text: 红头, 文号, title, 主送, 正文, 署名 and 版记', () => {
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, '')
    for (const s of ['海州区人民政府文件', '海政发〔2022〕114号', '区政府关于印发加快统筹推进数字政府高质量', '各镇人民政府、街道办事处，各园区办，各有关单位：', '已经海州区', '附件：名词解释', '2022年8月26日', '海州区人民政府办公室', '2022年8月26日印发', '—1—']) {
      expect(text).toContain(s)
    }
  })

  it('is deterministic: the same document gives the same bytes', async () => {
    expect(Buffer.from(await writePdf(layoutDocument(haizhouNotice()), { date })).equals(Buffer.from(bytes))).toBe(true)
  })

  it('renders page 1 like a 红头文件 (screenshot for review)', () => {
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page1')])
    copyFileSync(join(dir, 'page1.png'), join(ROOT, 'tests/e2e/__screenshots__/10-pdf-page1.png'))
    const out = execFileSync('pdftoppm', ['-r', '20', '-gray', '-f', '1', '-l', '1', '-singlefile', file], { maxBuffer: 1 << 24 })
    // a PGM: the page is mostly white but not empty
    const header = out.subarray(0, 20).toString('latin1')
    expect(header.startsWith('P5')).toBe(true)
    const pixels = out.subarray(out.length - 166 * 234)
    const dark = pixels.filter((p) => p < 128).length
    expect(dark / pixels.length).toBeGreaterThan(0.005)
    expect(dark / pixels.length).toBeLessThan(0.2)
  })
})
