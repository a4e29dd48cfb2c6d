// The work centre's two approval kinds through the UI (issue 16): a 用印申请 reaches the 印章管理员's
// 待办 as 用印审批 and leaves it once approved, on to the seal's holder; a 借阅 request reaches the
// archivist's 待办 while the page is open as 借阅审批, leaves it at once when approved offline, and
// takes effect for the borrower when the network is back.
import type { Browser, Page } from 'playwright-core'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cstYear } from '../../src/core/docflow/docNumber'
import { newServer, type TestServer } from '../support/newServer'
import { cliUser, show, type CliUser } from '../support/ztCli'
import { SCREENSHOTS, launchChromium, signIn } from './browser'

let server: TestServer
let browser: Browser
let sealAdmin: Page, archivist: Page
let zhangsan: CliUser, zhaoliu: CliUser, lisi: CliUser
let requestId: string

const FILED = '关于做好年终安全检查的通知'
const REQUEST = '关于商请协助开展调研的函（用印申请）'
const code = `Z109-WS·${cstYear(new Date())}-D30-BGS-0001`
const idOf = (out: string): string => /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(out)![1]!
const status = (p: Page) => p.getByTestId('sync-status').textContent()
const todoRows = (p: Page) => p.getByTestId('inbox-page').locator('tbody tr.ant-table-row')

async function person(username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await ctx.newPage()
  await signIn(page, `${server.url}/app/`, username, { stay: true })
  return page
}

