// 发文 end to end with the real server and several CLI users: the whole chain with parallel 会签,
// 退回 and re-sign-off, the offline double sign-off, body updates refused after 签发, 密级 refusal.
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendParagraphs, bodyText } from '../../../src/core/docflow/body'
import { cstYear } from '../../../src/core/docflow/docNumber'
import { newServer, type TestServer } from '../../support/newServer'
import { cliUser, show, type CliUser } from '../../support/ztCli'
import { destroySessions, session } from '../server/helpers'

let server: TestServer
let zhangsan: CliUser, lisi: CliUser, zhoujiu: CliUser, chenshi: CliUser, wangwu: CliUser, zhaoliu: CliUser
const year = cstYear(new Date())

beforeAll(async () => {
  server = await newServer()
  const [a, b, c, d, e, f] = ['zhangsan', 'lisi', 'zhoujiu', 'chenshi', 'wangwu', 'zhaoliu'].map((u) => cliUser(server, u))
  ;[zhangsan, lisi, zhoujiu, chenshi, wangwu, zhaoliu] = [a!, b!, c!, d!, e!, f!]
}, 60_000)
afterAll(async () => {
  destroySessions()
  await server.dispose()
})

function draft(title: string, extra: string[] = []): string {
  return zhangsan.ok('doc', 'create', '--title', title, '--type', '通知', '--body-file', 'tests/fixtures/haizhou-notice-2022.txt', '--to-main', '各处室', ...extra).trim()
}

