// Our SM4-CBC against sm-crypto-v2's on random keys, IVs and lengths (the official vectors are in
// gmVectors.test.ts), and refusal of damaged ciphertext.
import fc from 'fast-check'
import { sm4 as reference } from 'sm-crypto-v2'
import { describe, expect, it } from 'vitest'
import { toHex } from './bytes'
import { sm4CbcDecrypt, sm4CbcEncrypt } from './sm4'

const block16 = fc.uint8Array({ minLength: 16, maxLength: 16 })

describe('SM4-CBC', () => {
  it('agrees with the reference implementation and round-trips', () => {
    fc.assert(
      fc.property(block16, block16, fc.uint8Array({ maxLength: 200 }), (key, iv, data) => {
        const ours = sm4CbcEncrypt(key, iv, data)
        expect(toHex(ours)).toBe(toHex(reference.encrypt(data, key, { mode: 'cbc', iv, padding: 'pkcs#7', output: 'array' })))
        expect(toHex(sm4CbcDecrypt(key, iv, ours))).toBe(toHex(data))
      }),
      { numRuns: 200 },
    )
  })

  it('refuses ciphertext that is not whole blocks or whose padding is broken', () => {
    const key = new Uint8Array(16).fill(1)
    const iv = new Uint8Array(16)
    expect(() => sm4CbcDecrypt(key, iv, new Uint8Array(15))).toThrow()
    const ct = sm4CbcEncrypt(key, iv, new Uint8Array(16).fill(9))
    expect(() => sm4CbcDecrypt(new Uint8Array(16).fill(2), iv, ct)).toThrow(/padding/)
  })
})
