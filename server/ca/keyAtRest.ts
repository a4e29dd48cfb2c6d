// The CA's private keys at rest under the operator's passphrase (--ca-passphrase-file):
// PBKDF2-HMAC-SM3 → SM4-GCM, as the device keys (src/core/crypto/keyWrap.ts), bound to the key's
// name (root and seal maker cannot be swapped). The public key stays in clear beside it, so a
// wrong passphrase is told apart from a damaged key. Both keys share one salt, so a start derives
// the key once (the derivation is deliberately slow).
import { randomBytes } from 'node:crypto'
import { fromHex, toHex, utf8 } from '../../src/core/crypto/bytes'
import { pbkdf2HmacSm3 } from '../../src/core/crypto/pbkdf2'
import { publicKeyOf, type Sm2KeyPair } from '../../src/core/crypto/sm2'
import { sm4GcmDecrypt, sm4GcmEncrypt } from '../../src/core/crypto/sm4'
import { SERVER_MESSAGES } from '../../src/core/messages/server'

const SEALED = 'pbkdf2-hmac-sm3/sm4-gcm'
const ITERATIONS = 100_000

interface SealedKey {
  sealed: typeof SEALED
  publicKey: string
  iterations: number
  salt: string
  iv: string
  ciphertext: string
  tag: string
}

/** The server cannot use its CA keys as given (wrong or missing passphrase, a damaged key): it must not start. */
export class CaKeyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CaKeyError'
  }
}

function parseSealed(stored: string): SealedKey | null {
  try {
    const value = JSON.parse(stored) as Partial<SealedKey>
    return value.sealed === SEALED ? (value as SealedKey) : null
  } catch {
    return null
  }
}

export function isSealed(stored: string): boolean {
  return parseSealed(stored) !== null
}

const aad = (name: string): Uint8Array => utf8(`zhengtong-ca-key-v1:${name}`)

/** Seals and opens the CA's keys under one passphrase, deriving each salt's key once. */
export class CaKeySealer {
  private readonly derived = new Map<string, Uint8Array>()
  /** the salt new seals use: that of a key already opened, else a fresh one */
  private salt: string | null = null

  constructor(private readonly passphrase: string | null) {}

  private key(salt: string, iterations: number): Uint8Array {
    const id = `${salt}:${iterations}`
    let key = this.derived.get(id)
    if (!key) this.derived.set(id, (key = pbkdf2HmacSm3(utf8(this.passphrase!.normalize('NFC')), fromHex(salt), iterations, 16)))
    return key
  }

  /** The key pair's JSON from what is kept (sealed or plain); throws CaKeyError when it cannot be opened. */
  open(name: string, stored: string): string {
    const sealed = parseSealed(stored)
    if (!sealed) return stored
    if (this.passphrase === null) throw new CaKeyError(SERVER_MESSAGES.caPassphraseMissing)
    let privateKey: string
    try {
      privateKey = toHex(sm4GcmDecrypt(this.key(sealed.salt, sealed.iterations), fromHex(sealed.iv), { ciphertext: fromHex(sealed.ciphertext), tag: fromHex(sealed.tag) }, aad(name)))
    } catch {
      throw new CaKeyError(SERVER_MESSAGES.caPassphraseWrong)
    }
    if (publicKeyOf(privateKey) !== sealed.publicKey) throw new CaKeyError(SERVER_MESSAGES.caKeyDamaged(name))
    this.salt ??= sealed.iterations === ITERATIONS ? sealed.salt : null
    const keys: Sm2KeyPair = { privateKey, publicKey: sealed.publicKey }
    return JSON.stringify(keys)
  }

  /** A key pair's JSON, as kept, sealed (or as given, without a passphrase). */
  seal(name: string, keyJson: string): string {
    if (this.passphrase === null) return keyJson
    const keys = JSON.parse(keyJson) as Sm2KeyPair
    this.salt ??= toHex(new Uint8Array(randomBytes(16)))
    const iv = new Uint8Array(randomBytes(12))
    const out = sm4GcmEncrypt(this.key(this.salt, ITERATIONS), iv, fromHex(keys.privateKey), aad(name))
    const sealed: SealedKey = { sealed: SEALED, publicKey: keys.publicKey, iterations: ITERATIONS, salt: this.salt, iv: toHex(iv), ciphertext: toHex(out.ciphertext), tag: toHex(out.tag) }
    return JSON.stringify(sealed)
  }
}
