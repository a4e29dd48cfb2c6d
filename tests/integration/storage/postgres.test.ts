// The storage contract against PostgreSQL: every store in a schema of its own, in a database this
// file makes and drops. `share` opens a second handle on the same schema, as another process would.
import { afterAll, beforeAll, describe } from 'vitest'
import { PostgresStorage } from '../../../server/storage/PostgresStorage'
import type { Storage } from '../../../src/core/storage/types'
import { createTestDatabase, requirePostgres, schemaUrl, type TestDatabase } from './postgresServer'
import { storageContract } from './storageContract'

const available = await requirePostgres('PostgreSQL storage tests')

describe.runIf(available)('PostgreSQL store', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase()
  })
  afterAll(async () => {
    await db?.drop()
  })

  const urls = new Map<Storage, string>()
  const open = async (url: string): Promise<Storage> => {
    const store = await PostgresStorage.open(url, { poolSize: 3 })
    urls.set(store, url)
    return store
  }

  storageContract('postgres', {
    create: () => open(schemaUrl(db)),
    async reopen(store) {
      await store.close()
      return open(urls.get(store)!)
    },
    share: (store) => open(urls.get(store)!),
    async dispose() {
      urls.clear()
    },
  })
})
