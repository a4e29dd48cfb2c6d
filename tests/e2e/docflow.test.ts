// A 公文 from 拟稿 to 编号 through the UI, four people in four browser contexts: the drafter
// sends it to review, the reviewer sends it to the leader, the leader signs it off (with a
// handwritten opinion) while offline, and the 文书 numbers it once the sign-off has synced.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cstYear } from '../../src/core/docflow/docNumber'
import { newServer, type TestServer } from '../support/newServer'
import { SCREENSHOTS, launchChromium, signIn } from './browser'

let server: TestServer
let browser: Browser
const contexts: BrowserContext[] = []
let drafter: Page, reviewer: Page, leader: Page, clerk: Page

const TITLE = '关于做好冬季安全生产工作的通知'
const year = cstYear(new Date())

async function person(username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' })
  contexts.push(ctx)
  const page = await ctx.newPage()
  await signIn(page, `${server.url}/app/`, username)
  return page
}

/** Picks people in an antd select by typing their names. */
async function pick(p: Page, testId: string, ...names: string[]): Promise<void> {
  const select = p.getByTestId(testId).last()
  for (const name of names) {
    await select.click()
    await p.keyboard.type(name)
    await p.keyboard.press('Enter')
  }
  await p.keyboard.press('Escape')
}

/** Opens the document from the 待办 list. */
async function openFromInbox(p: Page): Promise<void> {
  await p.getByTestId('menu-inbox').click()
  const row = p.getByRole('row').filter({ hasText: TITLE })
  await row.waitFor({ timeout: 20_000 })
  await row.click()
  await p.getByTestId('flow-panel').waitFor()
}

beforeAll(async () => {
  server = await newServer()
  browser = await launchChromium()
  drafter = await person('zhangsan')
  reviewer = await person('lisi')
  leader = await person('wangwu')
  clerk = await person('zhaoliu')
})

afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

