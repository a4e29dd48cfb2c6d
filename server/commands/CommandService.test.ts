// The signature is verified before the `commands` lock (in the verifier's workers), and the
// certificate is read again under it: a key revoked while its command waited signs nothing, and a
// bad signature is refused, recorded and audited as before.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signCommand } from '../../src/core/command/envelope'
import { generateSm2KeyPair } from '../../src/core/crypto/sm2'
import { toPem } from '../../src/core/pki/der'
import type { CertRecord, CommandRecord, Storage, UserRecord } from '../../src/core/storage/types'
import { AgencyCa } from '../ca/AgencyCa'
import { CommandService } from './CommandService'
import type { RuleContext } from './ruleContract'
import { SignatureVerifier } from './SignatureVerifier'

const actor = { id: 'zhangsan', name: '张三', unitId: 'office' } as UserRecord
const keys = generateSm2KeyPair()
let dir: string
let cert: CertRecord
let verifier: SignatureVerifier

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zt-commands-'))
  const ca = await AgencyCa.open(dir)
  cert = { serial: '01', userId: actor.id, pem: toPem('CERTIFICATE', ca.issue({ id: actor.id, name: actor.name, unitName: '办公室' }, keys.publicKey).der), issuedAt: new Date().toISOString(), device: 'd' }
  verifier = new SignatureVerifier()
})
afterAll(async () => {
  await verifier.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A store holding one certificate and the commands put, as far as CommandService reads it. */
function setup(verify: SignatureVerifier['verify'] = (...a) => verifier.verify(...a)) {
  const certs = [{ ...cert }]
  const put: CommandRecord[] = []
  const audited: { type: string; detail: Record<string, unknown> }[] = []
  const storage = {
    withLock: (_name: string, task: () => Promise<unknown>) => task(),
    catchUp: async () => undefined,
    staged: async (task: () => Promise<unknown>) => ({ value: await task(), durable: Promise.resolve() }),
    command: async () => null,
    certsOf: () => certs,
    putCommand: async (record: CommandRecord) => {
      put.push({ ...record, seq: put.length + 1 })
      return put[put.length - 1]
    },
    room: async () => null,
  } as unknown as Storage
  const ctx = { storage, clock: () => new Date(), newId: randomUUID } as unknown as RuleContext
  const audit = (type: string, detail: Record<string, unknown>) => {
    audited.push({ type, detail })
    return Promise.resolve()
  }
  const service = new CommandService(storage, ctx, audit, { verify } as SignatureVerifier)
  return { service, certs, put, audited }
}

const rename = (title: string) => signCommand({ id: randomUUID(), type: 'doc.rename', room: 'doc:r1', actor: actor.id, at: new Date().toISOString(), payload: { title } }, keys.privateKey, keys.publicKey)

describe('CommandService', () => {
  it('refuses a command whose key is revoked between the signature check and the judgement', async () => {
    const race = setup(async (...a) => {
      const ok = await verifier.verify(...a)
      // the revocation lands while the command waits for the lock
      race.certs[0] = { ...race.certs[0]!, revokedAt: new Date().toISOString() }
      return ok
    })
    const answer = await race.service.submit(rename('吊销前签署'), actor, new Date(Date.now() - 1000))
    expect(answer).toMatchObject({ status: 'rejected', error: 'certificate_revoked' })
    expect(race.put).toMatchObject([{ status: 'rejected', reason: 'certificate_revoked' }])
    expect(race.audited).toMatchObject([{ type: 'command.rejected', detail: { reason: 'certificate_revoked' } }])
  })

  it('refuses, records and audits a bad signature as before', async () => {
    const t = setup()
    const forged = { ...rename('伪造'), payload: { title: '改过的标题' } }
    expect(await t.service.submit(forged, actor)).toMatchObject({ status: 'rejected', error: 'bad_signature', message: '操作的数字签名无效' })
    expect(t.put).toMatchObject([{ id: forged.id, status: 'rejected', reason: 'bad_signature' }])
    expect(t.audited).toMatchObject([{ type: 'command.rejected', detail: { id: forged.id, reason: 'bad_signature' } }])
  })
})
