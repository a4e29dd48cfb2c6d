// SM2 (GB/T 32918-2016) on the recommended curve: key pairs, signatures over e = SM3(Z_A ‖ M)
// with a user ID (default 1234567812345678), DER-encoded (r, s), and public-key encryption in
// C1C3C2 order. On sm-crypto-v2, which hashes nothing unless told `hash: true` and writes C1
// without its 04 prefix: this module fixes both so callers never meet them.
import { sm2 as sm2Lib } from 'sm-crypto-v2'
import { concatBytes, fromHex, toHex } from './bytes'

export const SM2_DEFAULT_USER_ID = '1234567812345678'
export const OID_SM2_CURVE = '1.2.156.10197.1.301'
export const OID_SM2_WITH_SM3 = '1.2.156.10197.1.501'
export const OID_SM3 = '1.2.156.10197.1.401'

export interface Sm2KeyPair {
  /** 32-byte scalar, hex */
  privateKey: string
  /** uncompressed point 04‖x‖y, hex */
  publicKey: string
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2Lib.generateKeyPairHex()
  return { privateKey: privateKey.padStart(64, '0'), publicKey }
}

export function publicKeyOf(privateKey: string): string {
  return sm2Lib.getPublicKeyFromPrivateKey(privateKey)
}

export function isValidPublicKey(publicKey: string): boolean {
  try {
    return /^04[0-9a-f]{128}$/i.test(publicKey) && sm2Lib.verifyPublicKey(publicKey)
  } catch {
    return false
  }
}

/** Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA). */
export function sm2Za(publicKey: string, userId = SM2_DEFAULT_USER_ID): Uint8Array {
  return Uint8Array.from(sm2Lib.getZ(publicKey, userId))
}

/** e = SM3(Z_A ‖ M), the value an SM2 signature actually signs. */
export function sm2Digest(message: Uint8Array, publicKey: string, userId = SM2_DEFAULT_USER_ID): Uint8Array {
  return fromHex(sm2Lib.getHash(toHex(message), publicKey, userId))
}

export interface SignOptions {
  userId?: string
  /** saves deriving the public key from the private one */
  publicKey?: string
  /** fixed ephemeral k (hex) — only for reproducing published test vectors */
  k?: string
}

/** Signs `message` and returns the DER encoding of (r, s). */
export function sm2Sign(message: Uint8Array, privateKey: string, options: SignOptions = {}): Uint8Array {
  const publicKey = options.publicKey ?? publicKeyOf(privateKey)
  const pointPool = options.k ? [fixedPoint(options.k)] : undefined
  const der = sm2Lib.doSignature(message, privateKey, {
    hash: true,
    der: true,
    publicKey,
    userId: options.userId ?? SM2_DEFAULT_USER_ID,
    pointPool,
  })
  return fromHex(der)
}

/** A public key prepared once for many verifications (precomputed multiples of the point). */
export type PreparedPublicKey = ReturnType<typeof sm2Lib.precomputePublicKey>

/** `window`: bits per precomputed step; each one more about doubles the memory (8, the default: ~0.6 MB) */
export function preparePublicKey(publicKey: string, window?: number): PreparedPublicKey {
  return sm2Lib.precomputePublicKey(publicKey, window)
}

export function sm2Verify(
  message: Uint8Array,
  derSignature: Uint8Array,
  publicKey: string,
  options: { userId?: string; prepared?: PreparedPublicKey } = {},
): boolean {
  // the library's DER reader is lenient (it ignores tags and lengths): only the one canonical
  // encoding of (r, s) may verify, so that a signature cannot be re-encoded into another valid one
  if (!isCanonicalDerSignature(derSignature)) return false
  try {
    return sm2Lib.doVerifySignature(message, toHex(derSignature), options.prepared ?? publicKey, {
      hash: true,
      der: true,
      userId: options.userId ?? SM2_DEFAULT_USER_ID,
    })
  } catch {
    return false
  }
}

const SM2_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123')

/** SEQUENCE { INTEGER r, INTEGER s }, minimally encoded, with 1 ≤ r, s < n — and nothing else. */
export function isCanonicalDerSignature(der: Uint8Array): boolean {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2 || der[1]! >= 0x80) return false
  let at = 2
  for (let i = 0; i < 2; i++) {
    if (der[at] !== 0x02) return false
    const len = der[at + 1]!
    if (len < 1 || len > 33 || at + 2 + len > der.length) return false
    const v = der.subarray(at + 2, at + 2 + len)
    // positive and minimal: no sign bit set, no superfluous leading zero
    if (v[0]! & 0x80) return false
    if (v[0] === 0 && (len === 1 || !(v[1]! & 0x80))) return false
    const n = BigInt('0x' + toHex(v))
    if (n < 1n || n >= SM2_N) return false
    at += 2 + len
  }
  return at === der.length
}

/** Encrypts to `publicKey`; output C1 (04‖x‖y) ‖ C3 ‖ C2 as GB/T 32918.4 writes it. */
export function sm2Encrypt(plaintext: Uint8Array, publicKey: string): Uint8Array {
  return concatBytes(Uint8Array.of(0x04), fromHex(sm2Lib.doEncrypt(plaintext, publicKey, 1)))
}

export function sm2Decrypt(ciphertext: Uint8Array, privateKey: string): Uint8Array {
  const hex = toHex(ciphertext[0] === 0x04 ? ciphertext.subarray(1) : ciphertext)
  const out = sm2Lib.doDecrypt(hex, privateKey, 1, { output: 'array' })
  if (out.length === 0 && ciphertext.length > 97) throw new Error('SM2 decryption failed')
  return out
}

function fixedPoint(k: string): { k: bigint; x1: bigint } {
  const kG = sm2Lib.getPublicKeyFromPrivateKey(k)
  return { k: BigInt('0x' + k), x1: BigInt('0x' + kG.slice(2, 66)) }
}
