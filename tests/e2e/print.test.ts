// 版式 in the browser build: the page view draws in the fonts the server writes its PDFs with;
// 导出 PDF draws the PDF in the page and downloads it (poppler reads its text and renders it);
// 导出 OFD gives what `zt doc export --ofd` gives, and it reads back through our OFD reader;
// 打印 prints the A4 sheets at their true size. Once sealed, both exports are the rendition the
// seal covers, and the OFD verifies.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ofdPageModel, readOfd } from '../../src/core/ofd'
import { writePdf } from '../../src/pdf/writePdf'
import { newServer, type TestServer } from '../support/newServer'
import { cliUser, type CliUser } from '../support/ztCli'
import { SCREENSHOTS, launchChromium, signIn } from './browser'

let server: TestServer
let browser: Browser
let drafter: Page
let zhangsan: CliUser
let docId = ''
const dir = mkdtempSync(join(tmpdir(), 'zt-print-'))
const TITLE = '关于做好年终财务决算工作的通知'
const CC = '市财政局，市审计局'
const PRINTER = '政通示范厅办公室'

const flat = (s: string): string => s.replace(/\s+/g, '')
const pdfText = (file: string): string => flat(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }))
const pdfPages = (file: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])

/** Clicks a button that downloads, and keeps the file. */
async function downloaded(p: Page, testId: string, name: string): Promise<{ file: string; suggested: string }> {
  const download = p.waitForEvent('download', { timeout: 60_000 })
  await p.getByTestId(testId).click()
  const d = await download
  const file = join(dir, name)
  await d.saveAs(file)
  return { file, suggested: d.suggestedFilename() }
}

