// The browser build's key vault: device keys wrapped under the user's PIN in whatever storage the
// host gives it (IndexedDB in the page), opened into memory by the PIN for this session only. It
// answers the same questions as the desktop's key store (bridge `keys.*`).
import { signCommand, type Command, type UnsignedCommand } from '../command/envelope'
import type { Sm2KeyPair } from '../crypto/sm2'
import { createDeviceKey, openDeviceKey, WrongPinError, type DeviceKey } from './deviceKey'
import { signSealRequest, type SealRequest } from '../seal/apply'

export interface DeviceKeyStorage {
  get(userId: string): Promise<DeviceKey | undefined>
  put(record: DeviceKey): Promise<void>
}

export type KeyState = 'none' | 'locked' | 'unlocked'

export class KeyLockedError extends Error {
  constructor() {
    super('signing key is locked')
    this.name = 'KeyLockedError'
  }
}

export class KeyExistsError extends Error {
  constructor() {
    super('this user already has a key on this device')
    this.name = 'KeyExistsError'
  }
}

export class PinKeyVault {
  private readonly unlocked = new Map<string, Sm2KeyPair>()

  constructor(
    private readonly storage: DeviceKeyStorage,
    private readonly random: (n: number) => Uint8Array,
  ) {}

  async state(userId: string): Promise<{ state: KeyState; publicKey?: string }> {
    const record = await this.storage.get(userId)
    if (!record) return { state: 'none' }
    return { state: this.unlocked.has(userId) ? 'unlocked' : 'locked', publicKey: record.publicKey }
  }

  /** Makes the user's key on this device and leaves it unlocked; one key per user and device. */
  async create(userId: string, pin: string): Promise<string> {
    if (await this.storage.get(userId)) throw new KeyExistsError()
    const { record, keys } = createDeviceKey(userId, pin, this.random)
    await this.storage.put(record)
    this.unlocked.set(userId, keys)
    return keys.publicKey
  }

  /** false for a wrong PIN; nothing is unlocked then. */
  async unlock(userId: string, pin: string): Promise<boolean> {
    const record = await this.storage.get(userId)
    if (!record) return false
    try {
      this.unlocked.set(userId, openDeviceKey(record, pin))
      return true
    } catch (err) {
      if (err instanceof WrongPinError) return false
      throw err
    }
  }

  lock(userId: string): void {
    this.unlocked.delete(userId)
  }

  /** 用印 with the user's unlocked key (see core/seal/apply). */
  sealSign(req: SealRequest): string {
    const keys = this.unlocked.get(req.userId)
    if (!keys) throw new KeyLockedError()
    return signSealRequest(req, keys)
  }

  /** Signs a command whose actor holds an unlocked key here. */
  sign(command: UnsignedCommand): Command {
    const keys = this.unlocked.get(command.actor)
    if (!keys) throw new KeyLockedError()
    return signCommand(command, keys.privateKey, keys.publicKey)
  }
}