describe('发文 through the UI', () => {
  it('the drafter writes a 通知 and sends it to 核稿', async () => {
    await drafter.getByTestId('new-doc').click()
    await drafter.getByTestId('new-doc-title').fill(TITLE)
    await drafter.getByLabel('主送机关').fill('各处室')
    await drafter.getByLabel('发文机关标志（红头）').fill('某省数字政府管理厅文件')
    await drafter.getByLabel('发文机关署名').fill('某省数字政府管理厅')
    await drafter.getByRole('button', { name: /创\s*建/ }).click()
    await drafter.getByTestId('doc-body').click()
    await drafter.keyboard.type('为切实做好今冬明春安全生产工作，现将有关事项通知如下。')
    await drafter.keyboard.press('Enter')
    await drafter.keyboard.type('一、压实安全生产责任。各处室要明确责任人，逐项落实。')
    await expect.poll(() => drafter.getByTestId('flow-step').textContent()).toBe('拟稿')
    // an attachment, kept by SM3 and uploaded before the document moves on
    await drafter.locator('[data-testid="attachments"] input[type=file]').setInputFiles({ name: '安全检查清单.txt', mimeType: 'text/plain', buffer: Buffer.from('一、消防通道\n二、用电安全\n') })
    await drafter.getByTestId('attachments').getByText('安全检查清单.txt').waitFor()

    await drafter.getByTestId('act-submit').first().click()
    await pick(drafter, 'act-to', '李四')
    await drafter.getByRole('dialog').getByTestId('act-submit').click()
    await expect.poll(() => drafter.getByTestId('flow-step').textContent(), { timeout: 20_000 }).toBe('核稿')
    // the drafter can no longer edit: the step is the reviewer's
    await expect.poll(() => drafter.getByTestId('doc-body').getAttribute('contenteditable')).toBe('false')
  })

  it('the reviewer finds it in 待办 and sends it to the leader for 签发', async () => {
    await expect.poll(() => reviewer.getByTestId('todo-badge').textContent(), { timeout: 20_000 }).toContain('1')
    await openFromInbox(reviewer)
    // 核稿 may edit: the reviewer adds a sentence, kept as her 修改痕迹
    await expect.poll(() => reviewer.getByTestId('doc-body').getAttribute('contenteditable')).toBe('true')
    await reviewer.getByTestId('doc-body').locator('p').last().click()
    await reviewer.keyboard.press('End')
    await reviewer.keyboard.type('请于12月10日前报送落实情况。')
    await reviewer.screenshot({ path: SCREENSHOTS + '11-review.png' })
    await reviewer.getByTestId('act-approve').click()
    const dialog = reviewer.getByRole('dialog')
    await dialog.getByText('签发', { exact: true }).click()
    await pick(reviewer, 'act-to', '王五')
    await dialog.getByTestId('act-opinion').fill('请王厅长签发')
    await dialog.getByTestId('act-submit').click()
    await expect.poll(() => reviewer.getByTestId('flow-step').textContent(), { timeout: 20_000 }).toBe('签发')
  })

  it('the leader signs it off offline, with a handwritten opinion; it lands when back online', async () => {
    await openFromInbox(leader)
    await leader.getByTestId('act-form-signoff').waitFor()
    // the attachment is fetched while online, so it opens offline
    await leader.getByTestId('attachments').getByText('本机可用').waitFor({ timeout: 15_000 })
    // the leader sees what the reviewer changed, in her colour and with her name
    await leader.getByTestId('tab-trace').click()
    const inserted = leader.locator('[data-testid="trace-view"] .trace-ins[data-author="李四"]')
    await expect.poll(() => inserted.first().textContent(), { timeout: 15_000 }).toContain('请于12月10日前报送落实情况')
    await leader.screenshot({ path: SCREENSHOTS + '14-trace.png' })
    await leader.getByTestId('tab-body').click()
    await leader.context().setOffline(true)
    await expect.poll(() => leader.getByTestId('sync-status').textContent()).toContain('离线')
    const download = leader.waitForEvent('download')
    await leader.getByTestId('attachments').getByRole('button', { name: /下\s*载/ }).click()
    expect((await download).suggestedFilename()).toBe('安全检查清单.txt')

    await leader.getByText('同意印发', { exact: true }).click()
    const pad = leader.getByTestId('ink-pad')
    const box = (await pad.boundingBox())!
    await leader.mouse.move(box.x + 40, box.y + 60)
    await leader.mouse.down()
    for (let i = 1; i <= 12; i++) await leader.mouse.move(box.x + 40 + i * 18, box.y + 60 + Math.sin(i) * 25)
    await leader.mouse.up()
    await pick(leader, 'act-to', '赵六')
    await leader.screenshot({ path: SCREENSHOTS + '12-leader-signoff.png' })
    await leader.getByTestId('act-form-signoff').getByTestId('act-submit').click()
    await leader.getByTestId('flow-pending').waitFor()
    expect(await leader.getByTestId('flow-step').textContent()).toBe('签发')

    await leader.context().setOffline(false)
    await expect.poll(() => leader.getByTestId('flow-step').textContent(), { timeout: 30_000 }).toBe('复核编号')
    await leader.getByTestId('tab-form').click()
    const form = leader.getByTestId('processing-form')
    await expect.poll(() => form.textContent()).toContain('同意印发')
    expect(await form.locator('img.ink-image').count()).toBe(1)
  })

  it('the 文书 numbers it: 办发〔year〕1号 appears in the flow and on the GB/T 9704 page', async () => {
    await openFromInbox(clerk)
    await clerk.getByTestId('act-number').click()
    await clerk.getByRole('dialog').getByTestId('act-submit').click()
    await expect.poll(() => clerk.getByTestId('flow-docnumber').textContent(), { timeout: 20_000 }).toBe(`办发〔${year}〕1号`)
    await clerk.getByTestId('tab-page').click()
    const page = clerk.getByTestId('page-view')
    await expect.poll(() => page.textContent()).toContain(`办发〔${year}〕1号`)
    expect(await page.textContent()).toContain('某省数字政府管理厅文件')
    await clerk.screenshot({ path: SCREENSHOTS + '13-numbered-page.png' })

    // the drafter sees the number too, and the body stays frozen
    await expect.poll(() => drafter.getByTestId('flow-docnumber').textContent(), { timeout: 20_000 }).toBe(`办发〔${year}〕1号`)
  })
})