beforeAll(async () => {
  server = await newServer()
  browser = await launchChromium()
  const ctx = await browser.newContext({ viewport: { width: 1360, height: 1000 }, locale: 'zh-CN', acceptDownloads: true })
  drafter = await ctx.newPage()
  await signIn(drafter, `${server.url}/app/`, 'zhangsan')
  zhangsan = cliUser(server, 'zhangsan')
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

describe('版式, PDF, OFD and print in the browser build', () => {
  it('the drafter fills the 版记 (抄送, 印发机关) on the document itself', async () => {
    await drafter.getByTestId('new-doc').click()
    await drafter.getByTestId('new-doc-title').fill(TITLE)
    await drafter.getByLabel('主送机关').fill('各处室')
    await drafter.getByLabel('发文机关标志（红头）').fill('政通示范厅文件')
    await drafter.getByLabel('发文机关署名').fill('政通示范厅')
    await drafter.getByRole('button', { name: /创\s*建/ }).click()
    await drafter.getByTestId('doc-body').click()
    await drafter.keyboard.type('为做好2026年度财务决算工作，现将有关事项通知如下。')
    await drafter.keyboard.press('Enter')
    await drafter.keyboard.type('一、高度重视决算编报。各处室要按时报送决算数据。')
    const fields = drafter.getByTestId('layout-fields')
    await fields.getByLabel('抄送机关').fill(CC)
    await fields.getByLabel('印发机关').fill(PRINTER)
    expect(await fields.getByLabel('发文机关署名').inputValue()).toBe('政通示范厅')
    await fields.scrollIntoViewIfNeeded()
    await drafter.screenshot({ path: SCREENSHOTS + 'print-01-colophon-fields.png' })
    docId = /#\/doc\/([0-9a-f-]{36})/.exec(drafter.url())![1]!
  })

  it('the page view draws in the fonts the server writes PDFs with, and names them', async () => {
    await drafter.getByTestId('tab-page').click()
    const view = drafter.getByTestId('page-view')
    await expect.poll(() => view.getAttribute('data-fonts'), { timeout: 60_000 }).toBe('loaded')
    const faces = (await (await fetch(`${server.url}/app/fonts/`)).json()) as { faces: Record<string, { label: string; fallback: boolean }> }
    const note = await drafter.getByTestId('page-fonts').textContent()
    expect(note).toContain(`仿宋：${faces.faces.fangsong!.label}`)
    expect(note).toContain(`小标宋：${faces.faces.xiaobiaosong!.label}`)
    // the body is set in the server's 仿宋 itself, loaded into the page
    const body = view.locator('svg.page-sheet text').filter({ hasText: '各处室要按时报送决算数据' }).first()
    expect(await body.getAttribute('font-family')).toMatch(/^"zt-fangsong"/)
    expect(await drafter.evaluate(() => document.fonts.check('16px "zt-fangsong"', '仿宋') && document.fonts.check('16px "zt-xiaobiaosong"', '通知'))).toBe(true)
    // the 版记 shows what was typed on the form
    await expect.poll(async () => flat((await view.locator('svg.page-sheet').last().textContent()) ?? '')).toContain(`抄送：${CC.replace('，', '，')}。`)
    expect(flat((await view.locator('svg.page-sheet').last().textContent()) ?? '')).toContain(PRINTER)
    await view.locator('svg.page-sheet').first().screenshot({ path: SCREENSHOTS + 'print-02-page-view.png' })
    await drafter.getByTestId('export-pdf').scrollIntoViewIfNeeded()
    await drafter.screenshot({ path: SCREENSHOTS + 'print-02b-page-tab.png' })
  })

  it('导出 PDF draws the PDF in the page and downloads it; its text and fonts are the 公文 ones', async () => {
    const { file, suggested } = await downloaded(drafter, 'export-pdf', 'page.pdf')
    expect(suggested).toBe(`${TITLE}.pdf`)
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdfText(file)
    expect(text).toContain(TITLE)
    expect(text).toContain('各处室要按时报送决算数据')
    expect(text).toContain(PRINTER)
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    const served = (await (await fetch(`${server.url}/app/fonts/`)).json()) as { faces: Record<string, { label: string }> }
    // the faces the server named are the ones embedded (Fandol here, or the licensed faces where installed)
    if (served.faces.fangsong!.label.startsWith('Fandol')) expect(fonts).toMatch(/FandolFang/)
    expect(pdfPages(file)).toBe(await drafter.getByTestId('page-view').locator('svg.page-sheet').count())
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(SCREENSHOTS, 'print-03-pdf-page1')])
  }, 120_000)

  it('导出 OFD gives what zt doc export --ofd gives, and it reads back page for page', async () => {
    const { file, suggested } = await downloaded(drafter, 'export-ofd', 'page.ofd')
    expect(suggested).toBe(`${TITLE}.ofd`)
    const bytes = new Uint8Array(readFileSync(file))
    const cli = join(dir, 'cli.ofd')
    zhangsan.ok('doc', 'export', docId, '--ofd', cli)
    expect(Buffer.from(bytes).equals(readFileSync(cli))).toBe(true)
    const ofd = readOfd(bytes)
    expect(ofd.title).toBe(TITLE)
    expect(ofd.pages.length).toBe(await drafter.getByTestId('page-view').locator('svg.page-sheet').count())
    const texts = ofd.pages.flatMap((p) => p.objects.flatMap((o) => (o.kind === 'text' ? o.codes.map((c) => c.text) : []))).join('')
    expect(flat(texts)).toContain(TITLE)
    // the faces drawn travel with it, as subsets the page made from the server's font files
    const embedded = ofd.fonts.filter((f) => f.data)
    expect(embedded.map((f) => f.name)).toEqual(expect.arrayContaining(['方正小标宋简体', '仿宋_GB2312']))
    for (const f of embedded) expect([0x4f54544f, 0x00010000]).toContain(new DataView(f.data!.buffer, f.data!.byteOffset).getUint32(0))
    // drawn again from the OFD, beside the PDF the page made
    const again = join(dir, 'ofd-again.pdf')
    await import('node:fs/promises').then((fs) => writePdf(ofdPageModel(ofd)).then((b) => fs.writeFile(again, b)))
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', again, join(SCREENSHOTS, 'print-04-ofd-page1')])
  }, 120_000)

  it('打印 prints the 版式 sheets, one A4 page each at true size', async () => {
    await drafter.evaluate(() => {
      const w = window as unknown as { printed: number; print: () => void }
      w.printed = 0
      w.print = () => void w.printed++
    })
    await drafter.getByTestId('print-page').click()
    expect(await drafter.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
    // what the print dialog would print: the sheets alone, at 210 × 297 mm
    await drafter.emulateMedia({ media: 'print' })
    const sheet = drafter.locator('.print-root .print-sheet').first()
    const box = (await sheet.boundingBox())!
    expect(Math.round(box.width)).toBe(Math.round((210 / 25.4) * 96))
    expect(Math.round(box.height)).toBe(Math.round((297 / 25.4) * 96))
    expect(await drafter.getByTestId('flow-panel').isVisible()).toBe(false)
    await drafter.emulateMedia({ media: null })
    const printed = join(dir, 'printed.pdf')
    await drafter.pdf({ path: printed, preferCSSPageSize: true, printBackground: true })
    const info = execFileSync('pdfinfo', [printed], { encoding: 'utf8' })
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/)
    expect(pdfPages(printed)).toBe(await drafter.getByTestId('page-view').locator('svg.page-sheet').count())
    expect(pdfText(printed)).toContain(TITLE)
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', printed, join(SCREENSHOTS, 'print-05-printed-page1')])
  }, 120_000)

  it('once sealed, both exports are the rendition the seal covers, and the OFD verifies', async () => {
    const [lisi, wangwu, qianqi, zhaoliu] = ['lisi', 'wangwu', 'qianqi', 'zhaoliu'].map((u) => cliUser(server, u)) as [CliUser, CliUser, CliUser, CliUser]
    zhangsan.ok('doc', 'submit', docId, '--to', 'lisi')
    lisi.ok('doc', 'act', docId, 'approve', '--next', 'signoff', '--to', 'wangwu')
    wangwu.ok('doc', 'act', docId, 'signoff', '--opinion', '同意', '--to', 'zhaoliu')
    zhaoliu.ok('doc', 'act', docId, 'number')
    const esID = /印章标识\s*(\S+)/.exec(qianqi.ok('seal', 'create', '--name', '政通示范厅', '--holders', 'zhaoliu', '--valid-until', '2030-12-31'))![1]!
    zhaoliu.ok('doc', 'act', docId, 'seal', '--seal', esID)

    await expect.poll(() => drafter.locator('[data-testid="page-view"] svg.page-sheet image').count(), { timeout: 30_000 }).toBe(1)
    const pdf = await downloaded(drafter, 'export-pdf', 'sealed.pdf')
    const cliPdf = join(dir, 'cli-sealed.pdf')
    zhangsan.ok('doc', 'export', docId, '--pdf', cliPdf)
    expect(readFileSync(pdf.file).equals(readFileSync(cliPdf))).toBe(true)
    expect(pdfText(pdf.file)).toContain(TITLE)

    const ofd = await downloaded(drafter, 'export-ofd', 'sealed.ofd')
    expect(readOfd(new Uint8Array(readFileSync(ofd.file))).signatures.length).toBe(1)
    expect(zhangsan.ok('verify', ofd.file)).toContain('验证通过')
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', pdf.file, join(SCREENSHOTS, 'print-06-sealed-pdf-page1')])
    await drafter.getByTestId('page-view').locator('svg.page-sheet').first().screenshot({ path: SCREENSHOTS + 'print-07-sealed-page-view.png' })
  }, 180_000)
})
