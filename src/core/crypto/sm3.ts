// SM3 hash (GB/T 32905-2016) and HMAC-SM3 (RFC 2104 over SM3), on sm-crypto-v2.
import { sm3 as sm3Lib } from 'sm-crypto-v2'
import { fromHex, toHex } from './bytes'

export function sm3(data: Uint8Array): Uint8Array {
  return fromHex(sm3Lib(data))
}

export function sm3Hex(data: Uint8Array): string {
  return sm3Lib(data)
}

export function hmacSm3(key: Uint8Array, data: Uint8Array): Uint8Array {
  return fromHex(sm3Lib(data, { key, mode: 'hmac' }))
}

export { toHex }
