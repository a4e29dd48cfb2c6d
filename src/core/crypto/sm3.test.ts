// Our SM3 and HMAC-SM3 against sm-crypto-v2's, on random inputs of every length around the
// padding boundaries (the official vectors are in gmVectors.test.ts).
import fc from 'fast-check'
import { sm3 as reference } from 'sm-crypto-v2'
import { describe, expect, it } from 'vitest'
import { toHex } from './bytes'
import { hmacSm3, hmacSm3Keyed, sm3Hex } from './sm3'

describe('SM3', () => {
  it('agrees with the reference implementation on any input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (data) => {
        expect(sm3Hex(data)).toBe(reference(data))
      }),
      { numRuns: 300 },
    )
  })

  it('HMAC agrees with the reference for short and long keys', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 100 }), fc.uint8Array({ minLength: 0, maxLength: 200 }), (key, data) => {
        expect(toHex(hmacSm3(key, data))).toBe(reference(data, { key, mode: 'hmac' }))
      }),
      { numRuns: 200 },
    )
  })

  it('HMAC under one key gives the reference result on every call (the pad states are not consumed)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 100 }), fc.array(fc.uint8Array({ minLength: 0, maxLength: 150 }), { minLength: 1, maxLength: 5 }), (key, messages) => {
        const mac = hmacSm3Keyed(key)
        for (const data of messages) expect(toHex(mac(data))).toBe(reference(data, { key, mode: 'hmac' }))
      }),
      { numRuns: 100 },
    )
  })
})
