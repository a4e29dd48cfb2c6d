// The CA's private keys at rest under the operator's passphrase (--ca-passphrase-file):
// PBKDF2-HMAC-SM3 → SM4-GCM, the wrapping the device keys use (src/core/crypto/keyWrap.ts). The
// public key stays in clear beside it, so a wrong passphrase is told apart from a damaged key.
import { randomBytes } from 'node:crypto'
import { unwrapSecret, wrapSecret, WrongPinError, type WrappedKey } from '../../src/core/crypto/keyWrap'
import { publicKeyOf, type Sm2KeyPair } from '../../src/core/crypto/sm2'
import { SERVER_MESSAGES } from '../../src/core/messages/server'

/** stronger than a device PIN's: the server derives it once per start */
const CA_ITERATIONS = 200_000

interface SealedKey {
  sealed: 'pbkdf2-hmac-sm3/sm4-gcm'
  publicKey: string
  wrapped: WrappedKey
}

/** The server cannot use its CA keys as given (wrong or missing passphrase, a damaged key): it must not start. */
export class CaKeyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CaKeyError'
  }
}

export function isSealed(stored: string): boolean {
  try {
    return (JSON.parse(stored) as Partial<SealedKey>).sealed !== undefined
  } catch {
    return false
  }
}

/** A key pair's JSON, as kept, sealed under `passphrase`. */
export function sealKey(keyJson: string, passphrase: string): string {
  const keys = JSON.parse(keyJson) as Sm2KeyPair
  const sealed: SealedKey = { sealed: 'pbkdf2-hmac-sm3/sm4-gcm', publicKey: keys.publicKey, wrapped: wrapSecret(keys.privateKey, passphrase, (n) => new Uint8Array(randomBytes(n)), CA_ITERATIONS) }
  return JSON.stringify(sealed)
}

/** The key pair's JSON from what is kept (sealed or plain); throws CaKeyError when it cannot be opened. */
export function openKey(name: string, stored: string, passphrase: string | null): string {
  if (!isSealed(stored)) return stored
  if (passphrase === null) throw new CaKeyError(SERVER_MESSAGES.caPassphraseMissing)
  const sealed = JSON.parse(stored) as SealedKey
  let privateKey: string
  try {
    privateKey = unwrapSecret(sealed.wrapped, passphrase)
  } catch (err) {
    if (err instanceof WrongPinError) throw new CaKeyError(SERVER_MESSAGES.caPassphraseWrong)
    throw err
  }
  if (publicKeyOf(privateKey) !== sealed.publicKey) throw new CaKeyError(SERVER_MESSAGES.caKeyDamaged(name))
  const keys: Sm2KeyPair = { privateKey, publicKey: sealed.publicKey }
  return JSON.stringify(keys)
}
