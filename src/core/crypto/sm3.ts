// SM3 hash (GB/T 32905-2016) and HMAC-SM3 (RFC 2104 over SM3). The digest is our own tuned
// compression (sm3Block.ts); sm-crypto-v2's stays the reference the tests compare against.
import { fromHex, toHex } from './bytes'
import { sm3AfterBlock, sm3Continue, sm3Digest } from './sm3Block'

export function sm3(data: Uint8Array): Uint8Array {
  return sm3Digest(data)
}

export function sm3Hex(data: Uint8Array): string {
  return toHex(sm3Digest(data))
}

const BLOCK = 64

export function hmacSm3(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmacSm3Keyed(key)(data)
}

/** HMAC-SM3 under one key, its ipad and opad blocks compressed once (RFC 2104 §4's note on
 *  precomputation): PBKDF2 calls it once per iteration. */
export function hmacSm3Keyed(key: Uint8Array): (data: Uint8Array) => Uint8Array {
  const k = new Uint8Array(BLOCK)
  k.set(key.length > BLOCK ? sm3Digest(key) : key)
  const ipad = new Uint8Array(BLOCK)
  const opad = new Uint8Array(BLOCK)
  for (let i = 0; i < BLOCK; i++) {
    ipad[i] = k[i]! ^ 0x36
    opad[i] = k[i]! ^ 0x5c
  }
  const inner = sm3AfterBlock(ipad)
  const outer = sm3AfterBlock(opad)
  return (data) => sm3Continue(outer, BLOCK, sm3Continue(inner, BLOCK, data))
}

export { toHex, fromHex }
