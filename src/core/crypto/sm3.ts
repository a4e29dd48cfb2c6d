// SM3 hash (GB/T 32905-2016) and HMAC-SM3 (RFC 2104 over SM3). The digest is our own tuned
// compression (sm3Block.ts); sm-crypto-v2's stays the reference the tests compare against.
import { fromHex, toHex } from './bytes'
import { sm3Digest } from './sm3Block'

export function sm3(data: Uint8Array): Uint8Array {
  return sm3Digest(data)
}

export function sm3Hex(data: Uint8Array): string {
  return toHex(sm3Digest(data))
}

const BLOCK = 64

export function hmacSm3(key: Uint8Array, data: Uint8Array): Uint8Array {
  const k = new Uint8Array(BLOCK)
  k.set(key.length > BLOCK ? sm3Digest(key) : key)
  const inner = new Uint8Array(BLOCK + data.length)
  const outer = new Uint8Array(BLOCK + 32)
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = k[i]! ^ 0x36
    outer[i] = k[i]! ^ 0x5c
  }
  inner.set(data, BLOCK)
  outer.set(sm3Digest(inner), BLOCK)
  return sm3Digest(outer)
}

export { toHex, fromHex }
