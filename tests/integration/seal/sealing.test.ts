// 电子印章 end to end with the real server and CLI users: the 印章管理员 makes a seal, a signed-off
// 发文 is sealed at 用印 by the seal's holder, exported as one file, and verified with no server —
// then tampered with, one thing at a time, and each change fails at the right step. OpenSSL
// checks our DER and the holder's signature independently.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCertificate } from '../../../src/core/pki/certificate'
import { toPem } from '../../../src/core/pki/der'
import { parseSignature } from '../../../src/core/seal/ses'
import { newServer, type TestServer } from '../../support/newServer'
import { cliUser, show, type CliUser } from '../../support/ztCli'
import { destroySessions } from '../server/helpers'

let server: TestServer
let qianqi: CliUser, zhangsan: CliUser, lisi: CliUser, wangwu: CliUser, zhaoliu: CliUser
const dir = mkdtempSync(join(tmpdir(), 'zt-seal-'))
const pkg = join(dir, 'sealed.zip')
let esID = ''
let docId = ''

beforeAll(async () => {
  server = await newServer()
  ;[qianqi, zhangsan, lisi, wangwu, zhaoliu] = ['qianqi', 'zhangsan', 'lisi', 'wangwu', 'zhaoliu'].map((u) => cliUser(server, u)) as [CliUser, CliUser, CliUser, CliUser, CliUser]
}, 90_000)
afterAll(async () => {
  destroySessions()
  await server.dispose()
})

/** zt verify on a package; returns the exit status and what it printed. */
function verify(file: string): { status: number | null; out: string } {
  const r = zhaoliu.zt('verify', file)
  return { status: r.status, out: r.stdout + r.stderr }
}

/** A copy of the package with one of its files changed. */
function tampered(name: string, change: (bytes: Uint8Array) => Uint8Array): string {
  const files: Record<string, Uint8Array> = unzipSync(new Uint8Array(readFileSync(pkg)))
  files[name] = change(files[name]!.slice())
  const out = join(dir, `tampered-${Math.random().toString(36).slice(2)}.zip`)
  // repacked as an export packs (so only the changed part is what fails)
  const mtime = new Date('2000-01-01T00:00:00Z')
  writeFileSync(out, zipSync(Object.fromEntries(Object.entries(files).map(([n, b]) => [n, [b, { mtime }]])), { level: 6 }))
  return out
}

