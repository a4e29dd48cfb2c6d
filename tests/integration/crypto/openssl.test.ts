// An independent implementation checks ours: OpenSSL 3 parses and verifies the certificates the
// agency CA issues, and verifies SM2 signatures the product makes (GB/T 32918, default ID).
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { utf8 } from '../../../src/core/crypto/bytes'
import { generateSm2KeyPair, sm2Sign, type Sm2KeyPair } from '../../../src/core/crypto/sm2'
import { sm2PublicKeyInfo } from '../../../src/core/pki/certificate'
import { toPem } from '../../../src/core/pki/der'
import { newServer, type TestServer } from '../../support/newServer'
import { destroySessions, enrolBody, session, signedIn } from '../server/helpers'

let server: TestServer
const dir = mkdtempSync(join(tmpdir(), 'zt-openssl-'))
beforeAll(async () => {
  server = await newServer()
})
afterAll(() => server.dispose())
afterEach(() => destroySessions())

async function enroll(username: string, keys: Sm2KeyPair | { publicKey: string }): Promise<Response> {
  const { token } = await signedIn(server, username)
  const body = 'privateKey' in keys ? enrolBody(keys, username) : { publicKey: keys.publicKey, device: 'test-device-1', proof: {} }
  return fetch(`${server.url}/api/enroll`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
}

describe('agency CA, checked by OpenSSL', () => {
  it('issues a certificate that openssl parses and verifies against the root', async () => {
    const keys = generateSm2KeyPair()
    const res = await enroll('zhangsan', keys)
    expect(res.status).toBe(200)
    const { certificate, root } = (await res.json()) as { certificate: string; root: string }
    writeFileSync(join(dir, 'root.pem'), root)
    writeFileSync(join(dir, 'user.pem'), certificate)

    const text = execFileSync('openssl', ['x509', '-in', join(dir, 'user.pem'), '-noout', '-text'], { encoding: 'utf8' })
    expect(text).toContain('Signature Algorithm: SM2-with-SM3')
    expect(text).toContain('Digital Signature, Non Repudiation')
    expect(text).toMatch(/UID ?= ?zhangsan/)
    expect(text).toContain('CA:FALSE')

    const verify = spawnSync('openssl', ['verify', '-vfyopt', 'distid:1234567812345678', '-CAfile', join(dir, 'root.pem'), join(dir, 'user.pem')], { encoding: 'utf8' })
    expect(verify.stdout.trim()).toBe(`${join(dir, 'user.pem')}: OK`)

    // a certificate from another CA does not verify against ours
    const other = spawnSync('openssl', ['verify', '-vfyopt', 'distid:1234567812345678', '-CAfile', join(dir, 'user.pem'), join(dir, 'user.pem')], { encoding: 'utf8' })
    expect(other.status).not.toBe(0)
  })

  it('publishes the root and every certificate in the directory room', async () => {
    const keys = generateSm2KeyPair()
    const { serial } = (await (await enroll('lisi', keys)).json()) as { serial: string }
    const dirSession = await session(server, 'wangwu', 'directory')
    await dirSession.whenSynced()
    await expect.poll(() => (dirSession.doc.getMap('certificates').get(serial) as { userId?: string } | undefined)?.userId).toBe('lisi')
    expect(String(dirSession.doc.getMap('ca').get('root'))).toContain('BEGIN CERTIFICATE')
  })

  it('refuses what is not an SM2 public key, in Chinese', async () => {
    const res = await enroll('zhangsan', { publicKey: '04' + 'ab'.repeat(64) })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { message: string }).message).toMatch(/SM2|请求格式/)
  })
})

describe('SM2 signatures, checked by OpenSSL', () => {
  it('verifies a signature the product made, and refuses it over other bytes', () => {
    const keys = generateSm2KeyPair()
    const message = utf8('王五已于 2026年11月22日 签发：同意。')
    writeFileSync(join(dir, 'pub.pem'), toPem('PUBLIC KEY', sm2PublicKeyInfo(keys.publicKey)))
    writeFileSync(join(dir, 'msg.bin'), message)
    writeFileSync(join(dir, 'sig.der'), sm2Sign(message, keys.privateKey))
    writeFileSync(join(dir, 'other.bin'), utf8('王五已于 2026年11月22日 签发：不同意。'))
    const args = (file: string) => ['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-pubin', '-inkey', join(dir, 'pub.pem'), '-in', join(dir, file), '-sigfile', join(dir, 'sig.der')]
    const ok = spawnSync('openssl', args('msg.bin'), { encoding: 'utf8' })
    expect(ok.stdout).toContain('Signature Verified Successfully')
    const bad = spawnSync('openssl', args('other.bin'), { encoding: 'utf8' })
    expect(bad.stdout + bad.stderr).toContain('Signature Verification Failure')
  })
})
