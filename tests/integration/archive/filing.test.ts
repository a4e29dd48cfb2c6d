// 电子档案 end to end with the real server and CLI users: sealed 公文 reach 办结, wait in 待归档,
// and are filed by the archivist — numbered gap-free, packaged as a signed EEP, checked — then
// the package is tampered with one thing at a time and 四性检测 names the item that fails. Two
// archivist sessions filing at once never share or skip a 件号; a year goes out as a BagIt bag.
// (Each test drives whole workflows through the CLI, one process per step: hence the long limits.)
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPackage, type CheckContext, type CheckReport } from '../../../src/core/archive/fourChecks'
import { readEep } from '../../../src/core/archive/eepRead'
import { pdfFacts } from '../../../src/core/archive/fileFormats'
import { cstYear } from '../../../src/core/docflow/docNumber'
import { sm3Hex } from '../../../src/core/crypto/sm3'
import { toBase64 } from '../../../src/core/pki/der'
import { newServer, type TestServer } from '../../support/newServer'
import { cliUser, show, type CliUser } from '../../support/ztCli'
import { destroySessions } from '../server/helpers'

let server: TestServer
let qianqi: CliUser, zhangsan: CliUser, lisi: CliUser, wangwu: CliUser, zhaoliu: CliUser, sunba: CliUser, sunbaLaptop: CliUser
const dir = mkdtempSync(join(tmpdir(), 'zt-archive-'))
const year = cstYear(new Date())
let esID = ''
const finished: string[] = []
let packageXml = ''
let firstCode = ''

beforeAll(async () => {
  server = await newServer()
  ;[qianqi, zhangsan, lisi, wangwu, zhaoliu, sunba, sunbaLaptop] = ['qianqi', 'zhangsan', 'lisi', 'wangwu', 'zhaoliu', 'sunba', 'sunba'].map((u) => cliUser(server, u)) as [CliUser, CliUser, CliUser, CliUser, CliUser, CliUser, CliUser]
  esID = /印章标识 (\S+)/.exec(qianqi.ok('seal', 'create', '--name', '政通示范厅', '--holders', 'zhaoliu', '--valid-until', '2030-12-31'))![1]!
}, 90_000)
afterAll(async () => {
  destroySessions()
  await server.dispose()
})

/** A 通知 drafted (with any attachments), signed off, numbered, sealed and distributed: 办结. */
function finish(title: string, attachments: string[] = []): string {
  const id = zhangsan.ok('doc', 'create', '--title', title, '--type', '通知', '--body-file', 'tests/fixtures/haizhou-notice-2022.txt', '--to-main', '各处室', '--issuer-mark', '政通示范厅文件', '--issuer-name', '政通示范厅').trim()
  for (const file of attachments) zhangsan.ok('doc', 'attach', id, file)
  zhangsan.ok('doc', 'submit', id, '--to', 'lisi')
  lisi.ok('doc', 'act', id, 'approve', '--opinion', '拟同意', '--next', 'signoff', '--to', 'wangwu')
  wangwu.ok('doc', 'act', id, 'signoff', '--opinion', '同意印发', '--to', 'zhaoliu')
  zhaoliu.ok('doc', 'act', id, 'number')
  zhaoliu.ok('doc', 'act', id, 'seal', '--seal', esID)
  zhaoliu.ok('doc', 'act', id, 'distribute', '--to', 'lisi')
  expect(show(zhangsan, id).flow.step).toBe('done')
  return id
}

const failed = (r: CheckReport): string[] => r.items.filter((i) => i.result === 'fail').map((i) => i.code)

