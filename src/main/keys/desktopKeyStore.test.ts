import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyCommandSignature } from '../../core/command/envelope'
import { KeyExistsError, KeyLockedError } from '../../core/keys/pinVault'
import { DesktopKeyStore, OsKeyStoreUnavailableError, type SecretBox } from './desktopKeyStore'

// Electron's safeStorage cannot run here; this box stands in for it with a reversible transform
// so the test can tell that nothing is written in the clear.
const box = (available = true): SecretBox => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
  decryptString: (sealed) => Buffer.from([...sealed].map((b) => b ^ 0x5a)).toString(),
})

const command = (actor: string) => ({ id: crypto.randomUUID(), type: 'doc.share', room: 'doc:x', actor, at: new Date().toISOString(), payload: { username: 'lisi', access: 'write' } })

describe('DesktopKeyStore', () => {
  it('keeps the key sealed at rest, signs for its user after a restart, and refuses a second key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zt-keys-'))
    const store = new DesktopKeyStore(dir, box())
    expect(store.state('u1').state).toBe('none')
    const { publicKey } = store.create('u1')
    const files = readdirSync(join(dir, 'keys'))
    expect(files).toEqual(['u1.json'])
    const onDisk = readFileSync(join(dir, 'keys', files[0]!), 'utf8')
    const restarted = new DesktopKeyStore(dir, box())
    expect(restarted.state('u1')).toEqual({ state: 'unlocked', usesPin: false, publicKey })
    const signed = restarted.sign(command('u1'))
    expect(verifyCommandSignature(signed, publicKey)).toBe(true)
    // the private key is not on disk in the clear (the signature proves the sealed one is real)
    const privateKey = box().decryptString(Buffer.from(JSON.parse(onDisk).sealed, 'base64'))
    expect(privateKey).toMatch(/^[0-9a-f]{64}$/)
    expect(onDisk).not.toContain(privateKey)
    expect(() => restarted.create('u1')).toThrow(KeyExistsError)
    expect(() => restarted.sign(command('u2'))).toThrow(KeyLockedError)
  })

  it('makes no key when the OS key store is unavailable', () => {
    const store = new DesktopKeyStore(mkdtempSync(join(tmpdir(), 'zt-keys-')), box(false))
    expect(() => store.create('u1')).toThrow(OsKeyStoreUnavailableError)
    expect(store.state('u1').state).toBe('none')
  })
})
