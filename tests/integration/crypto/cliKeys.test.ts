// The CLI's device key, end to end: zt login --pin makes an SM2 key that never leaves the machine
// (stored only wrapped under the PIN), enrols it, and zt sign-test signs with it — checked by
// OpenSSL against the agency root.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliBundle } from '../../support/ztCli'
import { fromHex } from '../../../src/core/crypto/bytes'
import { sm2PublicKeyInfo } from '../../../src/core/pki/certificate'
import { toPem } from '../../../src/core/pki/der'
import { newServer, type TestServer } from '../../support/newServer'

let server: TestServer
const home = mkdtempSync(join(tmpdir(), 'zt-home-'))
const adminHome = mkdtempSync(join(tmpdir(), 'zt-admin-'))
const work = mkdtempSync(join(tmpdir(), 'zt-work-'))

const zt = (...args: string[]) => spawnSync(process.execPath, [cliBundle(), ...args], { encoding: 'utf8' })
const openssl = (...args: string[]) => spawnSync('openssl', args, { encoding: 'utf8' })

beforeAll(async () => {
  server = await newServer()
})
afterAll(() => server.dispose())

describe('device key and certificate from the CLI', () => {
  it('zt login --pin generates, wraps and enrols a key', () => {
    const r = zt('login', 'zhangsan', '--password', 'demo123', '--server', server.url, '--pin', '246810', '--home', home)
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('已生成本机 SM2 密钥并申领证书')
    const file = join(home, 'device-key.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    expect(Object.keys(stored).sort()).toEqual(['certificate', 'publicKey', 'userId', 'wrapped'])
  })

  it('zt cert show / cert root give certificates OpenSSL verifies', () => {
    const cert = zt('cert', 'show', '--pem', '--home', home)
    const root = zt('cert', 'root', '--pem', '--home', home)
    expect(cert.stdout).toContain('BEGIN CERTIFICATE')
    writeFileSync(join(work, 'user.pem'), cert.stdout)
    writeFileSync(join(work, 'root.pem'), root.stdout)
    expect(openssl('verify', '-vfyopt', 'distid:1234567812345678', '-CAfile', join(work, 'root.pem'), join(work, 'user.pem')).stdout).toContain(': OK')
    expect(zt('cert', 'show', '--home', home).stdout).toMatch(/主体：张三[\s\S]*状态：有效/)
  })

  it('zt sign-test signs with the device key, and OpenSSL verifies the signature', () => {
    const file = join(work, 'notice.txt')
    writeFileSync(file, '关于加快数字政府建设的通知')
    const r = zt('sign-test', file, '--pin', '246810', '--home', home)
    expect(r.status).toBe(0)
    const sig = /签名（DER，十六进制）：([0-9a-f]+)/.exec(r.stdout)![1]!
    const pub = /公钥：([0-9a-f]+)/.exec(r.stdout)![1]!
    writeFileSync(join(work, 'sig.der'), fromHex(sig))
    writeFileSync(join(work, 'pub.pem'), toPem('PUBLIC KEY', sm2PublicKeyInfo(pub)))
    const v = openssl('pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-pubin', '-inkey', join(work, 'pub.pem'), '-in', file, '-sigfile', join(work, 'sig.der'))
    expect(v.stdout).toContain('Signature Verified Successfully')
  })

  it('refuses a wrong PIN with a message, and never signs', () => {
    const r = zt('sign-test', join(work, 'notice.txt'), '--pin', '000000', '--home', home)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('PIN 不正确')
    expect(r.stdout).toBe('')
    expect(zt('login', 'zhangsan', '--password', 'demo123', '--server', server.url, '--pin', '135790', '--home', home).stderr).toContain('PIN 不正确')
  })

  it('zt admin revoke revokes, and only an administrator may', () => {
    expect(zt('admin', 'revoke', 'zhangsan', '--home', home).status).not.toBe(0)
    expect(zt('login', 'admin', '--password', 'demo123', '--server', server.url, '--home', adminHome).status).toBe(0)
    const r = zt('admin', 'revoke', 'zhangsan', '--home', adminHome)
    expect(r.stdout).toContain('已吊销 zhangsan 的 1 张证书')
    // anyone signed in sees it in the directory, offline-verifiable
    const shown = zt('cert', 'show', 'zhangsan', '--home', adminHome)
    expect(shown.status).toBe(0)
    expect(shown.stdout).toMatch(/主体：张三[\s\S]*状态：已吊销/)
    expect(zt('cert', 'show', 'wangwu', '--home', adminHome).stderr).toContain('通讯录中没有 wangwu 的证书')
  })

  it('after a revocation, a new key is certified only once an administrator allows it', () => {
    const refused = zt('login', 'zhangsan', '--password', 'demo123', '--server', server.url, '--pin', '246810', '--home', home)
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toContain('重新申领须由管理员批准')
    expect(zt('admin', 'allow-enroll', 'zhangsan', '--home', home).status).not.toBe(0)
    expect(zt('admin', 'allow-enroll', 'zhangsan', '--home', adminHome).stdout).toContain('已准许 zhangsan 重新申领证书')
    const again = zt('login', 'zhangsan', '--password', 'demo123', '--server', server.url, '--pin', '246810', '--home', home)
    expect(again.status).toBe(0)
    expect(again.stdout).toContain('证书')
    expect(zt('cert', 'show', '--home', home).stdout).toContain('状态：有效')
  })
})
