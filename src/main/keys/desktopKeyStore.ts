// The desktop build's key store (ARCHITECTURE.md §3.5): the user's SM2 private key lives in the
// main process only, at rest encrypted by the OS key store (Electron safeStorage, passed in as a
// `SecretBox` so this file stays plain Node that vitest covers). The renderer can ask for a
// command to be signed; it never sees the key. No PIN: the OS login protects the key store.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync, fsyncSync, openSync, closeSync } from 'node:fs'
import { join } from 'node:path'
import * as z from 'zod'
import { signCommand, type Command, type UnsignedCommand } from '../../core/command/envelope'
import { generateSm2KeyPair, publicKeyOf } from '../../core/crypto/sm2'
import { KeyExistsError, KeyLockedError, type KeyState } from '../../core/keys/pinVault'
import { signSealRequest, type SealRequest } from '../../core/seal/apply'

export interface SecretBox {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(sealed: Buffer): string
}

const recordSchema = z.object({ userId: z.string(), publicKey: z.string(), sealed: z.string() })

export class OsKeyStoreUnavailableError extends Error {
  constructor() {
    super('the operating system key store is not available')
    this.name = 'OsKeyStoreUnavailableError'
  }
}

export class DesktopKeyStore {
  private readonly dir: string

  constructor(userDataDir: string, private readonly box: SecretBox) {
    this.dir = join(userDataDir, 'keys')
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
  }

  private file(userId: string): string {
    // user ids are server-issued; keep the file name to safe characters regardless
    return join(this.dir, `${userId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`)
  }

  private read(userId: string): z.infer<typeof recordSchema> | null {
    try {
      const record = recordSchema.parse(JSON.parse(readFileSync(this.file(userId), 'utf8')))
      return record.userId === userId ? record : null
    } catch {
      return null
    }
  }

  state(userId: string): { state: KeyState; usesPin: false; publicKey?: string } {
    const record = this.read(userId)
    return record ? { state: 'unlocked', usesPin: false, publicKey: record.publicKey } : { state: 'none', usesPin: false }
  }

  create(userId: string): { publicKey: string } {
    if (this.read(userId)) throw new KeyExistsError()
    if (!this.box.isEncryptionAvailable()) throw new OsKeyStoreUnavailableError()
    const keys = generateSm2KeyPair()
    const record = { userId, publicKey: keys.publicKey, sealed: this.box.encryptString(keys.privateKey).toString('base64') }
    const path = this.file(userId)
    const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`
    writeFileSync(tmp, JSON.stringify(record), { mode: 0o600 })
    const fd = openSync(tmp, 'r')
    fsyncSync(fd)
    closeSync(fd)
    renameSync(tmp, path)
    return { publicKey: keys.publicKey }
  }

  private keys(userId: string): { privateKey: string; publicKey: string } {
    const record = this.read(userId)
    if (!record) throw new KeyLockedError()
    const privateKey = this.box.decryptString(Buffer.from(record.sealed, 'base64'))
    if (publicKeyOf(privateKey) !== record.publicKey) throw new KeyLockedError()
    return { privateKey, publicKey: record.publicKey }
  }

  sign(command: UnsignedCommand): Command {
    const { privateKey, publicKey } = this.keys(command.actor)
    return signCommand(command, privateKey, publicKey)
  }

  /** 用印 with the user's key (see core/seal/apply). */
  sealSign(req: SealRequest): string {
    return signSealRequest(req, this.keys(req.userId))
  }
}