describe('电子印章', () => {
  it('lets only the 印章管理员 make a seal, and lists it for everyone', () => {
    const refused = zhangsan.zt('seal', 'create', '--name', '政通示范厅', '--holders', 'zhaoliu', '--valid-until', '2030-12-31')
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('只有印章管理员可以管理印章')
    const made = qianqi.ok('seal', 'create', '--name', '政通示范厅', '--holders', 'zhaoliu', '--valid-until', '2030-12-31')
    esID = /印章标识 (\S+)/.exec(made)![1]!
    const list = JSON.parse(lisi.ok('seal', 'list', '--json')) as { esID: string; status: string; holders: string[] }[]
    expect(list).toEqual([expect.objectContaining({ esID, status: 'active', holders: ['zhaoliu'] })])
  })

  it('seals a signed-off document at 用印 and exports a file that verifies with no server', () => {
    docId = zhangsan.ok('doc', 'create', '--title', '关于开展电子印章试点的通知', '--type', '通知', '--body-file', 'tests/fixtures/haizhou-notice-2022.txt', '--to-main', '各处室', '--issuer-mark', '政通示范厅文件', '--issuer-name', '政通示范厅').trim()
    zhangsan.ok('doc', 'submit', docId, '--to', 'lisi')
    lisi.ok('doc', 'act', docId, 'approve', '--next', 'signoff', '--to', 'wangwu')
    wangwu.ok('doc', 'act', docId, 'signoff', '--opinion', '同意', '--to', 'zhaoliu')
    zhaoliu.ok('doc', 'act', docId, 'number')
    // someone who does not hold the seal cannot use it (zhaoliu is the step's holder; wangwu is not)
    expect(wangwu.zt('doc', 'act', docId, 'seal', '--seal', esID).status).toBe(1)
    expect(zhaoliu.ok('doc', 'act', docId, 'seal', '--seal', esID)).toContain('已用印')
    expect(show(zhaoliu, docId).flow.step).toBe('distribute')

    zhaoliu.ok('doc', 'export', docId, '--sealed', pkg, '--pdf', join(dir, 'doc.pdf'))
    const ok = verify(pkg)
    expect(ok.out).toContain('验证通过')
    expect(ok.status).toBe(0)
    for (const n of [1, 2, 3, 4, 5, 6, 8]) expect(ok.out).toMatch(new RegExp(`（${n}）\\S+\\s+通过`))
    // the PDF shows the seal and records the hash it protects
    expect(execFileSync('pdfinfo', ['-custom', join(dir, 'doc.pdf')], { encoding: 'utf8' })).toMatch(/ZtContentHash:\s+[0-9a-f]{64}/)
  })

  it('fails at the right step when one thing is changed', () => {
    // one character of the body → (8) 原文杂凑值
    const body = tampered('content.json', (b) => new TextEncoder().encode(new TextDecoder().decode(b).replace('各处室', '各处宝')))
    expect(verify(body)).toMatchObject({ status: 1 })
    expect(verify(body).out).toMatch(/（8）原文杂凑值\s+不通过/)
    // one byte of the hash the PDF records → (8), naming the PDF
    const pdf = tampered('document.pdf', (b) => {
      const text = Buffer.from(b).toString('latin1')
      const at = text.search(/\n\(\s*[0-9a-f]{64}\)/) + 2
      b[at] = b[at] === 0x30 ? 0x31 : 0x30
      return b
    })
    expect(verify(pdf).out).toMatch(/（8）原文杂凑值\s+不通过\s+版式文件/)
    // the seal picture inside the signature → (2) the holder's signature no longer covers it
    const picture = tampered('signatures/1.ses', (b) => {
      const at = Buffer.from(b).indexOf('<svg')
      b[at + 1] = b[at + 1]! ^ 0x01
      return b
    })
    expect(verify(picture).out).toMatch(/（2）签章人签名\s+不通过/)
    // garbage → (1)
    const garbage = tampered('signatures/1.ses', (b) => b.subarray(0, 40))
    expect(verify(garbage).out).toMatch(/（1）结构\s+不通过/)
  })

  it('is checked by OpenSSL: the DER parses and the holder’s SM2 signature over TBS_Sign verifies', () => {
    const ses = unzipSync(new Uint8Array(readFileSync(pkg)))['signatures/1.ses']!
    writeFileSync(join(dir, '1.ses'), ses)
    expect(spawnSync('openssl', ['asn1parse', '-inform', 'DER', '-in', join(dir, '1.ses')]).status).toBe(0)
    const sig = parseSignature(ses)
    writeFileSync(join(dir, 'tbs.der'), sig.tbsDer)
    writeFileSync(join(dir, 'sig.der'), sig.signature)
    writeFileSync(join(dir, 'signer.pem'), toPem('CERTIFICATE', sig.signerCert))
    expect(parseCertificate(sig.signerCert).subject.commonName).toBe('赵六')
    execFileSync('openssl', ['x509', '-in', join(dir, 'signer.pem'), '-pubkey', '-noout', '-out', join(dir, 'pub.pem')])
    const v = spawnSync('openssl', ['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-pubin', '-inkey', join(dir, 'pub.pem'), '-in', join(dir, 'tbs.der'), '-sigfile', join(dir, 'sig.der')], { encoding: 'utf8' })
    expect(v.stdout).toContain('Signature Verified Successfully')
  })

  it('seals an uploaded PDF through a 用印申请: applied, approved by the 印章管理员, sealed by the holder', () => {
    writeFileSync(join(dir, 'reason.txt'), '申请理由：对外发函，需加盖单位印章。')
    const id = zhangsan.ok('doc', 'create', '--kind', 'sealrequest', '--type', '函', '--title', '关于商请协助开展调研的函（用印申请）', '--body-file', join(dir, 'reason.txt')).trim()
    // no PDF yet: refused with the reason
    const early = zhangsan.zt('doc', 'submit', id, '--to', 'qianqi')
    expect(early.status).toBe(1)
    expect(early.stderr).toContain('PDF')
    zhangsan.ok('doc', 'attach', id, join(dir, 'doc.pdf'), '--name', '商请函.pdf')
    zhangsan.ok('doc', 'submit', id, '--to', 'qianqi')
    expect(qianqi.ok('doc', 'act', id, 'signoff', '--opinion', '同意用印', '--to', 'zhaoliu')).toContain('已批准用印')
    zhaoliu.ok('doc', 'act', id, 'seal', '--seal', esID)
    expect(show(zhangsan, id).flow).toMatchObject({ step: 'done', ended: 'done' })

    const file = join(dir, 'request.zip')
    zhangsan.ok('doc', 'export', id, '--sealed', file)
    expect(verify(file)).toMatchObject({ status: 0 })
    // the seal covers the PDF itself: one changed byte fails at (8)
    const files: Record<string, Uint8Array> = unzipSync(new Uint8Array(readFileSync(file)))
    const pdf = files['document.pdf']!.slice()
    pdf[200] = pdf[200]! ^ 0x20
    files['document.pdf'] = pdf
    const mtime = new Date('2000-01-01T00:00:00Z')
    writeFileSync(join(dir, 'request-bad.zip'), zipSync(Object.fromEntries(Object.entries(files).map(([n, b]) => [n, [b, { mtime }]])), { level: 6 }))
    expect(verify(join(dir, 'request-bad.zip')).out).toMatch(/（8）原文杂凑值\s+不通过/)
  })

  it('refuses a revoked seal, and changing holders makes a new version', () => {
    const moved = qianqi.ok('seal', 'holders', esID, '--holders', 'zhaoliu,lisi')
    const next = /新版本 (\S+)/.exec(moved)![1]!
    const list = JSON.parse(lisi.ok('seal', 'list', '--json')) as { esID: string; status: string; replaces?: string }[]
    expect(list.find((s) => s.esID === esID)?.status).toBe('superseded')
    expect(list.find((s) => s.esID === next)).toMatchObject({ status: 'active', replaces: esID })
    qianqi.ok('seal', 'revoke', next, '--reason', '印章遗失')
    expect(JSON.parse(lisi.ok('seal', 'list', '--json')).find((s: { esID: string }) => s.esID === next).status).toBe('revoked')
    // the document sealed before stays verifiable
    expect(verify(pkg).status).toBe(0)
  })
})
