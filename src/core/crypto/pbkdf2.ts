// PBKDF2 (RFC 8018 §5.2) with HMAC-SM3 as its PRF: the slow key derivation that turns a user's PIN
// into the SM4 key protecting their private key in the browser build and the CLI.
import { hmacSm3Keyed } from './sm3'

export function pbkdf2HmacSm3(password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Uint8Array {
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError('iterations must be a positive integer')
  const prf = hmacSm3Keyed(password)
  const out = new Uint8Array(length)
  const blocks = Math.ceil(length / 32)
  for (let i = 1; i <= blocks; i++) {
    const first = new Uint8Array(salt.length + 4)
    first.set(salt)
    new DataView(first.buffer).setUint32(salt.length, i)
    let u = prf(first)
    const t = u.slice()
    for (let j = 1; j < iterations; j++) {
      u = prf(u)
      for (let k = 0; k < t.length; k++) t[k]! ^= u[k]!
    }
    out.set(t.subarray(0, Math.min(32, length - (i - 1) * 32)), (i - 1) * 32)
  }
  return out
}
