// 办会 through the UI: a drafter books a room for a meeting (two invitees and one 列席), sees it
// held (待审核) in the week grid, the room's 审核人 confirms it; one invitee answers online, the
// other offline; one checks in by scanning the QR code with the camera, the 列席 is marked
// present; the minutes are written together and become a 纪要 document; the meeting is on the
// organiser's calendar and in the room's statistics. A request made offline shows 待确认 and,
// since the slot is taken by then, comes back refused with the meeting in the way named.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newServer, type TestServer } from '../support/newServer'
import { cliUser } from '../support/ztCli'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SCREENSHOTS, launchChromium, launchChromiumWithCamera, signIn } from './browser'
import { writeQrY4m } from './fakeCamera'

let server: TestServer
let browser: Browser, cameraBrowser: Browser
let organiser: Page, approver: Page, other: Page, attendee: Page
const cameraFile = join(mkdtempSync(join(tmpdir(), 'zt-camera-')), 'camera.y4m')

// times around now, written in the browser's zone (Asia/Shanghai): the meeting is on now, so one
// may check in, and the current week's grid shows it. Near midnight a meeting spans two days and
// the grid shows it in both columns: chips are looked up with .first()
const cst = (offsetMin: number): string => new Date(Date.now() + offsetMin * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

async function person(username: string, on = browser): Promise<Page> {
  const ctx = await on.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await ctx.newPage()
  await signIn(page, `${server.url}/app/`, username)
  await page.getByTestId('menu-meetings').click()
  return page
}

async function pick(p: Page, testId: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return
  await p.getByRole('dialog').getByTestId(testId).click()
  for (const n of names) {
    await p.keyboard.type(n)
    await p.keyboard.press('Enter')
  }
  await p.keyboard.press('Escape')
}

async function request(p: Page, title: string, from: string, to: string, invitees: readonly string[] = [], observers: readonly string[] = []): Promise<void> {
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
  await pick(p, 'meeting-invitees', invitees)
  await pick(p, 'meeting-observers', observers)
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click()
}

beforeAll(async () => {
  server = await newServer()
  cliUser(server, 'admin').ok('room', 'create', '--id', 'r1', '--name', '第一会议室', '--location', '主楼 3 层', '--seats', '20', '--approver', 'zhaoliu')
  browser = await launchChromium()
  writeQrY4m(cameraFile, '')
  cameraBrowser = await launchChromiumWithCamera(cameraFile)
  organiser = await person('zhangsan')
  approver = await person('zhaoliu', cameraBrowser)
  other = await person('lisi')
  attendee = await person('wangwu')
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await cameraBrowser?.close()
  await server?.dispose()
})

describe('办会 through the UI', () => {
  it('books a room; the slot is held while the 审核人 decides, then confirmed', async () => {
    for (const p of [organiser, approver, other, attendee]) await p.getByTestId('room-grid').getByText('第一会议室').waitFor({ timeout: 20_000 })
    // made offline elsewhere before the slot was taken: it waits as 待确认
    await other.context().setOffline(true)
    await request(other, '预算评审会', cst(20), cst(80))
    await expect.poll(() => other.getByTestId('booking-预算评审会').first().textContent()).toContain('待确认')

    await request(organiser, '年终工作部署会', cst(-10), cst(50), ['赵六', '王五'], ['钱七'])
    await expect.poll(() => organiser.getByTestId('booking-年终工作部署会').first().textContent(), { timeout: 15_000 }).toContain('待审核')
    await organiser.screenshot({ path: SCREENSHOTS + '19-meeting-grid.png' })

    const pending = approver.locator('[data-testid^="approve-"]').filter({ hasText: '年终工作部署会' })
    await pending.waitFor({ timeout: 15_000 })
    await pending.getByRole('button', { name: /确\s*认/ }).click()
    await expect.poll(() => organiser.getByTestId('booking-年终工作部署会').first().textContent(), { timeout: 15_000 }).toContain('已确认')

    // 王五 reads the notice, then answers on a train with no network: 请假, queued
    await attendee.getByTestId('booking-年终工作部署会').first().click()
    await attendee.getByTestId('reply-form').waitFor({ timeout: 15_000 })
    await attendee.context().setOffline(true)
    await attendee.getByPlaceholder('请假理由').fill('赴省厅参加培训')
    await attendee.getByTestId('reply-decline').click()

    // 赵六 (the 审核人 too) answers online; the organiser sees the count
    await approver.getByTestId('booking-年终工作部署会').first().click()
    await approver.getByTestId('reply-attend').click()
    await organiser.getByTestId('booking-年终工作部署会').first().click()
    await expect.poll(() => organiser.getByTestId('reply-counts').textContent(), { timeout: 15_000 }).toMatch(/参加1请假0代会0未回执2/)
    // 王五 back online: the queued 回执 arrives
    await attendee.context().setOffline(false)
    await expect.poll(() => organiser.getByTestId('reply-counts').textContent(), { timeout: 30_000 }).toMatch(/参加1请假1代会0未回执1/)
    expect(await organiser.getByTestId('invitee-王五').textContent()).toContain('赴省厅参加培训')
    expect(await organiser.getByTestId('invitee-钱七').textContent()).toContain('列席')
    await organiser.waitForTimeout(600) // let the drawer finish sliding in before the picture
    await organiser.screenshot({ path: SCREENSHOTS + '21-meeting-replies.png' })

    // the organiser sets the agenda and shows the 签到码; the invitee pastes it and is checked in
    await organiser.getByTestId('agenda-input').fill('审议年终工作安排')
    await organiser.getByTestId('agenda-add').click()
    await expect.poll(() => approver.getByTestId('agenda').textContent(), { timeout: 15_000 }).toContain('审议年终工作安排')
    const code = (await organiser.getByTestId('checkin-code-text').textContent({ timeout: 15_000 }))!.trim()
    await organiser.getByTestId('checkin-code').locator('img').waitFor()
    await organiser.screenshot({ path: SCREENSHOTS + '22-checkin-code.png' })
    // 赵六 scans it with the laptop's camera
    writeQrY4m(cameraFile, code)
    await approver.getByTestId('scan').click()
    await expect.poll(() => organiser.getByTestId('invitee-赵六').textContent(), { timeout: 20_000 }).toContain('已到')
    // the 列席 has no laptop with them: the organiser marks them present
    await organiser.getByTestId('invitee-钱七').getByRole('button', { name: '标记到会' }).click()
    await expect.poll(() => organiser.getByTestId('invitee-钱七').textContent(), { timeout: 15_000 }).toContain('已到')

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
    await approver.getByTestId('inbox-kind-task').click()
    await approver.getByTestId('task-done-报送年终总结').click({ timeout: 15_000 })
    await approver.getByTestId('task-result').fill('已报送')
    await approver.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click()
    await expect.poll(() => organiser.getByTestId('decisions').textContent(), { timeout: 30_000 }).toContain('办结')

    // the minutes become a 纪要 公文 with who attended, in the 发文 flow at 拟稿
    await organiser.getByTestId('minutes-to-doc').click()
    await organiser.getByText('已生成纪要公文').waitFor({ timeout: 15_000 })
    await organiser.keyboard.press('Escape')
    await organiser.getByTestId('menu-docs').click()
    await organiser.getByText('年终工作部署会纪要').click({ timeout: 20_000 })
    const body = organiser.getByTestId('doc-body')
    await expect.poll(() => body.textContent(), { timeout: 20_000 }).toContain('各处室于12月10日前报送年终总结')
    const text = (await body.textContent())!
    expect(text).toContain('出席：张三、赵六')
    expect(text).toContain('列席：钱七')
    expect(text).toContain('请假：王五')
    await organiser.screenshot({ path: SCREENSHOTS + '23-minutes-doc.png' })

    // the organiser's calendar (week, then month) and the room's statistics
    await organiser.getByTestId('menu-meetings').click()
    await organiser.getByTestId('tab-mine').click()
    await organiser.getByTestId('my-meetings').getByTestId('calendar-年终工作部署会').first().waitFor()
    await organiser.waitForTimeout(400) // the tab's ink bar slides over
    await organiser.screenshot({ path: SCREENSHOTS + '24-my-meetings.png' })
    await organiser.getByTestId('calendar-mode').getByText('月').click()
    await organiser.locator('.calendar-chip').filter({ hasText: '年终工作部署会' }).first().waitFor()
    await organiser.screenshot({ path: SCREENSHOTS + '30-meeting-month.png' })
    await organiser.getByTestId('tab-usage').click()
    await organiser.getByTestId('room-usage').locator('tbody tr').first().waitFor()
    await organiser.waitForTimeout(400)
    await organiser.screenshot({ path: SCREENSHOTS + '31-room-usage.png' })
    expect(await organiser.getByTestId('room-usage').locator('tbody tr').first().textContent()).toMatch(/^第一会议室1/)
  })

  it('refuses the offline request on arrival, naming the meeting in the way', async () => {
    await other.context().setOffline(false)
    const rejected = other.getByTestId('meeting-rejected')
    await rejected.waitFor({ timeout: 30_000 })
    expect(await rejected.textContent()).toContain('已被“年终工作部署会”占用')
    await other.screenshot({ path: SCREENSHOTS + '20-meeting-clash.png' })
  })
})