describe('发文', () => {
  it('runs 拟稿 → 核稿 → parallel 会签 → 签发 → 编号 → 用印 → 分发 → 办结, numbering gap-free', () => {
    const id = draft('关于做好年终安全检查的通知')
    zhangsan.ok('doc', 'submit', id, '--to', 'lisi')
    expect(show(lisi, id).flow).toMatchObject({ step: 'review', handlers: ['lisi'] })
    expect(lisi.ok('inbox')).toMatch(/待办（1）[\s\S]*关于做好年终安全检查的通知\s+核稿\s+来自 张三/)
    lisi.ok('doc', 'act', id, 'approve', '--opinion', '请财务处、陈十同志会签', '--next', 'countersign', '--to', 'zhoujiu,chenshi', '--mode', 'parallel')
    zhoujiu.ok('doc', 'act', id, 'countersign', '--opinion', '同意')
    expect(show(lisi, id).flow.step).toBe('countersign')
    chenshi.ok('doc', 'act', id, 'countersign', '--opinion', '同意')
    expect(show(lisi, id).flow).toMatchObject({ step: 'review', handlers: ['lisi'] })
    lisi.ok('doc', 'act', id, 'approve', '--next', 'signoff', '--to', 'wangwu')
    expect(wangwu.ok('doc', 'act', id, 'signoff', '--opinion', '同意印发', '--to', 'zhaoliu')).toContain('已签发')
    expect(show(wangwu, id).flow.frozen).toBe(true)
    const numbered = zhaoliu.ok('doc', 'act', id, 'number')
    expect(numbered).toContain(`文号：办发〔${year}〕1号`)
    zhaoliu.ok('doc', 'act', id, 'seal')
    zhaoliu.ok('doc', 'act', id, 'distribute', '--to', 'zhoujiu')
    const done = show(zhangsan, id)
    expect(done.flow).toMatchObject({ step: 'done', ended: 'done', docNumber: `办发〔${year}〕1号` })
    expect(done.flow.records.map((r) => r.action)).toEqual(['submit', 'approve', 'countersign', 'countersign', 'approve', 'signoff', 'number', 'seal', 'distribute'])
    expect(zhangsan.ok('inbox')).toMatch(/办结（1）/)
    // 分发 began zhoujiu's 收文, registered with its source
    const inbox = JSON.parse(zhoujiu.ok('inbox', '--json')) as { items: { room: string; kind: string; box: string; step: string }[] }
    const incoming = inbox.items.find((i) => i.kind === 'incoming')!
    expect(incoming).toMatchObject({ box: 'todo', step: 'receive' })
    zhoujiu.ok('doc', 'act', incoming.room, 'receive')
    // the 正本 copy's own 收文 flow: 登记 next, with the 来文 fields the 正本 brought
    expect(show(zhoujiu, incoming.room).flow.step).toBe('register')
    zhoujiu.ok('doc', 'act', incoming.room, 'register', '--serial', '财收1号')
    expect(show(zhoujiu, incoming.room).flow.step).toBe('screen')

    // the finished document exports as a GB/T 9704 PDF with its number and date, and a 处理单
    const dir = mkdtempSync(join(tmpdir(), 'zt-export-'))
    zhangsan.ok('doc', 'export', id, '--pdf', join(dir, 'doc.pdf'), '--form', join(dir, 'form.pdf'))
    const pdf = execFileSync('pdftotext', [join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    expect(pdf).toContain(`办发〔${year}〕1号`)
    expect(pdf).toContain('关于做好年终安全检查的通知')
    expect(pdf).toContain('各处室：')
    const form = execFileSync('pdftotext', [join(dir, 'form.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    for (const s of ['发文处理单', '签发：同意印发', '王五', '会签：同意', '陈十']) expect(form).toContain(s)

    // the next number of the year follows without a gap
    const second = draft('关于报送年度总结的通知')
    zhangsan.ok('doc', 'submit', second, '--to', 'lisi')
    lisi.ok('doc', 'act', second, 'approve', '--next', 'signoff', '--to', 'wangwu')
    wangwu.ok('doc', 'act', second, 'signoff', '--to', 'zhaoliu')
    expect(zhaoliu.ok('doc', 'act', second, 'number')).toContain(`文号：办发〔${year}〕2号`)
  }, 120_000)

  it('refuses body updates after 签发; 退回 to the drafter unfreezes, and a new sign-off is needed', async () => {
    const id = draft('关于调整办公用房的通知')
    zhangsan.ok('doc', 'submit', id, '--to', 'lisi')
    lisi.ok('doc', 'act', id, 'approve', '--next', 'signoff', '--to', 'wangwu')
    wangwu.ok('doc', 'act', id, 'signoff', '--to', 'zhaoliu')

    // the drafter (still a reader) and the signer try to change the text: not applied
    const room = `doc:${id}`
    const s = await session(server, 'zhangsan', room)
    await s.whenSynced()
    appendParagraphs(s.doc.getXmlFragment('body'), '签发后偷偷加的一段')
    await new Promise((r) => setTimeout(r, 800))
    expect(show(lisi, id).body).not.toContain('签发后偷偷加的一段')
    s.destroy()

    // the clerk finds a substantive error: back to the signer, who sends it back to the drafter
    expect(zhaoliu.zt('doc', 'act', id, 'return').stderr).toContain('请填写退回理由')
    zhaoliu.ok('doc', 'act', id, 'return', '--reason', '第三段数据有误')
    expect(show(wangwu, id).flow).toMatchObject({ step: 'signoff', frozen: false })
    wangwu.ok('doc', 'act', id, 'return', '--reason', '请核实数据后重报', '--to', 'drafter')
    expect(show(zhangsan, id).flow).toMatchObject({ step: 'draft', handlers: ['zhangsan'] })
    const editor = await session(server, 'zhangsan', room)
    await editor.whenSynced()
    appendParagraphs(editor.doc.getXmlFragment('body'), '更正后的数据')
    await editor.whenPersisted()
    editor.destroy()
    expect(bodyText((await session(server, 'lisi', room).then(async (r) => (await r.whenSynced(), r))).doc.getXmlFragment('body'))).toContain('更正后的数据')
    zhangsan.ok('doc', 'submit', id, '--to', 'lisi')
    lisi.ok('doc', 'act', id, 'approve', '--next', 'signoff', '--to', 'wangwu')
    wangwu.ok('doc', 'act', id, 'signoff', '--opinion', '同意', '--to', 'zhaoliu')
    const shown = show(wangwu, id)
    expect(shown.flow.frozen).toBe(true)
    expect(shown.flow.records.filter((r) => r.action === 'signoff')).toHaveLength(2)
  }, 120_000)

  it('accepts the first of two offline sign-offs and tells the second signer who signed', () => {
    const id = draft('关于春节放假安排的通知')
    zhangsan.ok('doc', 'submit', id, '--to', 'lisi')
    lisi.ok('doc', 'act', id, 'approve', '--next', 'signoff', '--to', 'wangwu,chenshi', '--mode', 'any')
    // both leaders take the document with them, then sign off with no network
    show(wangwu, id)
    show(chenshi, id)
    expect(wangwu.ok('doc', 'act', id, 'signoff', '--opinion', '同意', '--to', 'zhaoliu', '--offline')).toContain('已签名并保存在本机')
    expect(chenshi.ok('doc', 'act', id, 'signoff', '--opinion', '同意', '--to', 'zhaoliu', '--offline')).toContain('已签名并保存在本机')
    expect(wangwu.ok('sync')).toMatch(/已接受 doc\.signoff/)
    const second = chenshi.zt('sync')
    expect(second.stdout).toMatch(/被拒绝 doc\.signoff（[0-9a-f-]+）：王五已于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 签发，您的操作未生效/)
    const shown = show(chenshi, id)
    expect(shown.flow.step).toBe('number')
    expect(shown.flow.records.filter((r) => r.action === 'signoff')).toEqual([expect.objectContaining({ actor: 'wangwu' })])
  }, 120_000)

  it('refuses to route a 机密 document to someone cleared only for 秘密', () => {
    // lisi is cleared for 机密, zhangsan for 秘密 only
    const secret = lisi.ok('doc', 'create', '--title', '关于专项经费的请示', '--type', '请示', '--classification', '机密').trim()
    const refused = lisi.zt('doc', 'submit', secret, '--to', 'zhangsan')
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('张三的涉密等级低于本文密级（机密）')
    expect(show(lisi, secret).flow.step).toBe('draft')
  }, 60_000)
})
