// zt inbox lists every kind of item that waits for the user, in text, from the same core
// functions as the desk; items leave 待办 once done (at once, as 待同步, when done offline). 通知公告:
// administrators post with a signed command, everyone reads, anyone else is refused.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newServer, type TestServer } from '../../support/newServer'
import { cliUser, type CliUser } from '../../support/ztCli'

let server: TestServer
let admin: CliUser, zhangsan: CliUser, lisi: CliUser, wangwu: CliUser, zhaoliu: CliUser, qianqi: CliUser

const idOf = (out: string): string => /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(out)![1]!
// a time some days ahead, as the CLI takes it (the agency's zone)
const ahead = (days: number, hour: number): string => `${new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)} ${String(hour).padStart(2, '0')}:00`

beforeAll(async () => {
  server = await newServer()
  admin = cliUser(server, 'admin')
  zhangsan = cliUser(server, 'zhangsan')
  lisi = cliUser(server, 'lisi')
  wangwu = cliUser(server, 'wangwu')
  zhaoliu = cliUser(server, 'zhaoliu')
  qianqi = cliUser(server, 'qianqi')
  admin.ok('room', 'create', '--id', 'r1', '--name', '第一会议室', '--seats', '20', '--approver', 'lisi')
}, 120_000)

afterAll(async () => {
  await server?.dispose()
})

describe('zt inbox', () => {
  it('shows a 公文 step, a booking to approve, a meeting notice and a 督办 task in one 待办, and each leaves when done', () => {
    const body = join(zhangsan.home, 'body.txt')
    writeFileSync(body, '请各处室做好年终安全检查。')
    const doc = idOf(zhangsan.ok('doc', 'create', '--title', '关于做好年终安全检查的通知', '--type', '通知', '--body-file', body))
    zhangsan.ok('doc', 'submit', doc, '--to', 'lisi')
    const meeting = idOf(zhangsan.ok('meeting', 'request', '--title', '年终工作部署会', '--room', 'r1', '--start', ahead(2, 9), '--end', ahead(2, 11), '--invite', 'lisi'))

    let text = lisi.ok('inbox')
    expect(text).toMatch(/待办（2）/)
    expect(text).toMatch(/〔公文〕关于做好年终安全检查的通知\s+核稿\s+来自 张三/)
    expect(text).toMatch(/〔会议室审核〕年终工作部署会\s+会议室审核（第一会议室）\s+来自 张三/)
    expect(text).toMatch(/公文 1 · 会议室审核 1/)

    // approving the booking settles it, and the notice to answer arrives
    lisi.ok('meeting', 'approve', meeting)
    text = lisi.ok('inbox')
    expect(text).not.toContain('〔会议室审核〕')
    expect(text).toMatch(/〔会议通知〕年终工作部署会\s+会议通知，请回执/)

    // answered offline: out of 待办 at once, 待同步 in 已办; once sent, 已回执
    lisi.ok('meeting', 'reply', meeting, 'accept', '--offline')
    text = lisi.ok('inbox')
    expect(text.split('已办')[0]).not.toContain('〔会议通知〕')
    expect(text).toMatch(/已办（\d+）[\s\S]*〔会议通知〕年终工作部署会\s+会议通知，请回执[\s\S]*（待同步）/)
    lisi.ok('sync')
    expect(lisi.ok('inbox')).toMatch(/已办（\d+）[\s\S]*〔会议通知〕年终工作部署会\s+已回执/)

    zhangsan.ok('meeting', 'task', meeting, '--text', '报送年终总结', '--owner', 'lisi', '--due', ahead(0, 0).slice(0, 10))
    text = lisi.ok('inbox', '--kind', '督办')
    expect(text).toMatch(/待办（1）\n\s+〔督办〕报送年终总结\s+督办（年终工作部署会）\s+来自 张三[\s\S]*【即将超时】/)
    expect(lisi.ok('inbox', '--search', '安全檢查')).toMatch(/待办（1）\n\s+〔公文〕关于做好年终安全检查的通知/)

    const json = JSON.parse(lisi.ok('inbox', '--json')) as { work: { todo: { kind: string }[]; counts: Record<string, number> } }
    expect(json.work.todo.map((i) => i.kind).sort()).toEqual(['doc', 'task'])
    expect(json.work.counts).toMatchObject({ doc: 1, task: 1, reply: 0, booking: 0 })
    expect(lisi.zt('inbox', '--kind', '报表').stderr).toContain('未知的类别')
  })
})

