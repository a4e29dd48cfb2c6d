// 公文交换 through the UI: 办公室 numbers (the 代字 shown before the number is taken) and distributes
// the sealed 正本 to 财务处 (主送) and 人事处 (抄送), preselected from the document; both of 财务处's
// 收发员 have it in 待办; one opens the copy — read-only, the sender's 文号 and seal, verified — and
// signs for it offline, and it leaves the other's 待办;
// 人事处's returns it with a reason; the sender's receipt table shows both; the relay refuses edits.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cstYear } from '../../src/core/docflow/docNumber'
import { newServer, type TestServer } from '../support/newServer'
import { cliUser, type CliUser } from '../support/ztCli'
import { auditRecords, destroySessions, session } from '../integration/server/helpers'
import { SCREENSHOTS, launchChromium, signIn } from './browser'

let server: TestServer
let browser: Browser
let clerk: Page, unitB: Page, unitB2: Page, unitC: Page, admin: Page
let zhaoliu: CliUser
let docId = ''
const TITLE = '关于报送年度预算执行情况的通知'
const year = cstYear(new Date())

async function person(username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' })
  const page = await ctx.newPage()
  await signIn(page, `${server.url}/app/`, username)
  return page
}

/** Waits until antd's open/close animations have finished, so a screenshot shows the dialog. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-modal[class*="ant-zoom"], .ant-modal-mask[class*="ant-fade"]').count()).toBe(0)
}

/** Opens the one 待办 (or 已办) row with the title. */
async function open(page: Page, title = TITLE): Promise<void> {
  await page.getByTestId('menu-inbox').click()
  await page.getByRole('row').filter({ hasText: title }).first().click()
  await page.getByTestId('flow-panel').waitFor()
}

beforeAll(async () => {
  server = await newServer()
  browser = await launchChromium()
  // drafting, review and sign-off are tested elsewhere: the CLI brings the document to 复核编号
  const [zhangsan, lisi, wangwu, z, qianqi] = ['zhangsan', 'lisi', 'wangwu', 'zhaoliu', 'qianqi'].map((u) => cliUser(server, u)) as CliUser[] as [CliUser, CliUser, CliUser, CliUser, CliUser]
  zhaoliu = z
  docId = zhangsan.ok('doc', 'create', '--title', TITLE, '--type', '通知', '--body-file', 'tests/fixtures/haizhou-notice-2022.txt', '--to-main', '财务处', '--cc', '人事处', '--template', '办公室').trim()
  zhangsan.ok('doc', 'submit', docId, '--to', 'lisi')
  lisi.ok('doc', 'act', docId, 'approve', '--next', 'signoff', '--to', 'wangwu')
  wangwu.ok('doc', 'act', docId, 'signoff', '--opinion', '同意', '--to', 'zhaoliu')
  qianqi.ok('seal', 'create', '--name', '政通示范厅', '--holders', 'zhaoliu', '--valid-until', '2030-12-31')
  ;[clerk, unitB, unitB2, unitC, admin] = (await Promise.all(['zhaoliu', 'wushiyi', 'fengshisan', 'zhengshier', 'admin'].map(person))) as [Page, Page, Page, Page, Page]
}, 180_000)

afterAll(async () => {
  destroySessions()
  await browser?.close()
  await server?.dispose()
})

