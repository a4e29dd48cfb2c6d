// Full-text search in the browser: 张三 finds a document shared with him by a two-character word
// of its body and by its traditional spelling, his own traditional-script document by simplified
// words — and never 李四's unshared document, nor the shared one once 李四 raises its 密级 above
// his clearance (the room is refused, and leaves his index).
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newServer, type TestServer } from '../support/newServer'
import { SCREENSHOTS, launchChromium, passKeyGate, signIn } from './browser'

let server: TestServer
let browser: Browser
let ctxA: BrowserContext
let ctxB: BrowserContext
let zhang: Page
let li: Page

const SHARED = '关于做好年度工作安排的函'
const PRIVATE = '内部工作备忘'
const OWN = '张三的學習筆記'

async function createDoc(p: Page, title: string, body: string): Promise<void> {
  await p.getByTestId('menu-docs').click()
  await p.getByTestId('new-doc').click()
  await p.getByTestId('new-doc-title').fill(title)
  await p.getByRole('button', { name: /创\s*建/ }).click()
  await p.getByTestId('doc-body').click()
  await p.keyboard.type(body)
}

/** What the header's dropdown offers for `query`, title by title. */
async function dropdown(p: Page, query: string): Promise<string[]> {
  const box = p.getByTestId('search-box')
  await box.fill(query)
  await p.getByTestId('search-show-all').waitFor({ timeout: 20_000 })
  return p.getByTestId('search-option').evaluateAll((els) => els.map((e) => e.querySelector('strong')?.textContent ?? e.textContent ?? ''))
}

beforeAll(async () => {
  server = await newServer()
  browser = await launchChromium()
  ctxA = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  ctxB = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  zhang = await ctxA.newPage()
  li = await ctxB.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

describe('full-text search', () => {
  it('李四 writes one document he shares with 张三 and one he keeps to himself', async () => {
    await signIn(li, `${server.url}/app/`, 'lisi')
    await createDoc(li, SHARED, '请各单位做好试点准备，持续优化营商环境。')
    await li.getByTestId('share').click()
    await li.getByTestId('share-user').click()
    await li.keyboard.type('张三')
    await li.keyboard.press('Enter')
    await li.getByRole('button', { name: /共\s*享/ }).last().click()
    await createDoc(li, PRIVATE, '试点名单和营商环境评估，仅供本人参考。')
    await expect.poll(() => li.getByTestId('sync-status').textContent(), { timeout: 20_000 }).toBe('在线')
    // 李四 finds both of his own
    await expect.poll(() => dropdown(li, '试点'), { timeout: 20_000 }).toEqual(expect.arrayContaining([SHARED, PRIVATE]))
    await li.keyboard.press('Escape')
  })

  it('张三 finds the shared one by a two-character word of its body, and not the other', async () => {
    await signIn(zhang, `${server.url}/app/`, 'zhangsan')
    await zhang.getByText(SHARED).waitFor({ timeout: 20_000 })
    await createDoc(zhang, OWN, '數據共享與政務服務的體會。')
    await expect.poll(() => dropdown(zhang, '试点'), { timeout: 20_000 }).toEqual([SHARED])
    await zhang.screenshot({ path: SCREENSHOTS + 'search-01-dropdown.png' })
    // his own traditional-script text, by simplified words
    await expect.poll(() => dropdown(zhang, '数据共享'), { timeout: 20_000 }).toEqual([OWN])
  })

  it('finds it by its traditional-script spelling, on the results page, with the match marked, and opens it', async () => {
    const box = zhang.getByTestId('search-box')
    await box.fill('營商環境')
    await zhang.getByTestId('search-show-all').waitFor()
    await box.press('Enter')
    await expect.poll(() => zhang.getByTestId('search-result').count(), { timeout: 20_000 }).toBe(1)
    const result = zhang.getByTestId('search-result').first()
    expect(await result.textContent()).toContain(SHARED)
    expect(await result.locator('mark').allTextContents()).toContain('营商环境')
    // the header's dropdown has closed
    await zhang.getByTestId('search-show-all').waitFor({ state: 'hidden', timeout: 5_000 })
    await zhang.screenshot({ path: SCREENSHOTS + 'search-02-results.png' })
    // the 公文 filter keeps it, the 会议 filter does not
    await zhang.getByTestId('search-kind').getByText('会议').click()
    await zhang.getByTestId('search-empty').waitFor()
    await zhang.getByTestId('search-kind').getByText('公文').click()
    await result.click()
    await expect.poll(() => zhang.getByTestId('doc-body').textContent(), { timeout: 15_000 }).toContain('持续优化营商环境')
  })

  it('loses it once 李四 raises its 密级 above 张三\u2019s clearance', async () => {
    await li.getByTestId('menu-docs').click()
    await li.locator('.ant-table').getByText(SHARED).click()
    await li.getByLabel('密级').click()
    await li.locator('.ant-select-item-option[title="机密"]').click()
    await expect.poll(() => li.getByTestId('sync-status').textContent(), { timeout: 20_000 }).toBe('在线')

    await zhang.getByTestId('menu-docs').click()
    const box = zhang.getByTestId('search-box')
    await box.fill('试点')
    await expect.poll(async () => {
      await zhang.getByTestId('search-show-all').waitFor()
      return zhang.getByTestId('search-option').count()
    }, { timeout: 30_000 }).toBe(0)
    expect(await zhang.getByTestId('search-show-all').textContent()).toContain('没有找到')
    await zhang.screenshot({ path: SCREENSHOTS + 'search-03-refused.png' })
    // and it stays out after a reload, offline or not
    await zhang.reload()
    await passKeyGate(zhang)
    // the index is back (his own document is found) and the refused one is still out
    await expect.poll(() => dropdown(zhang, '数据共享'), { timeout: 20_000 }).toEqual([OWN])
    await box.fill('营商')
    await zhang.getByTestId('search-show-all').waitFor({ timeout: 20_000 })
    expect(await zhang.getByTestId('search-option').count()).toBe(0)
  })
})
