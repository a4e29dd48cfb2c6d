// SM4 block cipher (GB/T 32907-2016) in ECB (single blocks, for vectors), CBC with PKCS#7 padding,
// and GCM (RFC 8998), on sm-crypto-v2. Keys are 16 bytes; CBC IVs 16 bytes; GCM IVs 12 bytes.
import { sm4 as sm4Lib } from 'sm-crypto-v2'

function checkKey(key: Uint8Array): void {
  if (key.length !== 16) throw new RangeError('SM4 key must be 16 bytes')
}

export function sm4EncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  checkKey(key)
  if (block.length !== 16) throw new RangeError('SM4 block must be 16 bytes')
  return sm4Lib.encrypt(block, key, { mode: 'ecb', padding: 'none', output: 'array' })
}

export function sm4CbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkKey(key)
  if (iv.length !== 16) throw new RangeError('SM4-CBC IV must be 16 bytes')
  return sm4Lib.encrypt(plaintext, key, { mode: 'cbc', iv, padding: 'pkcs#7', output: 'array' })
}

export function sm4CbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  checkKey(key)
  if (iv.length !== 16) throw new RangeError('SM4-CBC IV must be 16 bytes')
  return sm4Lib.decrypt(ciphertext, key, { mode: 'cbc', iv, padding: 'pkcs#7', output: 'array' })
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