describe('公文交换 through the UI', () => {
  it('the administrator sees every unit with its 收发员 and 发文 template', async () => {
    await admin.getByTestId('menu-units').click()
    const row = admin.getByTestId('unit-bgs')
    await expect.poll(() => row.textContent()).toContain('政通示范厅文件')
    expect(await row.textContent()).toContain('办发、办函')
    expect(await admin.getByTestId('unit-cwc').textContent()).toContain('吴十一、冯十三')
    await admin.screenshot({ path: SCREENSHOTS + 'exchange-00-units.png' })
    await admin.getByTestId('edit-unit-rsc').click()
    await admin.getByTestId('unit-issuer-mark').waitFor()
    await settled(admin)
    await admin.screenshot({ path: SCREENSHOTS + 'exchange-01-unit-templates.png' })
    await admin.getByRole('dialog').getByLabel('印发机关').fill('政通示范厅人事处办公室')
    await admin.getByTestId('unit-save').click()
    await admin.getByText('人事处的发文模板：已生效').waitFor({ timeout: 20_000 })
    await expect.poll(() => admin.getByTestId('unit-rsc').textContent()).toContain('政通示范厅人事处办公室')
  })

  it('新建公文 fills the 红头, 署名 and 印发机关 from the drafter\'s unit template', async () => {
    await clerk.getByTestId('menu-docs').click()
    await clerk.getByTestId('new-doc').click()
    const dialog = clerk.getByRole('dialog')
    await expect.poll(() => dialog.getByTestId('new-doc-issuer-mark').inputValue()).toBe('政通示范厅文件')
    await settled(clerk)
    await clerk.screenshot({ path: SCREENSHOTS + 'exchange-08-new-doc-template.png' })
    await dialog.getByRole('button', { name: /取\s*消/ }).click()
    await settled(clerk)
  })

  it('编号 shows the 代字 before the number is taken; 分发 preselects the 主送 and 抄送 units', async () => {
    await open(clerk)
    await clerk.getByTestId('act-number').click()
    const numbering = clerk.getByRole('dialog')
    await settled(clerk)
    expect(await numbering.getByTestId('number-preview').textContent()).toContain(`办发〔${year}〕×号`)
    await numbering.getByText('办函').click()
    await expect.poll(() => numbering.getByTestId('number-preview').textContent()).toContain('办函')
    expect(await numbering.getByTestId('number-preview').textContent()).toContain(`办函〔${year}〕×号`)
    await clerk.screenshot({ path: SCREENSHOTS + 'exchange-02-number-prefix.png' })
    await numbering.getByTestId('act-submit').click()
    await expect.poll(() => clerk.getByTestId('flow-step').textContent(), { timeout: 20_000 }).toBe('用印')
    expect(await clerk.getByTestId('flow-docnumber').textContent()).toBe(`办函〔${year}〕1号`)
    // the seal is the CLI holder's (电子印章 through the UI is its own test)
    const esID = (JSON.parse(zhaoliu.ok('seal', 'list', '--json')) as { esID: string }[])[0]!.esID
    zhaoliu.ok('doc', 'act', docId, 'seal', '--seal', esID)
    await expect.poll(() => clerk.getByTestId('flow-step').textContent(), { timeout: 20_000 }).toBe('分发')

    await clerk.getByTestId('act-distribute').click()
    const form = clerk.getByRole('dialog')
    await expect.poll(() => form.getByTestId('act-main-units').textContent()).toContain('财务处')
    expect(await form.getByTestId('act-cc-units').textContent()).toContain('人事处')
    await settled(clerk)
    await clerk.screenshot({ path: SCREENSHOTS + 'exchange-03-distribute.png' })
    await form.getByTestId('act-submit').click()
    const receipts = clerk.getByTestId('receipts')
    await expect.poll(() => receipts.getByTestId('receipt-status').allTextContents(), { timeout: 20_000 }).toEqual(['已送达', '已送达'])
    expect(await clerk.getByTestId('receipt-cwc').textContent()).toContain('吴十一、冯十三')
  })

  it('财务处\'s 收发员 gets the 正本 read-only, with the 文号 and the seal, verified, and signs for it offline', async () => {
    // both of the unit's 收发员 have it to 签收
    await unitB2.getByTestId('menu-inbox').click()
    const waiting = unitB2.getByRole('row').filter({ hasText: TITLE })
    await expect.poll(() => waiting.count(), { timeout: 20_000 }).toBe(1)
    expect(await waiting.textContent()).toContain('收文签收')
    await open(unitB)
    const banner = unitB.getByTestId('original-banner')
    await banner.waitFor()
    expect(await banner.textContent()).toContain('政通示范厅')
    expect(await unitB.getByTestId('original-docnumber').textContent()).toBe(`办函〔${year}〕1号`)
    expect(await unitB.getByTestId('doc-title').getAttribute('readonly')).not.toBeNull()
    await unitB.screenshot({ path: SCREENSHOTS + 'exchange-04-original.png' })

    await unitB.getByTestId('tab-page').click()
    const page = unitB.getByTestId('page-view')
    await expect.poll(() => page.locator('svg image').count()).toBe(1)
    expect(await page.textContent()).toContain(`办函〔${year}〕1号`)
    expect(await page.textContent()).toContain('政通示范厅文件')
    await page.locator('svg image').scrollIntoViewIfNeeded()
    await unitB.screenshot({ path: SCREENSHOTS + 'exchange-05-original-page.png' })
    await unitB.getByTestId('tab-seals').click()
    await expect.poll(() => unitB.getByTestId('verify-report').getAttribute('data-ok'), { timeout: 15_000 }).toBe('true')

    await unitB.context().setOffline(true)
    await unitB.getByTestId('act-receive').click()
    await unitB.getByRole('dialog').getByTestId('act-submit').click()
    await unitB.getByTestId('flow-pending').waitFor()
    await unitB.context().setOffline(false)
    await expect.poll(() => unitB.getByTestId('flow-step').textContent(), { timeout: 30_000 }).toBe('登记')
    // signed for the unit: out of the other 收发员's 待办
    await expect.poll(() => waiting.count(), { timeout: 20_000 }).toBe(0)
    // 登记: the 来文 fields are the 正本's, shown and fixed; the 收文编号 is typed
    await unitB.getByTestId('act-register').click()
    const form = unitB.getByRole('dialog')
    expect(await form.getByTestId('reg-sourceNumber').inputValue()).toBe(`办函〔${year}〕1号`)
    expect(await form.getByTestId('reg-sourceNumber').isDisabled()).toBe(true)
    await form.getByTestId('reg-serial').fill('财收〔2026〕1号')
    await settled(unitB)
    await unitB.screenshot({ path: SCREENSHOTS + 'exchange-09-register.png' })
    await form.getByTestId('act-submit').click()
    await expect.poll(() => unitB.getByTestId('flow-step').textContent(), { timeout: 20_000 }).toBe('初审')
  })

  it('人事处\'s 收发员 returns it (退文) with a reason', async () => {
    await open(unitC)
    await unitC.getByTestId('act-reject').click()
    const form = unitC.getByRole('dialog')
    await form.getByTestId('act-reason').fill('非我处主管事项，请改送财务处')
    await settled(unitC)
    await unitC.screenshot({ path: SCREENSHOTS + 'exchange-06-reject.png' })
    await form.getByTestId('act-submit').click()
    await expect.poll(() => unitC.getByTestId('flow-step').textContent(), { timeout: 20_000 }).toBe('已退文')
  })

  it('the sender sees the receipt table: 已签收 and 已退文 with times and the reason', async () => {
    const receipts = clerk.getByTestId('receipts')
    await expect.poll(() => receipts.getByTestId('receipt-status').allTextContents(), { timeout: 20_000 }).toEqual(['已签收', '已退文'])
    expect(await clerk.getByTestId('receipt-rsc').textContent()).toContain('非我处主管事项')
    expect(await clerk.getByTestId('receipt-cwc').textContent()).not.toContain('冯十三')
    await receipts.scrollIntoViewIfNeeded()
    await clerk.screenshot({ path: SCREENSHOTS + 'exchange-07-receipts.png' })
    // the 文书 who distributed it is told of the 退文 in 待办
    await clerk.getByTestId('menu-inbox').click()
    await clerk.getByText('人事处 退文：非我处主管事项，请改送财务处').waitFor()
  })

  it('the relay refuses an edit of the copy', async () => {
    const copy = (JSON.parse(cliUser(server, 'wushiyi').ok('inbox', '--json')) as { items: { room: string; kind: string }[] }).items.find((i) => i.kind === 'incoming')!.room
    const editor = await session(server, 'wushiyi', copy)
    await editor.whenSynced()
    editor.doc.getMap('meta').set('title', '被改的标题')
    await expect.poll(() => auditRecords(server).some((r) => r.type === 'sync.write_refused' && r.actor === 'wushiyi')).toBe(true)
    await unitB.getByTestId('tab-body').click()
    expect(await unitB.getByTestId('doc-title').inputValue()).toBe(TITLE)
  })
})
