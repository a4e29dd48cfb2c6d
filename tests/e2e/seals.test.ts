// 电子印章 through the UI: the 印章管理员 makes a seal for the 文书, who numbers a signed-off
// document and applies the seal at 用印; the seal panel verifies all eight steps offline, the page
// shows the seal over the 署名, and the exported file verifies on the 验章 page.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newServer, type TestServer } from '../support/newServer'
import { cliUser, type CliUser } from '../support/ztCli'
import { SCREENSHOTS, launchChromium, signIn } from './browser'

let server: TestServer
let browser: Browser
let admin: Page, clerk: Page
let wangwu: CliUser
let docId = ''
const TITLE = '关于启用电子印章的通知'

async function person(username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' })
  const page = await ctx.newPage()
  await signIn(page, `${server.url}/app/`, username)
  return page
}

beforeAll(async () => {
  server = await newServer()
  browser = await launchChromium()
  admin = await person('qianqi')
  clerk = await person('zhaoliu')
  // the document reaches 复核编号 through the CLI: drafting, review and sign-off are tested elsewhere
  const [zhangsan, lisi, w] = ['zhangsan', 'lisi', 'wangwu'].map((u) => cliUser(server, u)) as [CliUser, CliUser, CliUser]
  wangwu = w
  docId = zhangsan.ok('doc', 'create', '--title', TITLE, '--type', '通知', '--body-file', 'tests/fixtures/haizhou-notice-2022.txt', '--to-main', '各处室', '--issuer-mark', '政通示范厅文件', '--issuer-name', '政通示范厅').trim()
  zhangsan.ok('doc', 'submit', docId, '--to', 'lisi')
  lisi.ok('doc', 'act', docId, 'approve', '--next', 'signoff', '--to', 'wangwu')
  wangwu.ok('doc', 'act', docId, 'signoff', '--opinion', '同意', '--to', 'zhaoliu')
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

describe('电子印章 through the UI', () => {
  it('refuses a seal for a holder with no certificate, with the reason, and never says it was done', async () => {
    await admin.getByTestId('menu-seals').click()
    await admin.getByTestId('seal-create').click()
    const dialog = admin.getByRole('dialog')
    await dialog.getByTestId('seal-name').fill('政通示范厅办公室')
    await admin.getByTestId('seal-holders').last().click()
    await admin.keyboard.type('周九')
    await admin.keyboard.press('Enter')
    await admin.keyboard.press('Escape')
    await dialog.getByTestId('seal-valid-until').click()
    await admin.keyboard.type('2030-12-31')
    await admin.keyboard.press('Enter')
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click()
    await admin.getByText('周九尚未申领数字证书，不能作为印章持有人').waitFor({ timeout: 10_000 })
    expect(await admin.getByText(/已签名提交|已生效/).count()).toBe(0)
    // the form stays open with what was typed, so nothing is lost
    expect(await dialog.getByTestId('seal-name').inputValue()).toBe('政通示范厅办公室')
    await admin.screenshot({ path: SCREENSHOTS + '35-seal-refused.png' })
    await dialog.getByRole('button', { name: /取\s*消|Cancel/ }).click()
    expect(await admin.getByRole('row').filter({ hasText: '政通示范厅办公室' }).count()).toBe(0)
    // nothing was signed or queued
    expect(await admin.evaluate(() => document.body.innerText.includes('待提交'))).toBe(false)
  })

  it('the 印章管理员 makes a seal for the 文书', async () => {
    await admin.getByTestId('seal-create').click()
    const dialog = admin.getByRole('dialog')
    await dialog.getByTestId('seal-name').fill('政通示范厅')
    await admin.getByTestId('seal-holders').last().click()
    await admin.keyboard.type('赵六')
    await admin.keyboard.press('Enter')
    await admin.keyboard.press('Escape')
    await dialog.getByTestId('seal-valid-until').click()
    await admin.keyboard.type('2030-12-31')
    await admin.keyboard.press('Enter')
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click()
    await admin.getByText('已生效').waitFor({ timeout: 20_000 })
    const row = admin.getByRole('row').filter({ hasText: '政通示范厅' })
    await row.getByText('有效').waitFor({ timeout: 20_000 })
    expect(await row.textContent()).toContain('赵六')
    await admin.screenshot({ path: SCREENSHOTS + '15-seals.png' })
  })

  it('the 文书 numbers the document and applies the seal; all eight steps pass', async () => {
    await clerk.getByTestId('menu-inbox').click()
    // the document reached 复核编号 through the CLI after the 文书 signed in: it arrives by sync
    const row = clerk.getByRole('row').filter({ hasText: TITLE })
    await row.waitFor({ timeout: 60_000 })
    await row.click()
    await clerk.getByTestId('act-number').click()
    await clerk.getByRole('dialog').getByTestId('act-submit').click()
    await expect.poll(() => clerk.getByTestId('flow-step').textContent(), { timeout: 20_000 }).toBe('用印')

    await clerk.getByTestId('act-seal').first().click()
    const dialog = clerk.getByRole('dialog')
    await dialog.getByTestId('act-seal').click()
    // the seal made in the test before reaches the 文书's seal list by sync
    const option = clerk.locator('.ant-select-item-option').filter({ hasText: '政通示范厅（单位印章）' })
    await option.waitFor({ timeout: 30_000 })
    await option.click()
    await dialog.getByTestId('act-submit').click()
    await expect.poll(() => clerk.getByTestId('flow-step').textContent(), { timeout: 20_000 }).toBe('分发')

    await clerk.getByTestId('tab-seals').click()
    const report = clerk.getByTestId('verify-report')
    await expect.poll(() => report.getAttribute('data-ok'), { timeout: 15_000 }).toBe('true')
    expect(await report.locator('[data-ok="true"]').count()).toBe(7) // all but the timestamp, which is not applicable
    await clerk.screenshot({ path: SCREENSHOTS + '16-seal-verified.png' })

    await clerk.getByTestId('tab-page').click()
    const seal = clerk.locator('[data-testid="page-view"] svg image')
    await expect.poll(() => seal.count()).toBe(1)
    await seal.scrollIntoViewIfNeeded()
    await clerk.screenshot({ path: SCREENSHOTS + '17-sealed-page.png' })
  })

  it('the exported file verifies on the 验章 page, with no server', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zt-e2e-')), '启用电子印章.zip')
    wangwu.ok('doc', 'export', docId, '--sealed', file)
    await clerk.context().setOffline(true)
    await clerk.getByTestId('menu-verify').click()
    await clerk.locator('input[type=file]').setInputFiles(file)
    const result = clerk.getByTestId('verify-result')
    await result.waitFor()
    expect(await result.textContent()).toContain('验证通过')
    await clerk.screenshot({ path: SCREENSHOTS + '18-verify-file.png' })
    await clerk.context().setOffline(false)
  })
})
