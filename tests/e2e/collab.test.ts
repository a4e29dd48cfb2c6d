// Two people, two browser contexts, one document: live co-editing with presence, one of them
// offline for a while (and reloading the app while offline), then both converge without a click.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newServer, type TestServer } from '../support/newServer'
import { SCREENSHOTS, launchChromium, signIn } from './browser'

let server: TestServer
let browser: Browser
let ctxA: BrowserContext
let ctxB: BrowserContext
let a: Page
let b: Page

const TITLE = '关于加快推进数字政府建设的通知'
const body = (p: Page) => p.getByTestId('doc-body')
/** The document text as its reader sees it, without the other users' caret labels. */
const docText = (p: Page): Promise<string> =>
  body(p).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove())
    return [...copy.querySelectorAll('p')].map((x) => x.textContent).join('\n')
  })

beforeAll(async () => {
  server = await newServer()
  browser = await launchChromium()
  ctxA = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  ctxB = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  a = await ctxA.newPage()
  b = await ctxB.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

describe('co-editing a document', () => {
  it('signs in, creates a document and shares it', async () => {
    await a.goto(`${server.url}/app/`)
    await a.getByLabel('用户名').waitFor()
    await a.screenshot({ path: SCREENSHOTS + '01-login.png' })
    await signIn(a, `${server.url}/app/`, 'zhangsan')
    await expect.poll(() => a.getByTestId('sync-status').textContent()).toBe('在线')

    await a.getByTestId('new-doc').click()
    await a.getByTestId('new-doc-title').fill(TITLE)
    await a.getByRole('button', { name: /创\s*建/ }).click()
    await body(a).click()
    await a.keyboard.type('张三起草的第一段。')

    await a.getByTestId('share').click()
    await a.getByTestId('share-user').click()
    await a.keyboard.type('李四')
    await a.keyboard.press('Enter')
    await a.getByRole('button', { name: /共\s*享/ }).last().click()
    await expect.poll(() => a.getByTestId('sync-status').textContent(), { timeout: 15_000 }).toBe('在线')
  })

  it('shows the other user the document, and each other\u2019s edits live with presence', async () => {
    await signIn(b, `${server.url}/app/`, 'lisi')
    await b.getByText(TITLE).waitFor({ timeout: 15_000 })
    await b.screenshot({ path: SCREENSHOTS + '02-document-list.png' })
    await b.getByText(TITLE).click()
    await expect.poll(() => body(b).textContent(), { timeout: 15_000 }).toContain('张三起草的第一段。')

    await body(b).click()
    await b.keyboard.press('End')
    await b.keyboard.press('Enter')
    await b.keyboard.type('李四补充的第二段。')
    await expect.poll(() => body(a).textContent(), { timeout: 15_000 }).toContain('李四补充的第二段。')
    await expect.poll(() => a.getByTestId('presence-peer').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await expect.poll(() => b.getByTestId('presence-peer').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await a.screenshot({ path: SCREENSHOTS + '03-editor-two-users.png' })
  })

  it('keeps working offline, survives a reload while offline, and converges when back online', async () => {
    // the app shell must be cached before the network goes
    await a.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await ctxA.setOffline(true)
    await expect.poll(() => a.getByTestId('sync-status').textContent()).toContain('离线')

    await body(a).click()
    await a.keyboard.press('Control+End')
    await a.keyboard.press('Enter')
    await a.keyboard.type('张三离线时写的第三段。')
    await body(b).click()
    await b.keyboard.press('Control+End')
    await b.keyboard.press('Enter')
    await b.keyboard.type('李四在线写的第四段。')

    await expect.poll(() => a.getByTestId('sync-status').textContent()).toMatch(/离线 · \d+ 项待同步/)
    await a.screenshot({ path: SCREENSHOTS + '04-offline-pending.png' })
    expect(await body(b).textContent()).not.toContain('张三离线时写的第三段。')

    // quit and reopen while still offline: everything is still there
    await a.waitForTimeout(1000) // let IndexedDB settle the last keystrokes
    await a.reload()
    await a.getByTestId('current-user').waitFor({ timeout: 15_000 })
    await a.getByText(TITLE).click()
    await expect.poll(() => body(a).textContent(), { timeout: 15_000 }).toContain('张三离线时写的第三段。')

    await ctxA.setOffline(false)
    const merged = async (): Promise<boolean> => {
      const [ta, tb] = [await docText(a), await docText(b)]
      return ta === tb && ta.includes('张三离线时写的第三段。') && ta.includes('李四在线写的第四段。')
    }
    await expect.poll(merged, { timeout: 20_000 }).toBe(true)
    await expect.poll(() => a.getByTestId('sync-status').textContent(), { timeout: 15_000 }).toBe('在线')
  })

  it('lists the directory and finds people in either script', async () => {
    await a.getByText('通讯录').first().click()
    await a.getByText('王五').waitFor()
    await a.screenshot({ path: SCREENSHOTS + '05-directory.png' })
    await a.getByPlaceholder('搜索姓名、单位、职务或用户名').fill('財務')
    await expect.poll(() => a.locator('tbody tr').count()).toBe(1)
    await expect(a.locator('tbody').textContent()).resolves.toContain('周九')
  })
})
