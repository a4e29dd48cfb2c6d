import { describe, expect, it } from 'vitest'
import { verifyCommandSignature, type UnsignedCommand } from '../command/envelope'
import type { DeviceKey } from './deviceKey'
import { KeyExistsError, KeyLockedError, PinKeyVault } from './pinVault'

const random = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n))

function memoryStorage(): { rows: Map<string, DeviceKey>; get(u: string): Promise<DeviceKey | undefined>; put(r: DeviceKey): Promise<void> } {
  const rows = new Map<string, DeviceKey>()
  return { rows, get: async (u) => rows.get(u), put: async (r) => void rows.set(r.userId, r) }
}

const command = (actor: string): UnsignedCommand => ({
  id: crypto.randomUUID(), type: 'doc.rename', room: 'doc:1', actor, at: new Date().toISOString(), payload: { title: '关于印发的通知' },
})

describe('PinKeyVault', () => {
  it('creates a key that signs, keeps only the wrapped key at rest, and opens again with the PIN after a restart', async () => {
    const storage = memoryStorage()
    const vault = new PinKeyVault(storage, random)
    expect((await vault.state('u1')).state).toBe('none')
    const publicKey = await vault.create('u1', '123456')
    expect(JSON.stringify(storage.rows.get('u1'))).not.toMatch(/privateKey/)
    const signed = vault.sign(command('u1'))
    expect(verifyCommandSignature(signed, publicKey)).toBe(true)

    const reopened = new PinKeyVault(storage, random)
    expect(await reopened.state('u1')).toEqual({ state: 'locked', publicKey })
    expect(() => reopened.sign(command('u1'))).toThrow(KeyLockedError)
    expect(await reopened.unlock('u1', '654321')).toBe(false)
    expect((await reopened.state('u1')).state).toBe('locked')
    expect(await reopened.unlock('u1', '123456')).toBe(true)
    expect(verifyCommandSignature(reopened.sign(command('u1')), publicKey)).toBe(true)
    reopened.lock('u1')
    expect(() => reopened.sign(command('u1'))).toThrow(KeyLockedError)
  })

  it('signs only for the user whose key is unlocked, and never replaces an existing key', async () => {
    const vault = new PinKeyVault(memoryStorage(), random)
    await vault.create('u1', '123456')
    expect(() => vault.sign(command('u2'))).toThrow(KeyLockedError)
    await expect(vault.create('u1', '999999')).rejects.toThrow(KeyExistsError)
  })
})
