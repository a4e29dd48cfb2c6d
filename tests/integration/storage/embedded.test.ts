// The storage contract against the embedded store (files under a data directory).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EmbeddedStorage } from '../../../server/storage/EmbeddedStorage'
import type { Storage } from '../../../src/core/storage/types'
import { storageContract } from './storageContract'

const dirs = new Map<Storage, string>()
const made: string[] = []

storageContract('embedded', {
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'zt-store-'))
    made.push(dir)
    const store = await EmbeddedStorage.open(dir)
    dirs.set(store, dir)
    return store
  },
  async reopen(store) {
    const dir = dirs.get(store)!
    await store.close()
    const again = await EmbeddedStorage.open(dir)
    dirs.set(again, dir)
    return again
  },
  async dispose() {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
  },
})