describe('zt inbox, in text, for the kinds of the flows', () => {
  it('shows a 收文 to 签收, a 用印申请 to approve and 草稿箱, and each leaves 待办 when done', () => {
    const body = join(zhangsan.home, 'reason.txt')
    writeFileSync(body, '申请理由：对外发函，需加盖单位印章。')
    // a 纪要 (no seal) distributed to a person reaches them as a 收文 to 签收
    const minutes = idOf(zhangsan.ok('doc', 'create', '--title', '防汛工作会议纪要', '--type', '纪要', '--body-file', body, '--template', '办公室'))
    // not sent yet: in 草稿箱, and out of it once sent
    expect(zhangsan.ok('inbox')).toMatch(/草稿箱（1）\n\s+防汛工作会议纪要\s+纪要\s/)
    zhangsan.ok('doc', 'submit', minutes, '--to', 'lisi')
    expect(zhangsan.ok('inbox')).not.toContain('草稿箱')
    lisi.ok('doc', 'act', minutes, 'approve', '--next', 'signoff', '--to', 'wangwu')
    wangwu.ok('doc', 'act', minutes, 'signoff', '--opinion', '同意', '--to', 'zhaoliu')
    zhaoliu.ok('doc', 'act', minutes, 'number')
    zhaoliu.ok('doc', 'act', minutes, 'distribute', '--to', 'qianqi')
    let text = qianqi.ok('inbox')
    expect(text).toMatch(/待办（1）\n\s+〔收文签收〕防汛工作会议纪要\s+签收\s+来自 政通示范厅/)
    expect(text).toMatch(/收文签收 1/)
    const copy = (JSON.parse(qianqi.ok('inbox', '--json')) as { items: { room: string }[] }).items[0]!.room
    qianqi.ok('doc', 'act', copy, 'receive')
    text = qianqi.ok('inbox')
    expect(text).not.toContain('〔收文签收〕')
    expect(text).toMatch(/待办（1）\n\s+〔公文〕防汛工作会议纪要\s+登记/)

    const request = idOf(zhangsan.ok('doc', 'create', '--kind', 'sealrequest', '--type', '函', '--title', '关于商请协助调研的函（用印申请）', '--body-file', body))
    const pdf = join(zhangsan.home, 'letter.pdf')
    writeFileSync(pdf, '%PDF-1.4\n%%EOF\n')
    zhangsan.ok('doc', 'attach', request, pdf, '--name', '商请函.pdf')
    zhangsan.ok('doc', 'submit', request, '--to', 'qianqi')
    text = qianqi.ok('inbox')
    expect(text).toMatch(/待办（2）[\s\S]*\n\s+〔用印审批〕关于商请协助调研的函（用印申请）\s+审批\s+来自 张三/)
    expect(text).toMatch(/公文 1 · 用印审批 1/)
    qianqi.ok('doc', 'act', request, 'signoff', '--opinion', '同意用印', '--to', 'zhaoliu')
    text = qianqi.ok('inbox')
    expect(text.split('已办')[0]).not.toContain('〔用印审批〕')
    expect(text).toMatch(/已办（\d+）[\s\S]*〔公文〕关于商请协助调研的函（用印申请）/)
  }, 180_000) // a 纪要 through its whole 发文 flow first, by CLI
})

describe('通知公告', () => {
  it('an administrator posts and withdraws; everyone reads; nobody else may post', () => {
    const posted = admin.ok('bulletin', 'post', '--title', '关于元旦放假安排的通知', '--body', '1月1日放假一天。', '--pinned')
    const id = /公告已发布：(\S+)/.exec(posted)![1]!
    expect(lisi.ok('bulletin', 'list')).toMatch(/【置顶】关于元旦放假安排的通知\s+管理员[\s\S]*1月1日放假一天。/)
    const refused = lisi.zt('bulletin', 'post', '--title', '我的公告')
    expect(refused.status).toBe(1)
    expect(refused.stderr + refused.stdout).toContain('没有此操作的权限')
    expect(lisi.zt('bulletin', 'withdraw', id).status).toBe(1)
    admin.ok('bulletin', 'withdraw', id)
    expect(zhangsan.ok('bulletin', 'list')).toContain('暂无通知公告')
  })
})
