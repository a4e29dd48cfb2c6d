// 电子档案 through the UI: the archivist files a finished 公文 from 待归档 (保管期限 chosen there),
// the package is signed by itself and shows 四性检测 通过 in the catalogue; the record's panel
// lists every item and opens the 正本 (offline too); a batch check runs with a progress bar; a
// correction makes a 修改型 package. A colleague asks to borrow the record, the archivist
// approves, and the colleague reads it in the window.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cstYear } from '../../src/core/docflow/docNumber'
import { newServer, type TestServer } from '../support/newServer'
import { cliUser, show } from '../support/ztCli'
import { SCREENSHOTS, launchChromium, signIn } from './browser'

let server: TestServer
let browser: Browser
let archivist: Page, reader: Page
const year = cstYear(new Date())

async function person(username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await ctx.newPage()
  await signIn(page, `${server.url}/app/`, username)
  return page
}

beforeAll(async () => {
  server = await newServer()
  const [qianqi, zhangsan, lisi, wangwu, zhaoliu] = ['qianqi', 'zhangsan', 'lisi', 'wangwu', 'zhaoliu'].map((u) => cliUser(server, u))
  const esID = /印章标识 (\S+)/.exec(qianqi!.ok('seal', 'create', '--name', '政通示范厅', '--holders', 'zhaoliu', '--valid-until', '2030-12-31'))![1]!
  for (const title of ['关于做好年终安全检查的通知', '关于印发值班制度的通知']) {
    const id = zhangsan!.ok('doc', 'create', '--title', title, '--type', '通知', '--body-file', 'tests/fixtures/haizhou-notice-2022.txt', '--to-main', '各处室', '--issuer-mark', '政通示范厅文件', '--issuer-name', '政通示范厅').trim()
    zhangsan!.ok('doc', 'submit', id, '--to', 'lisi')
    lisi!.ok('doc', 'act', id, 'approve', '--next', 'signoff', '--to', 'wangwu')
    wangwu!.ok('doc', 'act', id, 'signoff', '--opinion', '同意印发', '--to', 'zhaoliu')
    zhaoliu!.ok('doc', 'act', id, 'number')
    zhaoliu!.ok('doc', 'act', id, 'seal', '--seal', esID)
    zhaoliu!.ok('doc', 'act', id, 'distribute', '--to', 'lisi')
    expect(show(zhangsan!, id).flow.step).toBe('done')
  }
  browser = await launchChromium()
  archivist = await person('sunba')
  reader = await person('lisi')
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

describe('电子档案 through the UI', () => {
  it('files from 待归档, signs by itself, and shows 四性检测 通过 with every item', async () => {
    // only archivists have the desk
    expect(await reader.getByTestId('menu-archive').count()).toBe(0)
    await archivist.getByTestId('menu-archive').click()
    const pending = archivist.getByTestId('pending')
    await pending.getByText('关于做好年终安全检查的通知').waitFor({ timeout: 20_000 })
    const row = pending.locator('tr').filter({ hasText: '关于做好年终安全检查的通知' })
    // this one is kept for ever: chosen here against the 通知 default (定期30年)
    await row.locator('.ant-select').click()
    await archivist.locator('.ant-select-item-option').filter({ hasText: '永久' }).click()
    await row.locator('input[type="checkbox"]').check()
    await pending.locator('tr').filter({ hasText: '关于印发值班制度的通知' }).locator('input[type="checkbox"]').check()
    await archivist.screenshot({ path: SCREENSHOTS + '25-archive-pending.png' })
    await archivist.getByTestId('file-selected').click()

    await archivist.getByTestId('tab-catalogue').click()
    const catalogue = archivist.getByTestId('catalogue')
    const first = catalogue.locator('tr').filter({ hasText: `Z109-WS·${year}-Y-BGS-0001` })
    const second = catalogue.locator('tr').filter({ hasText: `Z109-WS·${year}-D30-BGS-0001` })
    await expect.poll(() => first.textContent(), { timeout: 60_000 }).toContain('通过')
    await expect.poll(() => second.textContent(), { timeout: 60_000 }).toContain('通过')
    expect(await first.textContent()).toContain('永久')

    await first.click()
    const drawer = archivist.getByTestId('record-drawer')
    await drawer.getByTestId('check-verdict').waitFor()
    const items = await drawer.getByTestId('check-items').locator('tbody tr').allTextContents()
    expect(items.length).toBeGreaterThanOrEqual(20)
    expect(items.find((t) => t.startsWith('GD-1-1'))).toContain('通过')
    expect(items.find((t) => t.startsWith('GD-4-2'))).toMatch(/未执行|通过/)
    expect(items.some((t) => t.includes('未通过'))).toBe(false)
    await archivist.waitForTimeout(500)
    await archivist.screenshot({ path: SCREENSHOTS + '26-archive-record.png' })
    // 导出检测报告 in the browser build: the PDF is drawn in the page and downloaded
    const download = archivist.waitForEvent('download', { timeout: 60_000 })
    await drawer.getByTestId('export-report').click()
    const report = join(mkdtempSync(join(tmpdir(), 'zt-report-')), 'report.pdf')
    await (await download).saveAs(report)
    const reportText = execFileSync('pdftotext', [report, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    expect(reportText).toContain('四性检测')
    expect(reportText).toContain('GD-1-1')
    await drawer.getByTestId('open-original').click()
    await archivist.getByTestId('pdf-viewer').locator('[data-testid="pdf-page-1"]').waitFor({ timeout: 30_000 })
    // the viewer holds the keyboard: close it and the panel with their buttons
    await archivist.waitForTimeout(500)
    await archivist.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).last().click()
    await archivist.getByTestId('pdf-viewer').waitFor({ state: 'detached' })
    await archivist.locator('.ant-drawer-close').click()

    // the whole catalogue, checked again, with progress
    await archivist.getByTestId('batch-check').click()
    await expect.poll(() => archivist.getByTestId('batch-progress').textContent(), { timeout: 60_000 }).toContain('批量检测完成：全部通过')
    await archivist.screenshot({ path: SCREENSHOTS + '27-archive-catalogue.png' })

    // the packages are on this machine: with no network, a record never opened here still reads
    await archivist.context().setOffline(true)
    await second.click()
    await archivist.getByTestId('open-original').click()
    await archivist.getByTestId('pdf-viewer').locator('[data-testid="pdf-page-1"]').waitFor({ timeout: 30_000 })
    await archivist.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).last().click()
    await archivist.getByTestId('pdf-viewer').waitFor({ state: 'detached' })
    await archivist.locator('.ant-drawer-close').click()
    await archivist.context().setOffline(false)

    // a correction of the 著录: a 修改型 package, signed by itself, checked again
    await first.click()
    await archivist.getByTestId('correct').click()
    const dialog = archivist.getByRole('dialog').filter({ hasText: '更正原因' })
    await dialog.getByLabel('责任者').fill('政通示范厅办公室')
    await dialog.getByLabel('更正原因').fill('责任者著录有误')
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click()
    await expect.poll(() => archivist.getByTestId('record-drawer').textContent(), { timeout: 60_000 }).toContain('第 1 次更正')
    await expect.poll(() => first.textContent(), { timeout: 60_000 }).toMatch(/政通示范厅办公室.*通过/)
    await archivist.screenshot({ path: SCREENSHOTS + '32-archive-corrected.png' })
    await archivist.locator('.ant-drawer-close').click()
  })

  it('checks a transfer bag here, with no server (移交与接收), and finds the one that was altered', async () => {
    const bag = join(mkdtempSync(join(tmpdir(), 'zt-bag-')), 'transfer')
    cliUser(server, 'sunba').ok('archive', 'transfer', '--year', String(year), '--out', bag)
    await archivist.getByTestId('tab-receive').click()
    await archivist.context().setOffline(true)
    await archivist.getByTestId('receive-input').setInputFiles(bag)
    await expect.poll(() => archivist.getByTestId('receive-verdict').textContent(), { timeout: 30_000 }).toContain('移交包完整，2 件档案四性检测全部通过')
    await archivist.getByTestId('receive').getByText(`Z109-WS·${year}-Y-BGS-0001`).click()
    await archivist.waitForTimeout(400)
    await archivist.screenshot({ path: SCREENSHOTS + '29-archive-receive.png' })
    const payload = join(bag, 'data', `Z109-WS·${year}-Y-BGS-0001.xml`)
    writeFileSync(payload, readFileSync(payload, 'utf8').replace('<语种>汉语</语种>', '<语种>英语</语种>'))
    await archivist.getByTestId('receive-input').setInputFiles(bag)
    await expect.poll(() => archivist.getByTestId('receive-verdict').textContent(), { timeout: 30_000 }).toContain('移交包不完整或已被改动')
    await archivist.context().setOffline(false)
  })

  it('lends a record: the colleague asks, the archivist approves, the colleague reads the 正本', async () => {
    const code = `Z109-WS·${year}-Y-BGS-0001`
    await reader.getByTestId('menu-borrow').click()
    await reader.getByTestId('borrow-code').fill(code)
    await reader.getByTestId('borrow-reason').fill('编写年度工作总结')
    await reader.getByTestId('borrow-submit').click()
    await expect.poll(() => reader.getByTestId('my-loans').textContent(), { timeout: 15_000 }).toContain('待审批')

    await archivist.getByTestId('tab-loans').click()
    const request = archivist.getByTestId('loans').locator('tr').filter({ hasText: '编写年度工作总结' })
    await request.getByRole('button', { name: /批\s*准/ }).click({ timeout: 15_000 })
    await expect.poll(() => reader.getByTestId('my-loans').textContent(), { timeout: 15_000 }).toContain('已批准')
    await reader.getByTestId(`read-${code}`).click()
    await reader.getByTestId('pdf-viewer').locator('[data-testid="pdf-page-1"]').waitFor({ timeout: 30_000 })
    await reader.screenshot({ path: SCREENSHOTS + '28-borrow-read.png' })
    await reader.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).last().click()
    await reader.getByTestId('pdf-viewer').waitFor({ state: 'detached' })
    await expect.poll(() => archivist.getByTestId('loans').textContent(), { timeout: 15_000 }).toContain('已查阅 1 次')
  })
})
