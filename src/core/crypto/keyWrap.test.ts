import { describe, expect, it } from 'vitest'
import { pbkdf2HmacSm3 } from './pbkdf2'
import { toHex, utf8 } from './bytes'
import { unwrapSecret, wrapSecret, WrongPinError } from './keyWrap'
import { hmacSm3 } from './sm3'

const random = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff)

describe('PBKDF2-HMAC-SM3', () => {
  it('with one iteration is HMAC(P, S ‖ INT(1)), truncated', () => {
    const salt = utf8('salt')
    const expected = hmacSm3(utf8('pin'), Uint8Array.of(...salt, 0, 0, 0, 1))
    expect(toHex(pbkdf2HmacSm3(utf8('pin'), salt, 1, 16))).toBe(toHex(expected.slice(0, 16)))
  })

  // computed with OpenSSL 3 (`openssl kdf -keylen 40 -kdfopt digest:SM3 -kdfopt pass:246810
  // -kdfopt hexsalt:000102…0f -kdfopt iter:2048 PBKDF2`): an implementation independent of ours
  it('gives OpenSSL\'s PBKDF2-HMAC-SM3 results', () => {
    expect(toHex(pbkdf2HmacSm3(utf8('password'), utf8('salt'), 1, 32))).toBe('4612f922a1fdcefaf4312fc6f8f3322b489cbf24f2ea361b44c2bd8fa2c6dcb0')
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i)
    expect(toHex(pbkdf2HmacSm3(utf8('246810'), salt, 2048, 40))).toBe('bb951f9e3dae9cf90e281f5be01624e3a124d597b913df5cc262c2cfa1e7f444658118e6d5946434')
  })

  it('spans blocks for long outputs and depends on every input', () => {
    const a = pbkdf2HmacSm3(utf8('pin'), utf8('salt'), 3, 40)
    expect(a).toHaveLength(40)
    expect(toHex(pbkdf2HmacSm3(utf8('pin'), utf8('salt'), 3, 32))).toBe(toHex(a.slice(0, 32)))
    expect(toHex(pbkdf2HmacSm3(utf8('pin'), utf8('salt'), 4, 40))).not.toBe(toHex(a))
    expect(toHex(pbkdf2HmacSm3(utf8('pim'), utf8('salt'), 3, 40))).not.toBe(toHex(a))
  })
})

describe('PIN-wrapped private key', () => {
  const secret = '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8'

  it('opens with the right PIN only', () => {
    const wrapped = wrapSecret(secret, '246810', random, 1000)
    expect(wrapped.ciphertext).not.toContain(secret.slice(0, 16))
    expect(unwrapSecret(wrapped, '246810')).toBe(secret)
    expect(() => unwrapSecret(wrapped, '246811')).toThrow(WrongPinError)
  })

  it('refuses a damaged file', () => {
    const wrapped = wrapSecret(secret, '246810', random, 1000)
    const flipped = (wrapped.ciphertext[0] === '0' ? '1' : '0') + wrapped.ciphertext.slice(1)
    expect(() => unwrapSecret({ ...wrapped, ciphertext: flipped }, '246810')).toThrow(WrongPinError)
  })
})