beforeAll(async () => {
  server = await newServer()
  const [qianqi, z, l, wangwu, zl, sunba] = ['qianqi', 'zhangsan', 'lisi', 'wangwu', 'zhaoliu', 'sunba'].map((u) => cliUser(server, u)) as CliUser[]
  zhangsan = z!
  lisi = l!
  zhaoliu = zl!
  const esID = /印章标识 (\S+)/.exec(qianqi!.ok('seal', 'create', '--name', '政通示范厅', '--holders', 'zhaoliu', '--valid-until', '2030-12-31'))![1]!
  // a 公文 through its whole flow and filed by the archivist: a record to borrow
  const doc = zhangsan.ok('doc', 'create', '--title', FILED, '--type', '通知', '--body-file', 'tests/fixtures/haizhou-notice-2022.txt', '--to-main', '各处室', '--issuer-mark', '政通示范厅文件', '--issuer-name', '政通示范厅').trim()
  zhangsan.ok('doc', 'submit', doc, '--to', 'lisi')
  lisi.ok('doc', 'act', doc, 'approve', '--next', 'signoff', '--to', 'wangwu')
  wangwu!.ok('doc', 'act', doc, 'signoff', '--opinion', '同意印发', '--to', 'zhaoliu')
  zhaoliu.ok('doc', 'act', doc, 'number')
  zhaoliu.ok('doc', 'act', doc, 'seal', '--seal', esID)
  zhaoliu.ok('doc', 'act', doc, 'distribute', '--to', 'lisi')
  expect(sunba!.ok('archive', 'file', doc)).toContain(`已归档：${code}`)
  // a 用印申请 sent to the 印章管理员
  const reason = join(zhangsan.home, 'reason.txt')
  writeFileSync(reason, '申请理由：对外发函，需加盖单位印章。')
  requestId = idOf(zhangsan.ok('doc', 'create', '--kind', 'sealrequest', '--type', '函', '--title', REQUEST, '--body-file', reason))
  const pdf = join(zhangsan.home, 'letter.pdf')
  writeFileSync(pdf, '%PDF-1.4\n%%EOF\n')
  zhangsan.ok('doc', 'attach', requestId, pdf, '--name', '商请函.pdf')
  zhangsan.ok('doc', 'submit', requestId, '--to', 'qianqi')
  browser = await launchChromium()
  sealAdmin = await person('qianqi')
  archivist = await person('sunba')
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

describe('用印审批 and 借阅审批 in 待办', () => {
  it('a 用印申请 waits in the 印章管理员\'s 待办 and leaves it once approved, on to the holder', async () => {
    await expect.poll(() => sealAdmin.getByTestId('workbench-kind-sealrequest').textContent(), { timeout: 20_000 }).toMatch(/1$/)
    await sealAdmin.getByTestId('menu-inbox').click()
    const row = todoRows(sealAdmin).filter({ hasText: REQUEST })
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1)
    expect(await row.textContent()).toMatch(/用印审批.*审批.*张三/)
    expect(await sealAdmin.getByTestId('inbox-kinds').textContent()).toContain('用印审批 1')
    await sealAdmin.screenshot({ path: SCREENSHOTS + 'workcentre-04-seal-request.png' })

    await row.click()
    await sealAdmin.getByTestId('flow-panel').waitFor()
    expect(sealAdmin.url()).toContain(`#/doc/${requestId}`)
    await sealAdmin.getByTestId('act-signoff').click()
    const form = sealAdmin.getByTestId('act-form-signoff')
    await form.getByTestId('act-opinion').fill('同意用印')
    await form.getByTestId('act-to').last().click()
    await sealAdmin.keyboard.type('赵六')
    await sealAdmin.keyboard.press('Enter')
    await sealAdmin.keyboard.press('Escape')
    await form.getByTestId('act-submit').click()
    await expect.poll(() => sealAdmin.getByTestId('flow-step').textContent(), { timeout: 20_000 }).toBe('用印')

    await sealAdmin.getByTestId('menu-inbox').click()
    await expect.poll(() => todoRows(sealAdmin).filter({ hasText: REQUEST }).count(), { timeout: 20_000 }).toBe(0)
    await sealAdmin.getByTestId('inbox-tab-done').click()
    await expect.poll(() => todoRows(sealAdmin).filter({ hasText: REQUEST }).count(), { timeout: 20_000 }).toBe(1)
    expect(show(zhangsan, requestId).flow.step).toBe('seal')
    // the holder now has it to seal
    expect(zhaoliu.ok('inbox')).toMatch(new RegExp(`〔公文〕${REQUEST.replace(/[()（）]/g, '.')}\\s+用印`))
  })

  it('a 借阅 request arrives while the page is open, leaves at once when approved offline, and takes effect back online', async () => {
    await archivist.getByTestId('menu-inbox').click()
    await archivist.getByTestId('inbox-page').waitFor()
    const until = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10)
    const loan = /借阅编号 (\S+)）/.exec(lisi.ok('archive', 'borrow', code, '--reason', '编写年度工作总结', '--until', until))![1]!
    const row = todoRows(archivist).filter({ hasText: FILED })
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1)
    expect(await row.textContent()).toMatch(new RegExp(`借阅审批.*借阅审批（${code}）.*李四`))
    expect(await archivist.getByTestId('inbox-kinds').textContent()).toContain('借阅审批 1')
    await archivist.screenshot({ path: SCREENSHOTS + 'workcentre-05-loan.png' })

    await archivist.context().setOffline(true)
    await expect.poll(() => status(archivist)).toContain('离线')
    await row.click()
    await expect.poll(() => archivist.url()).toContain('#/archive')
    await archivist.getByTestId('tab-loans').click()
    await archivist.getByTestId(`lend-${loan}`).click()
    await archivist.goBack()
    await archivist.getByTestId('inbox-page').waitFor()
    await expect.poll(() => todoRows(archivist).filter({ hasText: FILED }).count()).toBe(0)
    await archivist.getByTestId('inbox-tab-done').click()
    await expect.poll(() => todoRows(archivist).filter({ hasText: '待同步' }).count()).toBe(1)
    // nothing reached the server yet
    expect(JSON.parse(lisi.ok('archive', 'loans', '--json'))).toEqual([expect.objectContaining({ id: loan, status: 'requested' })])

    await archivist.context().setOffline(false)
    await expect.poll(() => status(archivist), { timeout: 20_000 }).toBe('在线')
    await expect.poll(() => todoRows(archivist).filter({ hasText: '待同步' }).count(), { timeout: 20_000 }).toBe(0)
    await expect.poll(() => (JSON.parse(lisi.ok('archive', 'loans', '--json')) as { status: string }[])[0]?.status, { timeout: 20_000 }).toBe('approved')
    await archivist.getByTestId('inbox-tab-todo').click()
    expect(await todoRows(archivist).filter({ hasText: FILED }).count()).toBe(0)
  })
})