describe('归档', () => {
  it('lists a finished 公文 in 待归档 and files it: 档号, signed EEP package, 四性检测 passed', () => {
    finished.push(finish('关于做好年终安全检查的通知'))
    const pending = JSON.parse(sunba.ok('archive', 'pending', '--json')) as { room: string; title: string }[]
    expect(pending).toEqual([expect.objectContaining({ room: `doc:${finished[0]}`, title: '关于做好年终安全检查的通知' })])
    // only an archivist files, and only what is finished
    expect(zhangsan.zt('archive', 'file', finished[0]!).stderr).toMatch(/无权|档案员/)

    const out = sunba.ok('archive', 'file', finished[0]!)
    firstCode = `Z109-WS·${year}-D30-BGS-0001`
    expect(out).toContain(`已归档：${firstCode}`)
    expect(JSON.parse(sunba.ok('archive', 'pending', '--json'))).toEqual([])
    const list = JSON.parse(sunba.ok('archive', 'list', '--json')) as { code: string; status: string; title: string; check: { ok: boolean } }[]
    expect(list).toEqual([expect.objectContaining({ code: firstCode, status: 'filed', title: '关于做好年终安全检查的通知', check: expect.objectContaining({ ok: true }) })])
    expect(sunba.zt('archive', 'file', finished[0]!).stderr).toContain(`已经归档（档号 ${firstCode}）`)

    const file = join(dir, 'first.xml')
    sunba.ok('archive', 'export', firstCode, '--out', file)
    packageXml = readFileSync(file, 'utf8')
    const eep = readEep(packageXml)
    if (!eep.ok) throw new Error(eep.message)
    expect(eep.eep.type).toBe('原始型')
    expect(eep.eep.listed.map((c) => c.role)).toEqual(['正本', '定稿', '处理单', '签章', '签章', '签章', '过程记录', '证书'])
    // the seal travels with its seal data and the rendition it was applied over
    expect(eep.eep.carried.filter((f) => f.name.startsWith('签章/')).map((f) => f.name)).toEqual(['签章/1.ses', '签章/1.xml', '签章/1.ofd'])
    expect(eep.eep.business.map((b) => b.action)).toEqual(['提交', '审核通过', '签发', '编号', '用印', '分发'])
    expect(eep.eep.business.at(-1)!.state).toBe('办结')
    expect(eep.eep.signatures).toEqual([expect.objectContaining({ id: '修改0-签名1', signer: 'sunba' })])

    // checked again here, offline: every item passes or (the malware scan, with no scanner) says why it did not run
    const checked = sunba.zt('archive', 'check', file, '--json')
    expect(checked.status).toBe(0)
    const report = (JSON.parse(checked.stdout) as { reports: CheckReport[] }).reports[0]!
    expect(failed(report)).toEqual([])
    expect(report.items.map((i) => i.code)).toEqual(expect.arrayContaining(['GD-1-1', 'GD-1-7', 'GD-1-10', 'GD-2-5', 'GD-2-11', 'GD-3-1', 'GD-3-3', 'GD-4-2', 'GD-4-7']))
    expect(report.items.find((i) => i.code === 'GD-4-2')).toMatchObject({ result: expect.stringMatching(/pass|not_run/) })
    expect(report.items.filter((i) => i.result === 'not_run').map((i) => i.code).every((c) => ['GD-4-2', 'GD-1-8', 'GD-2-6', 'GD-4-7'].includes(c))).toBe(true)
  }, 180_000)
})

describe('a package that fails is not filed', () => {
  it('refuses a record whose attachment cannot be kept (an executable), naming the item; its 件号 stays free', () => {
    const exe = join(dir, '安装程序.exe')
    writeFileSync(exe, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]))
    const id = finish('关于安装办公软件的通知', [exe])
    const refused = sunba.zt('archive', 'file', id)
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(/四性检测未通过，未归档：.*GD-3-3 内容数据格式检测：安装程序\.exe 的格式 EXE 不适合长期保存/)
    expect((JSON.parse(sunba.ok('archive', 'pending', '--json')) as { room: string }[]).map((p) => p.room)).toContain(`doc:${id}`)
    expect((JSON.parse(sunba.ok('archive', 'list', '--json')) as unknown[]).length).toBe(1)
  }, 180_000)
})

