// SM4 block cipher (GB/T 32907-2016) in ECB (single blocks, for vectors), CBC with PKCS#7 padding
// (our table-driven implementation), and GCM (RFC 8998, on sm-crypto-v2).
// Keys are 16 bytes; CBC IVs 16 bytes; GCM IVs 12 bytes.
import { sm4 as sm4Lib } from 'sm-crypto-v2'
import { sm4CbcDecryptBlocks, sm4CbcEncryptBlocks, sm4RoundKeys } from './sm4Block'

const ZERO_IV = new Uint8Array(16)

function checkKey(key: Uint8Array): void {
  if (key.length !== 16) throw new RangeError('SM4 key must be 16 bytes')
}

export function sm4EncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  checkKey(key)
  if (block.length !== 16) throw new RangeError('SM4 block must be 16 bytes')
  // one block of CBC under a zero IV is the bare block function
  const out = block.slice()
  sm4CbcEncryptBlocks(sm4RoundKeys(key), ZERO_IV, out)
  return out
}

/** CBC with PKCS#7 padding, on our table-driven block function (sm4Block.ts). */
export function sm4CbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkKey(key)
  if (iv.length !== 16) throw new RangeError('SM4-CBC IV must be 16 bytes')
  const pad = 16 - (plaintext.length % 16)
  const buf = new Uint8Array(plaintext.length + pad)
  buf.set(plaintext)
  buf.fill(pad, plaintext.length)
  sm4CbcEncryptBlocks(sm4RoundKeys(key), iv, buf)
  return buf
}

/** Decrypts and removes the padding; throws when the padding is not PKCS#7 (wrong key or damage). */
export function sm4CbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  checkKey(key)
  if (iv.length !== 16) throw new RangeError('SM4-CBC IV must be 16 bytes')
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) throw new RangeError('SM4-CBC ciphertext must be whole blocks')
  const buf = ciphertext.slice()
  sm4CbcDecryptBlocks(sm4RoundKeys(key).reverse(), iv, buf)
  const pad = buf[buf.length - 1]!
  if (pad < 1 || pad > 16) throw new Error('SM4-CBC padding is invalid')
  for (let i = buf.length - pad; i < buf.length; i++) if (buf[i] !== pad) throw new Error('SM4-CBC padding is invalid')
  return buf.subarray(0, buf.length - pad)
}

export interface GcmSealed {
  ciphertext: Uint8Array
  tag: Uint8Array
}

export function sm4GcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array = new Uint8Array()): GcmSealed {
  checkKey(key)
  const { output, tag } = sm4Lib.encrypt(plaintext, key, { mode: 'gcm', iv, associatedData: aad, output: 'array', outputTag: true })
  if (!tag) throw new Error('SM4-GCM produced no tag')
  return { ciphertext: output, tag }
}

/** Decrypts and authenticates; throws when the tag does not match (tampered data or wrong key). */
export function sm4GcmDecrypt(key: Uint8Array, iv: Uint8Array, sealed: GcmSealed, aad: Uint8Array = new Uint8Array()): Uint8Array {
  checkKey(key)
  return sm4Lib.decrypt(sealed.ciphertext, key, { mode: 'gcm', iv, associatedData: aad, tag: sealed.tag, output: 'array' })
}
