// A private key at rest under a PIN: PBKDF2-HMAC-SM3 → SM4-GCM (GB/T 39786 asks for SM4 at rest).
// A wrong PIN fails the GCM tag, so it is told apart from a damaged file only by the caller's
// context; either way nothing is decrypted.
import { fromHex, toHex, utf8 } from './bytes'
import { pbkdf2HmacSm3 } from './pbkdf2'
import { sm4GcmDecrypt, sm4GcmEncrypt } from './sm4'

export interface WrappedKey {
  kdf: 'pbkdf2-hmac-sm3'
  iterations: number
  salt: string
  iv: string
  ciphertext: string
  tag: string
}

export const DEFAULT_PIN_ITERATIONS = 60_000

export class WrongPinError extends Error {
  constructor() {
    super('wrong PIN')
    this.name = 'WrongPinError'
  }
}

export function wrapSecret(secretHex: string, pin: string, random: (n: number) => Uint8Array, iterations = DEFAULT_PIN_ITERATIONS): WrappedKey {
  const salt = random(16)
  const iv = random(12)
  const key = pbkdf2HmacSm3(utf8(pin.normalize('NFC')), salt, iterations, 16)
  const sealed = sm4GcmEncrypt(key, iv, fromHex(secretHex), utf8('zhengtong-key-v1'))
  return { kdf: 'pbkdf2-hmac-sm3', iterations, salt: toHex(salt), iv: toHex(iv), ciphertext: toHex(sealed.ciphertext), tag: toHex(sealed.tag) }
}

export function unwrapSecret(wrapped: WrappedKey, pin: string): string {
  const key = pbkdf2HmacSm3(utf8(pin.normalize('NFC')), fromHex(wrapped.salt), wrapped.iterations, 16)
  try {
    return toHex(sm4GcmDecrypt(key, fromHex(wrapped.iv), { ciphertext: fromHex(wrapped.ciphertext), tag: fromHex(wrapped.tag) }, utf8('zhengtong-key-v1')))
  } catch {
    throw new WrongPinError()
  }
}