describe('四性检测 finds each kind of damage at its item', () => {
  const ctx = (): CheckContext => ({ now: new Date(), catalogue: [], isArchivist: (u) => u === 'sunba' })
  const check = (xml: string, extra: Partial<CheckContext> = {}): CheckReport => checkPackage(new TextEncoder().encode(xml), { ...ctx(), ...extra })
  /** one 文档 (with its 编码数据) by file name */
  const docBlock = (xml: string, name: string): string => {
    const blocks = xml.match(/ {6}<文档 文档标识符="[^"]+" 文档序号="\d+">[\s\S]*?<\/文档>/g)!
    return blocks.find((b) => b.includes(`<计算机文件名>${name}</计算机文件名>`))!
  }
  /** replaces a file's bytes and, like a careful forger, its listed size and hash */
  const replaceFile = (xml: string, name: string, change: (b: Uint8Array) => Uint8Array): string => {
    const block = docBlock(xml, name)
    const old = Buffer.from(/<编码数据>([^<]+)<\/编码数据>/.exec(block)![1]!, 'base64')
    const next = change(new Uint8Array(old))
    const oldHash = sm3Hex(new Uint8Array(old))
    return xml
      .replace(block, block.replace(/<编码数据>[^<]+<\/编码数据>/, `<编码数据>${toBase64(next)}</编码数据>`).replace(`<计算机文件大小>${old.length}</计算机文件大小>`, `<计算机文件大小>${next.length}</计算机文件大小>`))
      .replace(`<杂凑值 算法="SM3">${oldHash}</杂凑值>`, `<杂凑值 算法="SM3">${sm3Hex(next)}</杂凑值>`)
      .replace(new RegExp(`(<计算机文件名>${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</计算机文件名>\\s*<计算机文件大小>)${old.length}<`), `$1${next.length}<`)
  }

  it('passes the package as filed', () => {
    expect(failed(check(packageXml))).toEqual([])
    expect(failed(check(packageXml, { recordedSm3: sm3Hex(new TextEncoder().encode(packageXml)) }))).toEqual([])
  })

  it('a changed byte in a file: GD-1-10 (and the package no longer matches what was filed: GD-1-14)', () => {
    const block = docBlock(packageXml, '正本.pdf')
    const data = /<编码数据>([^<]+)<\/编码数据>/.exec(block)![1]!
    const i = Math.floor(data.length / 2)
    const altered = packageXml.replace(block, block.replace(data, data.slice(0, i) + (data[i] === 'A' ? 'B' : 'A') + data.slice(i + 1)))
    const r = check(altered, { recordedSm3: sm3Hex(new TextEncoder().encode(packageXml)) })
    expect(failed(r)).toEqual(expect.arrayContaining(['GD-1-10', 'GD-1-14', 'GD-1-1']))
  })

  it('a file removed, or a file added that is not listed: GD-2-11', () => {
    const block = docBlock(packageXml, '处理单.pdf')
    expect(failed(check(packageXml.replace(block + '\n', '')))).toEqual(expect.arrayContaining(['GD-2-11', 'GD-2-1']))
    const extra = block.replace(/文档标识符="D\d+" 文档序号="\d+"/, '文档标识符="D99" 文档序号="99"')
    expect(failed(check(packageXml.replace(block, `${block}\n${extra}`)))).toEqual(expect.arrayContaining(['GD-2-11']))
  })

  it('a required field left blank: GD-2-4', () => {
    expect(failed(check(packageXml.replace(/<题名>[^<]+<\/题名>/, '<题名/>')))).toEqual(expect.arrayContaining(['GD-2-4']))
  })

  it('XML that does not parse: GD-3-1, and nothing else is judged', () => {
    const r = check(packageXml.replace('</内容描述>', ''))
    expect(failed(r)).toEqual(['GD-3-1'])
    expect(r.items.filter((i) => i.result === 'pass')).toEqual([])
  })

  it('a 件号 already in the catalogue, or a gap before it: GD-1-8 and GD-2-6', () => {
    expect(failed(check(packageXml, { catalogue: [{ code: firstCode, recordId: 'doc:other' }] }))).toEqual(expect.arrayContaining(['GD-1-8', 'GD-2-6']))
    const second = packageXml.replaceAll(firstCode, firstCode.replace(/0001$/, '0003')).replace('<件号>0001</件号>', '<件号>0003</件号>')
    const r = check(second, { catalogue: [{ code: firstCode, recordId: 'doc:x' }] })
    expect(r.items.find((i) => i.code === 'GD-2-6')).toMatchObject({ result: 'fail', reason: expect.stringContaining('缺少件号 0002') })
  })

  it('a broken seal: GD-1-1 names the seal step', () => {
    const r = check(replaceFile(packageXml, '签章/1.ses', (b) => {
      b[b.length - 10]! ^= 0xff
      return b
    }))
    expect(failed(r)).toContain('GD-1-1')
    expect(r.items.find((i) => i.code === 'GD-1-1')!.reason).toContain('电子签章')
  })

  it('a changed rendition under a seal: its seal data or the OFD it lists fails GD-1-1 at the seal', () => {
    const data = check(replaceFile(packageXml, '签章/1.xml', (b) => new TextEncoder().encode(new TextDecoder().decode(b).replace('</ofd:References>', '</ofd:References> '))))
    expect(data.items.find((i) => i.code === 'GD-1-1')).toMatchObject({ result: 'fail', reason: expect.stringContaining('签章/1.ses') })
    const ofd = check(replaceFile(packageXml, '签章/1.ofd', (b) => {
      const files = unzipSync(b)
      const pdf = Object.keys(files).find((n) => n.endsWith('.pdf'))!
      files[pdf] = new Uint8Array([...files[pdf]!, 0x20])
      return zipSync(files)
    }))
    expect(ofd.items.find((i) => i.code === 'GD-1-1')).toMatchObject({ result: 'fail', reason: expect.stringContaining('已被改动') })
  })

  it('a tampered event log: an altered action fails its signature (GD-1-1), a dropped one the process record (GD-2-5)', () => {
    const edit = (f: (log: { events: { command: { payload: Record<string, unknown> } }[] }) => void) => (b: Uint8Array) => {
      const log = JSON.parse(new TextDecoder().decode(b)) as { events: { command: { payload: Record<string, unknown> } }[] }
      f(log)
      return new TextEncoder().encode(JSON.stringify(log, null, 1))
    }
    const altered = check(replaceFile(packageXml, '过程记录.json', edit((log) => { log.events[2]!.command.payload.opinion = '不同意' })))
    expect(failed(altered)).toContain('GD-1-1')
    expect(altered.items.find((i) => i.code === 'GD-1-1')!.reason).toContain('过程记录')
    const dropped = check(replaceFile(packageXml, '过程记录.json', edit((log) => { log.events.splice(1, 1) })))
    expect(failed(dropped)).toContain('GD-2-5')
  })

  it('exits non-zero from the command line when an item fails', () => {
    const bad = join(dir, 'bad.xml')
    writeFileSync(bad, packageXml.replace(/<题名>[^<]+<\/题名>/, '<题名/>'))
    const r = sunba.zt('archive', 'check', bad)
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/GD-2-4\s+未通过/)
  })
})

