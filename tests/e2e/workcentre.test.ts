// The work centre through the UI (issue 16): sign-in lands on the 工作台 with every kind of item
// waiting and the 通知公告; one 待办 holds a 公文 step, a 收文 to 签收, a booking to approve, a
// 会议通知 and a 督办 task, each leaving when done — 签收 (batch) and the booking approved while
// offline leave at once and reach the server and the other user when the network is back; a
// returned 公文 arrives in the drafter's 待办. Every place has an address: a meeting opened by
// its link, reloads kept, back returns. The screen watermark is on the document and survives the
// page's CSS and a script removing it.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newServer, type TestServer } from '../support/newServer'
import { cliUser, type CliUser } from '../support/ztCli'
import { SCREENSHOTS, launchChromium, passKeyGate, signIn } from './browser'

let server: TestServer
let browser: Browser
let ctxLi: BrowserContext
let li: Page, zhang: Page
let zhangsan: CliUser
let docId: string, meetingId: string

const DOC = '关于报送年度工作总结的通知'
const INCOMING = '关于开展节前安全检查的通知'
const MEETING = '年终工作部署会'
const BULLETIN = '关于元旦放假安排的通知'
const idOf = (out: string): string => /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(out)![1]!
// a time `days` ahead at `hour`, as the CLI takes it (the agency's zone)
const ahead = (days: number, hour: number): string => `${new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)} ${String(hour).padStart(2, '0')}:00`
const status = (p: Page) => p.getByTestId('sync-status').textContent()
const todoRows = (p: Page) => p.getByTestId('inbox-page').locator('tbody tr.ant-table-row')

async function person(username: string): Promise<[BrowserContext, Page]> {
  const ctx = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await ctx.newPage()
  await signIn(page, `${server.url}/app/`, username, { stay: true })
  return [ctx, page]
}

