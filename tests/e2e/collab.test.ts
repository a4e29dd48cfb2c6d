// Two people, two browser contexts, one document: live co-editing with presence, one of them
// offline for a while (and reloading the app while offline), then both converge without a click.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newServer, type TestServer } from '../support/newServer'
import { SCREENSHOTS, launchChromium, passKeyGate, signIn } from './browser'

let server: TestServer
let browser: Browser
let ctxA: BrowserContext
let ctxB: BrowserContext
let a: Page
let b: Page

const TITLE = '关于加快推进数字政府建设的通知'
const OFFLINE_TITLE = '关于做好离线办公保障工作的函'
const body = (p: Page) => p.getByTestId('doc-body')
const status = (p: Page) => p.getByTestId('sync-status').textContent()

/** The owner shares the open document through the 共享 dialog. */
async function shareWith(p: Page, name: string): Promise<void> {
  await p.getByTestId('share').click()
  await p.getByTestId('share-user').click()
  await p.keyboard.type(name)
  await p.keyboard.press('Enter')
  await p.getByRole('button', { name: /共\s*享/ }).last().click()
}
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
    await expect.poll(() => status(a)).toBe('在线')

    await a.getByTestId('new-doc').click()
    await a.getByTestId('new-doc-title').fill(TITLE)
    await a.getByRole('button', { name: /创\s*建/ }).click()
    await body(a).click()
    await a.keyboard.type('张三起草的第一段。')

    await shareWith(a, '李四')
    await expect.poll(() => status(a), { timeout: 15_000 }).toBe('在线')
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
    await expect.poll(() => status(a)).toContain('离线')

    await body(a).click()
    await a.keyboard.press('Control+End')
    await a.keyboard.press('Enter')
    await a.keyboard.type('张三离线时写的第三段。')
    await body(b).click()
    await b.keyboard.press('Control+End')
    await b.keyboard.press('Enter')
    await b.keyboard.type('李四在线写的第四段。')

    await expect.poll(() => status(a)).toMatch(/离线 · \d+ 项待同步/)
    await a.screenshot({ path: SCREENSHOTS + '04-offline-pending.png' })
    expect(await body(b).textContent()).not.toContain('张三离线时写的第三段。')

    // quit and reopen while still offline: everything is still there. A second tab opened offline
    // shows the text once it is in IndexedDB, so the reload cannot race the last keystrokes.
    const second = await ctxA.newPage()
    await second.goto(`${server.url}/app/`)
    await passKeyGate(second)
    await second.getByTestId('menu-docs').click()
    await second.getByText(TITLE).click()
    await expect.poll(() => body(second).textContent(), { timeout: 15_000 }).toContain('张三离线时写的第三段。')
    await second.close()
    await a.reload()
    // the signing key opens offline with the PIN; a wrong one is refused with a message
    const gate = a.getByTestId('key-gate')
    await gate.getByLabel('PIN 码', { exact: true }).fill('111111')
    await gate.getByRole('button', { name: /解\s*锁/ }).click()
    await expect(a.getByTestId('key-error').textContent()).resolves.toContain('PIN 码不正确')
    await a.screenshot({ path: SCREENSHOTS + '07-unlock-wrong-pin.png' })
    await passKeyGate(a)
    await a.getByTestId('menu-docs').click()
    await a.getByText(TITLE).click()
    await expect.poll(() => body(a).textContent(), { timeout: 15_000 }).toContain('张三离线时写的第三段。')

    await ctxA.setOffline(false)
    const merged = async (): Promise<boolean> => {
      const [ta, tb] = [await docText(a), await docText(b)]
      return ta === tb && ta.includes('张三离线时写的第三段。') && ta.includes('李四在线写的第四段。')
    }
    await expect.poll(merged, { timeout: 20_000 }).toBe(true)
    await expect.poll(() => status(a), { timeout: 15_000 }).toBe('在线')
  })

  it('creates a document offline, which reaches the server and the people it is shared with', async () => {
    await ctxA.setOffline(true)
    await expect.poll(() => status(a)).toContain('离线')
    await a.getByText('返回列表').click()
    await a.getByTestId('new-doc').click()
    await a.getByTestId('new-doc-title').fill(OFFLINE_TITLE)
    await a.getByRole('button', { name: /创\s*建/ }).click()
    await body(a).click()
    await a.keyboard.type('离线起草的正文。')
    await expect.poll(() => status(a)).toMatch(/离线 · \d+ 项待同步/)
    await a.getByText('返回列表').click()
    await a.getByText('待同步', { exact: false }).first().waitFor()
    await a.screenshot({ path: SCREENSHOTS + '06-offline-list.png' })

    await ctxA.setOffline(false)
    await expect.poll(() => status(a), { timeout: 20_000 }).toBe('在线')
    await a.getByText(OFFLINE_TITLE).click()
    await shareWith(a, '李四')
    await expect.poll(() => status(a), { timeout: 15_000 }).toBe('在线')

    // lisi stays signed in: the new document appears in the list without a reload
    await b.getByText('返回列表').click()
    await b.getByText(OFFLINE_TITLE).click({ timeout: 30_000 })
    await expect.poll(() => body(b).textContent(), { timeout: 15_000 }).toContain('离线起草的正文。')
  })

  it('lists the directory and finds people in either script', async () => {
    await a.getByText('通讯录').first().click()
    await a.getByText('王五').waitFor()
    await a.screenshot({ path: SCREENSHOTS + '05-directory.png' })
    await a.getByPlaceholder('搜索姓名、单位、职务或用户名').fill('財務')
    // 财务处: its 处长 and its two 收发员
    await expect.poll(() => a.locator('tbody tr').count()).toBe(3)
    const found = await a.locator('tbody').textContent()
    for (const name of ['周九', '吴十一', '冯十三']) expect(found).toContain(name)
  })

  it('refuses a command signed after the certificate was revoked, and shows its author why', async () => {
    // offline, the author does not learn of the revocation and signs on
    await ctxA.setOffline(true)
    await expect.poll(() => status(a)).toContain('离线')
    const admin = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo123' }) })
    const { token } = (await admin.json()) as { token: string }
    const revoked = await fetch(`${server.url}/api/admin/revoke`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ username: 'zhangsan' }) })
    expect(revoked.ok).toBe(true)
    await a.getByTestId('menu-docs').click()
    await a.getByText(OFFLINE_TITLE).click()
    await shareWith(a, '周九')
    await a.getByText('返回列表').click()
    // back online: revocation ended the session, so the author signs in again and the queued
    // command, signed after the revocation, is refused with the reason
    await ctxA.setOffline(false)
    await a.getByText('登录已失效，请重新登录').waitFor({ timeout: 20_000 })
    await signIn(a, `${server.url}/app/`, 'zhangsan')
    await a.getByText('以下操作被服务器拒绝').waitFor({ timeout: 20_000 })
    await expect(a.getByText('共享给 周九').first().textContent()).resolves.toContain('签名证书已被吊销')
    await a.screenshot({ path: SCREENSHOTS + '08-command-rejected.png' })
  })

  it('sends the user back to sign in once the session is revoked', async () => {
    const token = await a.evaluate(() => (JSON.parse(localStorage.getItem('zt.session') ?? '{}') as { token?: string }).token)
    const res = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
    expect(res.ok).toBe(true)
    // logout closes the sockets opened with that token; the reconnection is refused with 4401
    await a.getByText('登录已失效，请重新登录').waitFor({ timeout: 30_000 })
    await a.getByLabel('用户名').waitFor()
  })
})