describe('件号 under concurrent filing, 移交, 借阅', () => {
  it('never gives two records one 件号, nor skips one, when two archivist sessions file at once', async () => {
    const ids = [finish('关于印发值班制度的通知'), finish('关于开展节能检查的通知'), finish('关于调整办公用房的通知')]
    const answers = await Promise.all([sunba.start('archive', 'file', ids[0]!), sunbaLaptop.start('archive', 'file', ids[1]!), sunba.start('archive', 'file', ids[2]!)])
    for (const a of answers) expect(a.status, a.stderr).toBe(0)
    const codes = (JSON.parse(sunba.ok('archive', 'list', '--json')) as { code: string; status: string }[]).map((e) => e.code).sort()
    expect(codes).toEqual([1, 2, 3, 4].map((n) => `Z109-WS·${year}-D30-BGS-000${n}`))
  }, 240_000) // three documents through their whole workflow first, by CLI

  it('exports a year as a BagIt bag whose import re-runs the checks (移交与接收), and finds a damaged one', () => {
    const bag = join(dir, 'transfer')
    expect(sunba.ok('archive', 'transfer', '--year', String(year), '--out', bag)).toContain('4 件')
    for (const f of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sm3.txt', 'tagmanifest-sha256.txt', 'reports/check-report.json']) expect(readFileSync(join(bag, f)).length).toBeGreaterThan(0)
    const reportPdf = readFileSync(join(bag, 'reports/check-report.pdf'))
    expect(pdfFacts(new Uint8Array(reportPdf))).toMatchObject({ opens: true, encrypted: false })
    expect(readFileSync(join(bag, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')
    const ok = sunba.zt('archive', 'check', bag, '--json')
    expect(ok.status, ok.stdout).toBe(0)
    const result = JSON.parse(ok.stdout) as { reports: CheckReport[] }
    expect(result.reports).toHaveLength(4)
    expect(result.reports[0]!.items.every((i) => i.code.startsWith('YJ-'))).toBe(true)

    const payload = join(bag, 'data', `${firstCode}.xml`)
    writeFileSync(payload, readFileSync(payload, 'utf8').replace('<稿本>正本</稿本>', '<稿本>副本</稿本>'))
    const damaged = sunba.zt('archive', 'check', bag)
    expect(damaged.status).toBe(1)
    expect(damaged.stdout).toContain('SHA-256')
  }, 180_000)

  it('lends a record for a period: the borrower reads its 正本 only once approved, and each view is logged', () => {
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10)
    expect(lisi.zt('archive', 'borrow', firstCode, '--reason', '编写年度总结', '--from', '2020-01-01', '--until', '2020-01-31').stderr).toContain('借阅申请须写明理由和起止日期')
    const loan = /借阅编号 (\S+)）/.exec(lisi.ok('archive', 'borrow', firstCode, '--reason', '编写年度总结', '--until', tomorrow))![1]!
    const pdf = join(dir, 'borrowed.pdf')
    expect(lisi.zt('archive', 'read', firstCode, '--out', pdf).stderr).toContain('没有该档案的有效借阅')
    expect(JSON.parse(sunba.ok('inbox', '--json')).notices.some((n: { message: string }) => n.message.includes('申请借阅档案'))).toBe(true)
    // the archivist's 待办 lists it by kind, in text too
    const asked = sunba.ok('inbox')
    expect(asked).toMatch(new RegExp(`待办（\\d+）[\\s\\S]*〔借阅审批〕关于做好年终安全检查的通知\\s+借阅审批（${firstCode}）\\s+来自 李四`))
    expect(asked).toMatch(/借阅审批 1/)
    expect(lisi.zt('archive', 'lend', loan, 'approve').stderr).toContain('只有档案员可以审批借阅申请')
    sunba.ok('archive', 'lend', loan, 'approve')
    expect(sunba.ok('inbox')).not.toContain('〔借阅审批〕')
    lisi.ok('archive', 'read', firstCode, '--out', pdf)
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    // someone without a loan is refused
    expect(zhangsan.zt('archive', 'read', firstCode, '--out', pdf).stderr).toContain('没有该档案的有效借阅')
    expect(JSON.parse(sunba.ok('archive', 'loans', '--json'))).toEqual([expect.objectContaining({ id: loan, borrower: 'lisi', status: 'approved', views: 1 })])
    expect(JSON.parse(lisi.ok('archive', 'loans', '--json'))).toEqual([expect.objectContaining({ id: loan, status: 'approved' })])
    expect(lisi.ok('archive', 'loans')).toContain('已批准')
  }, 180_000)

  it('corrects a record never in place: a 修改型 package keeps the original whole and locks its signature', () => {
    expect(lisi.zt('archive', 'revise', firstCode, '--reason', '责任者著录有误', '--responsible', '政通示范厅办公室').stderr).toContain('档案员')
    expect(sunba.ok('archive', 'revise', firstCode, '--reason', '责任者著录有误', '--responsible', '政通示范厅办公室')).toContain(`已更正：${firstCode}`)
    const entry = (JSON.parse(sunba.ok('archive', 'list', '--json')) as { code: string; status: string; responsible: string; revisions: { reason: string }[] }[]).find((e) => e.code === firstCode)!
    expect(entry).toMatchObject({ status: 'filed', responsible: '政通示范厅办公室', revisions: [expect.objectContaining({ reason: '责任者著录有误' })] })
    const file = join(dir, 'revised.xml')
    sunba.ok('archive', 'export', firstCode, '--out', file)
    const revised = readFileSync(file, 'utf8')
    const eep = readEep(revised)
    if (!eep.ok) throw new Error(eep.message)
    expect(eep.eep.type).toBe('修改型')
    expect(eep.eep.signatures[0]!.id).toBe('修改1-签名1')
    expect(eep.eep.locks).toEqual([expect.objectContaining({ locks: '修改0-签名1' })])
    expect(Buffer.from(eep.eep.previous!.text, 'base64').toString('utf8')).toBe(packageXml)
    expect(failed(checkPackage(new TextEncoder().encode(revised), { now: new Date(), isArchivist: (u) => u === 'sunba' }))).toEqual([])
    // the original inside cannot be swapped for another
    const swapped = revised.replace(/(<原封装包[^>]*>)([A-Za-z0-9+/]{20})/, (_, open: string, head: string) => open + (head[0] === 'A' ? 'B' : 'A') + head.slice(1))
    expect(failed(checkPackage(new TextEncoder().encode(swapped), { now: new Date() }))).toContain('GD-1-1')
  }, 180_000)

  it('files under the 全宗 an administrator configures', () => {
    const admin = cliUser(server, 'admin')
    expect(sunba.zt('archive', 'settings', '--fonds', 'Z200', '--fonds-name', '政通示范厅', '--agency', '政通示范厅').stderr).toContain('权限')
    expect(admin.zt('archive', 'settings', '--fonds', 'z-1', '--fonds-name', '政通示范厅', '--agency', '政通示范厅').stderr).toContain('全宗号须为')
    admin.ok('archive', 'settings', '--fonds', 'Z200', '--fonds-name', '政通示范厅（2027 年起）', '--agency', '政通示范厅')
    const id = finish('关于启用新全宗号的通知')
    expect(sunba.ok('archive', 'file', id)).toContain(`已归档：Z200-WS·${year}-D30-BGS-0001`)
  }, 180_000)
})

