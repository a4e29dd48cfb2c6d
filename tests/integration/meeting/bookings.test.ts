// Meeting rooms and bookings with the real server and CLI users: the clash rule names the meeting
// in the way, an offline request that clashes is refused when it arrives (its author is told),
// a refusal frees the slot, and only the room's 审核人 decides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newServer, type TestServer } from '../../support/newServer'
import { cliUser, show, type CliUser } from '../../support/ztCli'
import { destroySessions } from '../server/helpers'

let server: TestServer
let admin: CliUser, zhangsan: CliUser, lisi: CliUser, zhaoliu: CliUser, wangwu: CliUser, chenshi: CliUser

beforeAll(async () => {
  server = await newServer()
  ;[admin, zhangsan, lisi, zhaoliu, wangwu, chenshi] = ['admin', 'zhangsan', 'lisi', 'zhaoliu', 'wangwu', 'chenshi'].map((u) => cliUser(server, u)) as [CliUser, CliUser, CliUser, CliUser, CliUser, CliUser]
}, 60_000)
afterAll(async () => {
  destroySessions()
  await server.dispose()
})

const idOf = (out: string): string => /会议编号 ([0-9a-f-]{36})/.exec(out)![1]!

describe('会议室 and 会议申请', () => {
  it('lets only an administrator manage rooms', () => {
    const refused = zhangsan.zt('room', 'create', '--id', 'r1', '--name', '第一会议室', '--seats', '20', '--approver', 'zhaoliu')
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('您没有此操作的权限')
    admin.ok('room', 'create', '--id', 'r1', '--name', '第一会议室', '--location', '主楼 3 层', '--seats', '20', '--equipment', '投影,视频会议', '--approver', 'zhaoliu')
    admin.ok('room', 'create', '--id', 'r2', '--name', '第二会议室', '--seats', '8', '--approver', 'zhaoliu')
    expect(zhangsan.ok('room', 'list')).toMatch(/第一会议室\s+主楼 3 层\s+20 座\s+投影、视频会议/)
  })

  it('holds a slot while it waits, refuses a clash naming the meeting, and frees the slot when refused', () => {
    const first = idOf(zhangsan.ok('meeting', 'request', '--title', '年终工作部署会', '--room', '第一会议室', '--start', '2026-12-10 09:00', '--end', '2026-12-10 11:00', '--invite', 'lisi,wangwu'))
    const clash = lisi.zt('meeting', 'request', '--title', '预算评审会', '--room', 'r1', '--start', '2026-12-10 10:00', '--end', '2026-12-10 12:00')
    expect(clash.status).toBe(1)
    expect(clash.stderr).toContain('第一会议室在此时间已被“年终工作部署会”占用')
    // too many people for the small room
    expect(lisi.zt('meeting', 'request', '--title', '全体会', '--room', 'r2', '--start', '2026-12-10 14:00', '--end', '2026-12-10 15:00', '--headcount', '30').stderr).toContain('8 个座位')

    // made offline; someone else takes the slot meanwhile: it is refused on arrival, its author told
    const queued = lisi.ok('meeting', 'request', '--title', '党组会', '--room', 'r1', '--start', '2026-12-11 14:00', '--end', '2026-12-11 15:00', '--offline')
    expect(queued).toContain('待确认')
    zhangsan.ok('meeting', 'request', '--title', '安全生产专题会', '--room', 'r1', '--start', '2026-12-11 14:30', '--end', '2026-12-11 15:30')
    const synced = lisi.zt('sync')
    expect(synced.status).toBe(1)
    expect(synced.stdout).toContain('第一会议室在此时间已被“安全生产专题会”占用')

    // only the room's 审核人 decides; a refusal frees the slot and tells the organiser
    expect(lisi.zt('meeting', 'refuse', first, '--reason', '会议室检修').stderr).toContain('审核人')
    zhaoliu.ok('meeting', 'refuse', first, '--reason', '会议室检修')
    expect(JSON.parse(zhangsan.ok('meeting', 'show', first, '--json'))).toMatchObject({ status: 'refused', reason: '会议室检修' })
    const second = idOf(lisi.ok('meeting', 'request', '--title', '预算评审会', '--room', 'r1', '--start', '2026-12-10 10:00', '--end', '2026-12-10 12:00'))
    zhaoliu.ok('meeting', 'approve', second)
    expect(JSON.parse(lisi.ok('meeting', 'show', second, '--json'))).toMatchObject({ status: 'confirmed', room: { name: '第一会议室' } })
    expect(lisi.ok('meeting', 'list')).toMatch(/第一会议室\s+预算评审会\s+已确认/)
  })

  it('sends the notice once confirmed; invitees answer — attend, decline with a reason, or a substitute who answers in turn', () => {
    const id = idOf(zhangsan.ok('meeting', 'request', '--title', '数字政府建设推进会', '--room', 'r2', '--start', '2026-12-12 09:00', '--end', '2026-12-12 10:00', '--invite', 'lisi,wangwu'))
    expect(lisi.zt('meeting', 'reply', id, 'accept').stderr).toContain('尚未确认')
    zhaoliu.ok('meeting', 'approve', id)
    expect(JSON.parse(lisi.ok('inbox', '--json')).notices.some((n: { message: string }) => n.message.includes('会议通知'))).toBe(true)

    expect(lisi.zt('meeting', 'reply', id, 'decline').stderr).toContain('请假须写明理由')
    expect(zhaoliu.zt('meeting', 'reply', id, 'accept').stderr).toContain('不在该会议的参会人员中')
    lisi.ok('meeting', 'reply', id, 'accept')
    wangwu.ok('meeting', 'reply', id, 'substitute', '--by', 'chenshi')
    // the substitute got the notice and may now answer
    expect(JSON.parse(chenshi.ok('inbox', '--json')).notices.some((n: { message: string }) => n.message.includes('代为参加'))).toBe(true)
    chenshi.ok('meeting', 'reply', id, 'accept')
    const shown = JSON.parse(zhangsan.ok('meeting', 'show', id, '--json')) as { counts: Record<string, number>; attendance: Record<string, { answer: string; for?: string }> }
    expect(shown.counts).toEqual({ attend: 2, decline: 0, substitute: 1, pending: 0 })
    expect(shown.attendance.chenshi).toMatchObject({ answer: 'attend', for: 'wangwu' })
  })

  it('checks in with the organiser’s code — also offline, judged by when it was made — and lets the organiser mark people', () => {
    const start = new Date(Date.now() - 10 * 60_000).toISOString()
    const end = new Date(Date.now() + 50 * 60_000).toISOString()
    const id = idOf(zhangsan.ok('meeting', 'request', '--title', '签到测试会', '--room', 'r2', '--start', start, '--end', end, '--invite', 'lisi,wangwu,chenshi'))
    zhaoliu.ok('meeting', 'approve', id)
    const code = zhangsan.ok('meeting', 'code', id).trim()
    lisi.ok('meeting', 'checkin', id, '--code', code)
    expect(wangwu.ok('meeting', 'checkin', id, '--code', code, '--offline')).toBeTruthy()
    wangwu.ok('sync')
    // a code made by someone other than the organiser is no code
    const forged = lisi.ok('meeting', 'code', id).trim()
    expect(chenshi.zt('meeting', 'checkin', id, '--code', forged).stderr).toContain('签到码无效')
    expect(lisi.zt('meeting', 'checkin', id, '--user', 'chenshi').stderr).toContain('权限')
    zhangsan.ok('meeting', 'checkin', id, '--user', 'chenshi')
    const shown = JSON.parse(zhangsan.ok('meeting', 'show', id, '--json')) as { presence: Record<string, string>; checkins: Record<string, { by: string }> }
    expect(shown.presence).toEqual({ lisi: 'present', wangwu: 'present', chenshi: 'present' })
    expect(shown.checkins.chenshi!.by).toBe('zhangsan')
    expect(shown.checkins.lisi!.by).toBe('code')

    // the minutes become a 纪要 公文 with the attendance, at 拟稿 in the 发文 flow
    const notOrganiser = lisi.zt('meeting', 'minutes-to-doc', id)
    expect(notOrganiser.stdout + notOrganiser.stderr).toContain('权限')
    expect(notOrganiser.status).toBe(1)
    const docId = zhangsan.ok('meeting', 'minutes-to-doc', id).trim().split('\n').pop()!
    const doc = show(zhangsan, docId)
    expect(doc).toMatchObject({ title: '签到测试会纪要' })
    expect(doc.body).toContain('出席：张三、李四、王五、陈十')
    expect(doc.flow.step).toBe('draft')
    zhangsan.ok('doc', 'submit', docId, '--to', 'lisi')
    expect(show(lisi, docId).flow.step).toBe('review')

    // a decided item becomes a 督办 task in its owner's 待办, tracked to 办结
    const task = /编号 (\S+)）/.exec(zhangsan.ok('meeting', 'task', id, '--text', '报送年终总结', '--owner', 'lisi', '--due', '2026-12-10'))![1]!
    expect(JSON.parse(lisi.ok('inbox', '--json')).tasks).toEqual([expect.objectContaining({ id: task, text: '报送年终总结', status: 'open', due: '2026-12-10' })])
    expect(lisi.ok('inbox')).toMatch(/督办（1）[\s\S]*报送年终总结\s+时限 2026-12-10/)
    expect(wangwu.zt('meeting', 'done', id, task).stderr).toContain('权限')
    lisi.ok('meeting', 'done', id, task, '--result', '已于12月8日报送')
    const tracked = JSON.parse(zhangsan.ok('meeting', 'show', id, '--json')) as { tasks: { status: string; result?: string }[] }
    expect(tracked.tasks).toEqual([expect.objectContaining({ status: 'done', result: '已于12月8日报送' })])
  })

  it('invites 列席, puts the meeting on their calendar, and counts the room’s use', () => {
    const id = idOf(zhangsan.ok('meeting', 'request', '--title', '专题研究会', '--room', 'r1', '--start', '2027-01-15 14:00', '--end', '2027-01-15 16:30', '--invite', 'lisi', '--observe', 'qianqi'))
    zhaoliu.ok('meeting', 'approve', id)
    const qianqi = cliUser(server, 'qianqi')
    expect(JSON.parse(qianqi.ok('inbox', '--json')).notices.some((n: { message: string }) => n.message.includes('会议通知（列席）'))).toBe(true)
    expect(qianqi.ok('meeting', 'list', '--mine')).toContain('专题研究会')
    expect(wangwu.ok('meeting', 'list', '--mine')).not.toContain('专题研究会')
    // the 列席 answers like an invitee
    qianqi.ok('meeting', 'reply', id, 'accept')
    expect(JSON.parse(zhangsan.ok('meeting', 'show', id, '--json')).counts).toEqual({ attend: 1, decline: 0, substitute: 0, pending: 1 })
    const usage = JSON.parse(zhangsan.ok('room', 'stats', '--from', '2027-01-01', '--to', '2027-02-01', '--json')) as { name: string; meetings: number; hours: number }[]
    expect(usage.find((u) => u.name === '第一会议室')).toMatchObject({ meetings: 1, hours: 2.5 })
    expect(zhangsan.ok('room', 'stats', '--from', '2027-01-01', '--to', '2027-02-01')).toMatch(/第一会议室\s+1 场\s+2.5 小时/)
  })
})
