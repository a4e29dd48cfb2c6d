// Every vector of the shared GM test-vector file (GB/T 32905, 32907, 32918), kept in the repo as
// tests/fixtures/gm-crypto.json so the project depends on nothing outside itself.
import { describe, expect, it } from 'vitest'
import vectors from '../../../tests/fixtures/gm-crypto.json'
import { fromHex, fromUtf8, toHex, utf8 } from './bytes'
import { hmacSm3, sm3Hex } from './sm3'
import { sm4CbcDecrypt, sm4CbcEncrypt, sm4EncryptBlock, sm4GcmDecrypt, sm4GcmEncrypt } from './sm4'
import { generateSm2KeyPair, preparePublicKey, publicKeyOf, sm2Decrypt, sm2Digest, sm2Encrypt, sm2Sign, sm2Verify, sm2Za } from './sm2'

describe('SM3 (GB/T 32905-2016)', () => {
  for (const v of vectors.sm3) {
    it(`hashes ${JSON.stringify(v.input_utf8.slice(0, 8))}…`, () => {
      expect(sm3Hex(utf8(v.input_utf8))).toBe(v.digest)
    })
  }

  it('keys an HMAC (RFC 2104 construction) that changes with key and data', () => {
    const a = toHex(hmacSm3(utf8('key'), utf8('数据')))
    expect(a).toHaveLength(64)
    expect(toHex(hmacSm3(utf8('key2'), utf8('数据')))).not.toBe(a)
    expect(toHex(hmacSm3(utf8('key'), utf8('数据')))).toBe(a)
  })
})

describe('SM4 (GB/T 32907-2016)', () => {
  const v = vectors.sm4
  it('encrypts the standard single block', () => {
    expect(toHex(sm4EncryptBlock(fromHex(v.ecb_single_block.key), fromHex(v.ecb_single_block.plaintext)))).toBe(v.ecb_single_block.ciphertext)
  })

  it('reaches the standard value after one million iterations', () => {
    const key = fromHex(v.ecb_one_million_iterations.key)
    let block = fromHex(v.ecb_one_million_iterations.plaintext)
    for (let i = 0; i < v.ecb_one_million_iterations.iterations; i++) block = sm4EncryptBlock(key, block)
    expect(toHex(block)).toBe(v.ecb_one_million_iterations.ciphertext)
  }, 120_000)

  it('matches RFC 8998 A.1 in GCM mode and refuses a tampered tag', () => {
    const g = v.gcm_rfc8998_a1
    const sealed = sm4GcmEncrypt(fromHex(g.key), fromHex(g.iv), fromHex(g.plaintext), fromHex(g.aad))
    expect(toHex(sealed.ciphertext)).toBe(g.ciphertext)
    expect(toHex(sealed.tag)).toBe(g.tag)
    expect(toHex(sm4GcmDecrypt(fromHex(g.key), fromHex(g.iv), sealed, fromHex(g.aad)))).toBe(g.plaintext)
    const bad = { ciphertext: sealed.ciphertext, tag: sealed.tag.slice() }
    bad.tag[0]! ^= 1
    expect(() => sm4GcmDecrypt(fromHex(g.key), fromHex(g.iv), bad, fromHex(g.aad))).toThrow()
  })

  it('round-trips CBC with PKCS#7 padding', () => {
    const key = fromHex(v.ecb_single_block.key)
    const iv = new Uint8Array(16).fill(7)
    const text = utf8('海政发〔2022〕114号')
    const ct = sm4CbcEncrypt(key, iv, text)
    expect(ct.length % 16).toBe(0)
    expect(fromUtf8(sm4CbcDecrypt(key, iv, ct))).toBe('海政发〔2022〕114号')
  })
})

describe('SM2 (GB/T 32918-2016)', () => {
  const s = vectors.sm2_recommended_curve.sign
  const pub = '04' + s.public_key_x + s.public_key_y

  it('derives the public key, Z_A and e of the standard example', () => {
    expect(publicKeyOf(s.private_key)).toBe(pub)
    expect(toHex(sm2Za(pub, s.user_id))).toBe(s.z_a)
    expect(toHex(sm2Digest(utf8(s.message_utf8), pub, s.user_id))).toBe(s.e)
  })

  it('reproduces the standard signature with the fixed k, and verifies it', () => {
    const der = sm2Sign(utf8(s.message_utf8), s.private_key, { userId: s.user_id, k: s.k })
    const hex = toHex(der)
    expect(hex).toContain(s.r)
    expect(hex).toContain(s.s)
    expect(sm2Verify(utf8(s.message_utf8), der, pub, { userId: s.user_id })).toBe(true)
    expect(sm2Verify(utf8(s.message_utf8), der, pub, { userId: s.user_id, prepared: preparePublicKey(pub) })).toBe(true)
  })

  it('refuses a signature over other data, under another ID or key', () => {
    const keys = generateSm2KeyPair()
    const der = sm2Sign(utf8('签发'), keys.privateKey)
    expect(sm2Verify(utf8('签发'), der, keys.publicKey)).toBe(true)
    expect(sm2Verify(utf8('退回'), der, keys.publicKey)).toBe(false)
    expect(sm2Verify(utf8('签发'), der, keys.publicKey, { userId: 'someone-else' })).toBe(false)
    expect(sm2Verify(utf8('签发'), der, generateSm2KeyPair().publicKey)).toBe(false)
    expect(sm2Verify(utf8('签发'), der.slice(0, 10), keys.publicKey)).toBe(false)
  })

  it('decrypts the standard ciphertext (C1C3C2) and round-trips its own', () => {
    const e = vectors.sm2_recommended_curve.encrypt
    const ct = fromHex('04' + e.c1_x + e.c1_y + e.c3 + e.c2)
    expect(fromUtf8(sm2Decrypt(ct, e.private_key))).toBe(e.message_utf8)
    const mine = sm2Encrypt(utf8('机密'), publicKeyOf(e.private_key))
    expect(mine[0]).toBe(0x04)
    expect(fromUtf8(sm2Decrypt(mine, e.private_key))).toBe('机密')
  })
})
