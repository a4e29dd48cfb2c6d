// 办会 through the UI: a drafter books a room for a meeting, sees it held (待审核) in the week
// grid, the room's 审核人 confirms it; a request made offline shows 待确认 and, since the slot
// is taken by then, comes back refused with the meeting in the way named.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newServer, type TestServer } from '../support/newServer'
import { cliUser } from '../support/ztCli'
import { SCREENSHOTS, launchChromium, signIn } from './browser'

let server: TestServer
let browser: Browser
let organiser: Page, approver: Page, other: Page

// times around now, written in the browser's zone (Asia/Shanghai): the meeting is on now, so one
// may check in, and the current week's grid shows it
const cst = (offsetMin: number): string => new Date(Date.now() + offsetMin * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

async function person(username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await ctx.newPage()
  await signIn(page, `${server.url}/app/`, username)
  await page.getByTestId('menu-meetings').click()
  return page
}

async function request(p: Page, title: string, from: string, to: string, invitee?: string): Promise<void> {
  await p.getByTestId('meeting-request').click()
  const dialog = p.getByRole('dialog')
  await dialog.getByTestId('meeting-title').fill(title)
  await dialog.getByTestId('meeting-room').click()
  await p.locator('.ant-select-item-option').filter({ hasText: '第一会议室' }).click()
  const inputs = dialog.locator('.ant-picker-range input')
  await inputs.first().click()
  await inputs.first().fill(from)
  await p.keyboard.press('Enter')
  await inputs.last().fill(to)
  await p.keyboard.press('Enter')
  if (invitee) {
    await dialog.getByTestId('meeting-invitees').click()
    await p.keyboard.type(invitee)
    await p.keyboard.press('Enter')
    await p.keyboard.press('Escape')
  }
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click()
}

beforeAll(async () => {
  server = await newServer()
  cliUser(server, 'admin').ok('room', 'create', '--id', 'r1', '--name', '第一会议室', '--location', '主楼 3 层', '--seats', '20', '--approver', 'zhaoliu')
  browser = await launchChromium()
  organiser = await person('zhangsan')
  approver = await person('zhaoliu')
  other = await person('lisi')
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

describe('办会 through the UI', () => {
  it('books a room; the slot is held while the 审核人 decides, then confirmed', async () => {
    for (const p of [organiser, approver, other]) await p.getByTestId('room-grid').getByText('第一会议室').waitFor({ timeout: 20_000 })
    // made offline elsewhere before the slot was taken: it waits as 待确认
    await other.context().setOffline(true)
    await request(other, '预算评审会', cst(20), cst(80))
    await expect.poll(() => other.getByTestId('booking-预算评审会').textContent()).toContain('待确认')

    await request(organiser, '年终工作部署会', cst(-10), cst(50), '赵六')
    await expect.poll(() => organiser.getByTestId('booking-年终工作部署会').textContent(), { timeout: 15_000 }).toContain('待审核')
    await organiser.screenshot({ path: SCREENSHOTS + '19-meeting-grid.png' })

    const pending = approver.locator('[data-testid^="approve-"]').filter({ hasText: '年终工作部署会' })
    await pending.waitFor({ timeout: 15_000 })
    await pending.getByRole('button', { name: /确\s*认/ }).click()
    await expect.poll(() => organiser.getByTestId('booking-年终工作部署会').textContent(), { timeout: 15_000 }).toContain('已确认')

    // the invitee (here the 审核人 too) answers the notice; the organiser sees the count
    await approver.getByTestId('booking-年终工作部署会').click()
    await approver.getByTestId('reply-attend').click()
    await organiser.getByTestId('booking-年终工作部署会').click()
    await expect.poll(() => organiser.getByTestId('reply-counts').textContent(), { timeout: 15_000 }).toMatch(/参加1/)
    await organiser.waitForTimeout(600) // let the drawer finish sliding in before the picture
    await organiser.screenshot({ path: SCREENSHOTS + '21-meeting-replies.png' })

    // the organiser sets the agenda and shows the 签到码; the invitee pastes it and is checked in
    await organiser.getByTestId('agenda-input').fill('审议年终工作安排')
    await organiser.getByTestId('agenda-add').click()
    await expect.poll(() => approver.getByTestId('agenda').textContent(), { timeout: 15_000 }).toContain('审议年终工作安排')
    const code = (await organiser.getByTestId('checkin-code-text').textContent({ timeout: 15_000 }))!.trim()
    await organiser.getByTestId('checkin-code').locator('img').waitFor()
    await organiser.screenshot({ path: SCREENSHOTS + '22-checkin-code.png' })
    await approver.getByTestId('checkin-input').fill(code)
    await approver.getByTestId('checkin').click()
    await expect.poll(() => organiser.getByTestId('invitee-赵六').textContent(), { timeout: 15_000 }).toContain('已到')

    // minutes: the organiser names 赵六 记录人; both write the draft together
    await organiser.getByTestId('takers').last().click()
    await organiser.keyboard.type('赵六')
    await organiser.keyboard.press('Enter')
    await organiser.getByTestId('minutes').locator('.doc-meta-label').click() // closes the list, not the drawer
    await organiser.getByTestId('set-takers').click()
    await expect.poll(() => approver.getByTestId('minutes-body').getAttribute('contenteditable'), { timeout: 20_000 }).toBe('true')
    await approver.getByTestId('minutes-body').click()
    await approver.keyboard.type('会议决定：各处室于12月10日前报送年终总结。')
    await expect.poll(() => organiser.getByTestId('minutes-body').textContent(), { timeout: 15_000 }).toContain('各处室于12月10日前报送年终总结')

    // a decided item becomes 赵六's 督办 task; done from the 待办, the organiser sees it 办结
    await organiser.getByTestId('task-text').fill('报送年终总结')
    await organiser.getByTestId('task-owner').last().click()
    await organiser.keyboard.type('赵六')
    await organiser.keyboard.press('Enter')
    await organiser.getByTestId('decisions').locator('span').first().click()
    await organiser.getByTestId('task-due').click()
    await organiser.keyboard.type(cst(24 * 60).slice(0, 10))
    await organiser.keyboard.press('Enter')
    await organiser.getByTestId('task-assign').click()
    await approver.keyboard.press('Escape')
    await approver.getByTestId('menu-inbox').click()
    await approver.getByTestId('inbox-tab-tasks').click()
    await approver.getByTestId('task-done-报送年终总结').click({ timeout: 15_000 })
    await approver.getByTestId('task-result').fill('已报送')
    await approver.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click()
    await expect.poll(() => organiser.getByTestId('decisions').textContent(), { timeout: 15_000 }).toContain('办结')
    await organiser.keyboard.press('Escape')
  })

  it('refuses the offline request on arrival, naming the meeting in the way', async () => {
    await other.context().setOffline(false)
    const rejected = other.getByTestId('meeting-rejected')
    await rejected.waitFor({ timeout: 30_000 })
    expect(await rejected.textContent()).toContain('已被“年终工作部署会”占用')
    await other.screenshot({ path: SCREENSHOTS + '20-meeting-clash.png' })
  })
})
