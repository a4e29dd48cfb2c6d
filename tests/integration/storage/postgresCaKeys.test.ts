// The CA's keys in PostgreSQL (zt_ca) under --ca-passphrase-file: sealed on the first open with a
// passphrase, refused with a wrong or missing one, the rows left as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AgencyCa } from '../../../server/ca/AgencyCa'
import { CaKeyError } from '../../../server/ca/keyAtRest'
import { PostgresStorage } from '../../../server/storage/PostgresStorage'
import { createTestDatabase, requirePostgres, schemaUrl, type TestDatabase } from './postgresServer'

const available = await requirePostgres('PostgreSQL CA key tests')

describe.runIf(available)('CA keys in PostgreSQL under a passphrase', () => {
  let db: TestDatabase
  let store: PostgresStorage
  beforeAll(async () => {
    db = await createTestDatabase()
    store = await PostgresStorage.open(schemaUrl(db), { poolSize: 2 })
  })
  afterAll(async () => {
    await store?.close()
    await db?.drop()
  })

  it('seals plain keys, opens them again only with the passphrase, and signs as before', async () => {
    const keys = store.caKeys()
    const plain = await AgencyCa.open(keys)
    const plainRoot = (await keys.load('root'))!
    expect(plainRoot.key).toContain('privateKey')

    const sealed = await AgencyCa.open(keys, new Date(), '口令 passphrase')
    expect(sealed.rootPem).toBe(plain.rootPem)
    const rows = [(await keys.load('root'))!, (await keys.load('sealmaker'))!]
    for (const row of rows) expect(JSON.parse(row.key)).toMatchObject({ sealed: 'pbkdf2-hmac-sm3/sm4-gcm' })
    expect(rows[0]!.key).not.toContain((JSON.parse(plainRoot.key) as { privateKey: string }).privateKey)

    await expect(AgencyCa.open(keys, new Date(), 'wrong')).rejects.toThrow(CaKeyError)
    await expect(AgencyCa.open(keys, new Date(), 'wrong')).rejects.toThrow('CA 私钥口令错误')
    await expect(AgencyCa.open(keys)).rejects.toThrow('须以 --ca-passphrase-file')
    expect([(await keys.load('root'))!, (await keys.load('sealmaker'))!]).toEqual(rows)

    // a checkpoint signed after reopening verifies with the same root key
    const again = await AgencyCa.open(keys, new Date(), '口令 passphrase')
    const head = { seq: 1, at: new Date().toISOString(), type: 'x', detail: null, prev: '0'.repeat(64), hash: 'ab'.repeat(32) }
    expect(again.auditCheckpoint(head).detail).toMatchObject({ seq: 1 })
    expect(again.rootPem).toBe(plain.rootPem)
  })
})
