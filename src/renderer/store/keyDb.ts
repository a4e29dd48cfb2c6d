// Where the browser build keeps device keys: their own IndexedDB database (not the per-user one,
// which a user's sign-out may clear), holding only PIN-wrapped keys.
import { Dexie, type EntityTable } from 'dexie'
import type { DeviceKey } from '../../core/keys/deviceKey'
import type { DeviceKeyStorage } from '../../core/keys/pinVault'

type KeyDb = Dexie & { keys: EntityTable<DeviceKey, 'userId'> }

let db: KeyDb | null = null

function open(): KeyDb {
  if (!db) {
    db = new Dexie('zhengtong-keys', { chromeTransactionDurability: 'strict' }) as KeyDb
    db.version(1).stores({ keys: 'userId' })
  }
  return db
}

export const browserKeyStorage: DeviceKeyStorage = {
  get: (userId) => open().keys.get(userId),
  put: async (record) => {
    await open().keys.put(record)
  },
}