beforeAll(async () => {
  server = await newServer()
  const admin = cliUser(server, 'admin')
  zhangsan = cliUser(server, 'zhangsan')
  admin.ok('room', 'create', '--id', 'r1', '--name', '第一会议室', '--seats', '20', '--approver', 'lisi')
  admin.ok('bulletin', 'post', '--title', BULLETIN, '--body', '1月1日放假一天。', '--pinned')
  const body = join(zhangsan.home, 'body.txt')
  writeFileSync(body, '请各处室于月底前报送年度工作总结。')
  // a 公文 at 核稿 with 李四
  docId = idOf(zhangsan.ok('doc', 'create', '--title', DOC, '--type', '通知', '--body-file', body))
  zhangsan.ok('doc', 'submit', docId, '--to', 'lisi')
  // a 公文 issued and distributed to 李四: her 收文 to 签收
  const zhoujiu = cliUser(server, 'zhoujiu'), wangwu = cliUser(server, 'wangwu'), zhaoliu = cliUser(server, 'zhaoliu')
  const out = idOf(zhangsan.ok('doc', 'create', '--title', INCOMING, '--type', '通知', '--body-file', body))
  zhangsan.ok('doc', 'submit', out, '--to', 'zhoujiu')
  zhoujiu.ok('doc', 'act', out, 'approve', '--next', 'signoff', '--to', 'wangwu')
  wangwu.ok('doc', 'act', out, 'signoff', '--opinion', '同意印发', '--to', 'zhaoliu')
  zhaoliu.ok('doc', 'act', out, 'number')
  zhaoliu.ok('doc', 'act', out, 'seal')
  zhaoliu.ok('doc', 'act', out, 'distribute', '--to', 'lisi')
  // a booking of the room 李四 approves, with her invited
  meetingId = idOf(zhangsan.ok('meeting', 'request', '--title', MEETING, '--room', 'r1', '--start', ahead(1, 10), '--end', ahead(1, 11), '--invite', 'lisi'))
  browser = await launchChromium()
  ;[ctxLi, li] = await person('lisi')
  ;[, zhang] = await person('zhangsan')
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

describe('工作台 and one 待办', () => {
  it('lands on the 工作台 with every kind waiting and the 通知公告', async () => {
    await li.getByTestId('workbench').waitFor()
    expect(li.url()).toMatch(/\/app\/(#\/)?$/)
    for (const kind of ['doc', 'receive', 'booking']) {
      await expect.poll(() => li.getByTestId(`workbench-kind-${kind}`).textContent(), { timeout: 20_000 }).toMatch(/1$/)
    }
    await expect.poll(() => li.getByTestId('workbench-todo-total').textContent()).toContain('共 3 件待办')
    expect(await li.getByTestId('bulletin').textContent()).toContain(BULLETIN)
    await zhang.getByTestId('workbench').waitFor()
    await expect.poll(() => zhang.getByTestId('meetings-week').or(zhang.getByTestId('meetings-today')).first().textContent(), { timeout: 20_000 }).toContain(MEETING)
    await li.screenshot({ path: SCREENSHOTS + 'workcentre-01-workbench.png' })
  })

  it('签收 in a batch and a booking approved offline leave 待办 at once, and take effect when back online', async () => {
    await li.getByTestId('menu-inbox').click()
    await expect.poll(() => todoRows(li).count(), { timeout: 20_000 }).toBe(3)
    expect(await li.getByTestId('inbox-kinds').textContent()).toMatch(/公文 1.*收文签收 1.*会议室审核 1/)
    await li.screenshot({ path: SCREENSHOTS + 'workcentre-02-inbox.png' })

    await ctxLi.setOffline(true)
    await expect.poll(() => status(li)).toContain('离线')
    const incoming = todoRows(li).filter({ hasText: INCOMING })
    await incoming.locator('input[type=checkbox]').check()
    await li.getByTestId('inbox-batch').click()
    await expect.poll(() => todoRows(li).filter({ hasText: INCOMING }).count()).toBe(0)

    await todoRows(li).filter({ hasText: MEETING }).click()
    await expect.poll(() => li.url()).toContain('#/meetings')
    await li.getByTestId(`approve-${meetingId}`).getByRole('button', { name: /确\s*认/ }).click()
    await li.goBack()
    await li.getByTestId('inbox-page').waitFor()
    await expect.poll(() => todoRows(li).count()).toBe(1)
    await li.getByTestId('inbox-tab-done').click()
    await expect.poll(() => todoRows(li).filter({ hasText: '待同步' }).count()).toBe(2)
    // the organiser, online, still sees the meeting waiting for its approval
    expect(await zhang.getByTestId('meetings-week').or(zhang.getByTestId('meetings-today')).first().textContent()).toContain('待审核')

    await ctxLi.setOffline(false)
    await expect.poll(() => status(li), { timeout: 20_000 }).toBe('在线')
    await expect.poll(() => todoRows(li).filter({ hasText: '待同步' }).count(), { timeout: 20_000 }).toBe(0)
    await expect.poll(() => zhang.getByTestId('meetings-week').or(zhang.getByTestId('meetings-today')).first().textContent(), { timeout: 20_000 }).not.toContain('待审核')
    expect(JSON.parse(zhangsan.ok('meeting', 'show', meetingId, '--json'))).toMatchObject({ status: 'confirmed' })
    // 签收 accepted: the 收文 copy of the 正本 is back in her 待办 at 登记 (its own 收文 flow)
    await li.getByTestId('inbox-tab-todo').click()
    await expect.poll(() => todoRows(li).filter({ hasText: INCOMING }).textContent(), { timeout: 20_000 }).toContain('登记')
  })

  it('opens a meeting by its address, keeps it across a reload, and the notice leaves 待办 once answered', async () => {
    await li.goto(`${server.url}/app/#/meeting/${meetingId}`)
    await passKeyGate(li)
    await li.getByTestId('meeting-drawer').waitFor()
    await li.reload()
    await passKeyGate(li)
    await li.getByTestId('meeting-drawer').waitFor()
    expect(li.url()).toContain(`#/meeting/${meetingId}`)

    // the 待办 never says it is empty before its rows are read from this machine: watched from the
    // first moment of each page load
    await ctxLi.addInitScript(() => {
      const w = window as unknown as { sawEmpty: boolean }
      w.sawEmpty = false
      new MutationObserver(() => {
        if (document.querySelector('[data-testid=inbox-page]')?.textContent?.includes('没有待办事项')) w.sawEmpty = true
      }).observe(document, { subtree: true, childList: true, characterData: true })
    })
    await li.goto(`${server.url}/app/#/inbox`)
    await li.reload()
    await passKeyGate(li)
    await expect.poll(() => todoRows(li).filter({ hasText: '会议通知，请回执' }).count(), { timeout: 20_000 }).toBe(1)
    expect(await li.evaluate(() => (window as unknown as { sawEmpty: boolean }).sawEmpty)).toBe(false)

    await todoRows(li).filter({ hasText: '会议通知，请回执' }).click()
    await li.getByTestId('meeting-drawer').getByTestId('reply-attend').click()
    await li.goBack()
    await expect.poll(() => todoRows(li).filter({ hasText: MEETING }).count(), { timeout: 20_000 }).toBe(0)
    expect(await li.getByTestId('inbox-notices').count() === 0 || !(await li.getByTestId('inbox-notices').textContent())?.includes('请回执')).toBe(true)
  })

  it('opens a 公文 from 待办 under a watermark the page cannot hide; reload and back keep the place; returned, it reaches the drafter', async () => {
    await todoRows(li).filter({ hasText: DOC }).click()
    await li.getByTestId('flow-panel').waitFor()
    expect(li.url()).toContain(`#/doc/${docId}`)
    const mark = li.getByTestId('watermark')
    await expect.poll(() => mark.getAttribute('data-watermark-text')).toMatch(/^李四 · 办公室 · \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    // the page's own CSS cannot hide it, nor a script remove it
    await li.addStyleTag({ content: '[data-testid=watermark] { display: none !important; opacity: 0 !important; visibility: hidden !important; }' })
    expect(await mark.evaluate((el) => { const s = getComputedStyle(el); return [s.display, s.opacity, s.visibility] })).toEqual(['block', '1', 'visible'])
    await mark.evaluate((el) => el.remove())
    await expect.poll(() => li.getByTestId('watermark').count()).toBe(1)
    await li.screenshot({ path: SCREENSHOTS + 'workcentre-03-watermark.png' })

    await li.reload()
    await passKeyGate(li)
    await li.getByTestId('flow-panel').waitFor()
    await li.goBack()
    await li.getByTestId('inbox-page').waitFor()
    await li.goForward()
    await li.getByTestId('flow-panel').waitFor()

    await li.getByTestId('act-return').click()
    await li.getByRole('dialog').getByTestId('act-reason').fill('请补充各处室报送时限')
    await li.getByRole('dialog').getByTestId('act-submit').click()
    await li.getByTestId('menu-inbox').click()
    await expect.poll(() => todoRows(li).filter({ hasText: DOC }).count(), { timeout: 20_000 }).toBe(0)
    await zhang.getByTestId('menu-inbox').click()
    await expect.poll(() => todoRows(zhang).filter({ hasText: DOC }).count(), { timeout: 20_000 }).toBe(1)
    expect(await todoRows(zhang).filter({ hasText: DOC }).textContent()).toContain('拟稿')
  })

  it('a 督办 task arrives while the page is open and leaves once 办结', async () => {
    zhangsan.ok('meeting', 'task', meetingId, '--text', '报送年终总结', '--owner', 'lisi', '--due', ahead(0, 0).slice(0, 10))
    await expect.poll(() => todoRows(li).filter({ hasText: '报送年终总结' }).count(), { timeout: 20_000 }).toBe(1)
    expect(await todoRows(li).filter({ hasText: '报送年终总结' }).textContent()).toContain('即将超时')
    await li.getByTestId('task-done-报送年终总结').click()
    await li.getByTestId('task-result').fill('已报送')
    await li.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click()
    await expect.poll(() => todoRows(li).filter({ hasText: '报送年终总结' }).count(), { timeout: 20_000 }).toBe(0)
  })
})
