// The demo seed adds what is missing and leaves what an administrator changed: a 财务处 seeded with
// one 收发员 gains the second, one whose 收发员 were changed keeps them.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EmbeddedStorage } from '../storage/EmbeddedStorage'
import { seedDemo } from './demo'

async function storageWith(registrars: string[]): Promise<EmbeddedStorage> {
  const storage = await EmbeddedStorage.open(mkdtempSync(join(tmpdir(), 'zt-seed-')))
  await storage.putUnit({ id: 'cwc', name: '财务处', code: '财发', order: 3, registrars, template: { issuerMark: '财务处文件', prefixes: ['财发'], issuerName: '财务处', printer: '财务处' } })
  return storage
}

describe('demo seed', () => {
  it('gives an earlier demo 财务处 its second 收发员, and its user', async () => {
    const storage = await storageWith(['wushiyi'])
    await seedDemo(storage)
    expect(storage.units().find((u) => u.id === 'cwc')!.registrars).toEqual(['wushiyi', 'fengshisan'])
    expect(storage.userById('fengshisan')).toMatchObject({ name: '冯十三', unitId: 'cwc' })
    await storage.close()
  }, 30_000)

  it('keeps 收发员 an administrator chose', async () => {
    const storage = await storageWith(['zhoujiu'])
    await seedDemo(storage)
    expect(storage.units().find((u) => u.id === 'cwc')!.registrars).toEqual(['zhoujiu'])
    await storage.close()
  }, 30_000)
})
