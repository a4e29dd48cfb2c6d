// Enrolment: the agency CA certifies a key only for whoever proves they hold it (a key.enroll
// envelope signed with it, for this user, now), one live certificate per device and a bounded
// number per user, with a Chinese reason for every refusal.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signCommand } from '../../../src/core/command/envelope'
import { generateSm2KeyPair } from '../../../src/core/crypto/sm2'
import { enrolProof } from '../../../src/core/pki/enrolProof'
import { newServer, type TestServer } from '../../support/newServer'
import { enrolBody, newDoc, signedIn } from './helpers'

let server: TestServer
let token: string
let room: string
beforeAll(async () => {
  server = await newServer()
  token = (await signedIn(server, 'zhaoliu')).token
  room = await newDoc(server, 'zhaoliu')
})
afterAll(() => server.dispose())

async function post(path: string, body: unknown, as = token): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${as}` }, body: JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

const PROOF_MESSAGE = '申领证书的签名证明无效：须用所申领的密钥对本次申领签名'

describe('enrolment needs proof of possession', () => {
  it('refuses a public key whose holder did not sign for it: no proof, another key, another user, a stale one', async () => {
    const keys = generateSm2KeyPair()
    const other = generateSm2KeyPair()
    const device = 'test-device-proof'
    const sign = (signer: typeof keys, fields: { userId?: string; at?: Date } = {}) =>
      signCommand(enrolProof({ id: randomUUID(), userId: fields.userId ?? 'zhaoliu', publicKey: keys.publicKey, device, at: fields.at ?? new Date() }), signer.privateKey, signer.publicKey)
    const cases = {
      'no proof': { publicKey: keys.publicKey, device },
      'signed by another key (someone else’s public key)': { publicKey: keys.publicKey, device, proof: sign(other) },
      'made for another user': { publicKey: keys.publicKey, device, proof: sign(keys, { userId: 'lisi' }) },
      'ten minutes old': { publicKey: keys.publicKey, device, proof: sign(keys, { at: new Date(Date.now() - 600_000) }) },
      'for another device': { publicKey: keys.publicKey, device: 'test-device-other', proof: sign(keys) },
    }
    for (const [name, body] of Object.entries(cases)) {
      const answer = await post('/api/enroll', body)
      expect({ name, status: answer.status, error: answer.body.error, message: answer.body.message }).toEqual({ name, status: 400, error: 'bad_enrol_proof', message: PROOF_MESSAGE })
    }
    // a proof is not a command
    const proofAsCommand = await post('/api/commands', sign(keys))
    expect(proofAsCommand.body.status).toBe('rejected')
    expect((await post('/api/enroll', { publicKey: keys.publicKey, device, proof: sign(keys) })).status).toBe(200)
  })
})

describe('enrolment bounds', () => {
  it('gives the same key its certificate again, and a new key on a device supersedes the old one', async () => {
    const device = 'test-device-laptop'
    const first = generateSm2KeyPair()
    const a = await post('/api/enroll', enrolBody(first, 'zhaoliu', device))
    const again = await post('/api/enroll', enrolBody(first, 'zhaoliu', device))
    expect(again.body.serial).toBe(a.body.serial)

    const second = generateSm2KeyPair()
    const b = await post('/api/enroll', enrolBody(second, 'zhaoliu', device))
    expect(b.status).toBe(200)
    expect(b.body.serial).not.toBe(a.body.serial)
    // the replaced key signs nothing now; the new one does
    const rename = (keys: typeof first, title: string) =>
      post('/api/commands', signCommand({ id: randomUUID(), type: 'doc.rename', room, actor: 'zhaoliu', at: new Date().toISOString(), payload: { title } }, keys.privateKey, keys.publicKey))
    expect((await rename(first, '旧密钥')).body.error).toBe('certificate_revoked')
    expect((await rename(second, '新密钥')).body.status).toBe('accepted')
    // a superseded key is no administrator's revocation: the next device enrols as usual
    expect((await post('/api/enroll', enrolBody(generateSm2KeyPair(), 'zhaoliu', 'test-device-desk'))).status).toBe(200)
  })

  it('refuses a key past the per-user bound, with the bound in the message', async () => {
    const { token: lisi } = await signedIn(server, 'lisi')
    for (let i = 0; i < 5; i++) expect((await post('/api/enroll', enrolBody(generateSm2KeyPair(), 'lisi', `test-device-${i}`), lisi)).status).toBe(200)
    const sixth = await post('/api/enroll', enrolBody(generateSm2KeyPair(), 'lisi', 'test-device-5'), lisi)
    expect(sixth.status).toBe(409)
    expect(sixth.body).toMatchObject({ error: 'too_many_certificates', message: '您已有 5 张有效证书（上限），请管理员吊销不用的设备证书后再申领' })
  })
})
