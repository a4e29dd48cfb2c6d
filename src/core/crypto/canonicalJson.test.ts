import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { canonicalJson, type Json } from './canonicalJson'

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined })).toBe('{"a":[true,null,"x"],"b":1}')
  })

  it('normalises strings and keys to NFC so composed and decomposed text hash alike', () => {
    const decomposed = 'e\u0301'
    expect(canonicalJson({ [decomposed]: decomposed })).toBe(canonicalJson({ '\u00e9': '\u00e9' }))
  })

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow()
    expect(() => canonicalJson({ 'e\u0301': 1, '\u00e9': 2 })).toThrow(/duplicate key/)
  })

  it('is independent of key insertion order and parses back to the same value', () => {
    const json: fc.Arbitrary<Json> = fc.jsonValue() as fc.Arbitrary<Json>
    fc.assert(
      fc.property(json, (value) => {
        const text = canonicalJson(value)
        const reparsed = JSON.parse(text) as Json
        expect(canonicalJson(reparsed)).toBe(text)
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          const reversed = Object.fromEntries(Object.entries(value).reverse())
          expect(canonicalJson(reversed)).toBe(text)
        }
      }),
    )
  })
})
