// The signature worker answers as sm2Verify does (it makes the library call itself, having no
// TypeScript loader), spreads jobs over its workers, and a worker that dies costs only its batch.
import { afterEach, describe, expect, it } from 'vitest'
import { generateSm2KeyPair, sm2Sign, sm2Verify } from '../../src/core/crypto/sm2'
import { fromHex, toHex, utf8 } from '../../src/core/crypto/bytes'
import { DEFAULT_VERIFIER_LIMITS, SignatureVerifier } from './SignatureVerifier'

let verifier: SignatureVerifier
afterEach(() => verifier?.close())

const keys = generateSm2KeyPair()
const other = generateSm2KeyPair()
const message = utf8('{"id":"…","payload":{"title":"关于加快数字政府建设的通知"}}')
const sig = toHex(sm2Sign(message, keys.privateKey, { publicKey: keys.publicKey }))

describe('SignatureVerifier', () => {
  it('answers what sm2Verify answers', async () => {
    verifier = new SignatureVerifier({ ...DEFAULT_VERIFIER_LIMITS, workers: 2 })
    const der = fromHex(sig)
    // a second, non-canonical encoding of the same (r, s): a long-form length
    const loose = toHex(Uint8Array.from([der[0]!, 0x81, ...der.slice(1)]))
    const cases: [Uint8Array, string, string][] = [
      [message, sig, keys.publicKey],
      [message, sig.toUpperCase(), keys.publicKey],
      [utf8('{"id":"…","payload":{"title":"倒签的操作"}}'), sig, keys.publicKey],
      [message, sig, other.publicKey],
      [message, loose, keys.publicKey],
      [message, 'zz', keys.publicKey],
      [message, '', keys.publicKey],
      [message, sig, '04' + '00'.repeat(64)],
    ]
    const answers = await Promise.all(cases.map(([m, s, k]) => verifier.verify(m, s, k)))
    expect(answers).toEqual(cases.map(([m, s, k]) => {
      try {
        return sm2Verify(m, fromHex(s), k)
      } catch {
        return false
      }
    }))
    expect(answers.slice(0, 3)).toEqual([true, true, false])
  })

  it('verifies many at once, over more than one batch', async () => {
    verifier = new SignatureVerifier({ ...DEFAULT_VERIFIER_LIMITS, workers: 2 })
    const answers = await Promise.all(Array.from({ length: 150 }, (_, i) => verifier.verify(message, sig, i % 3 === 0 ? other.publicKey : keys.publicKey)))
    expect(answers).toEqual(Array.from({ length: 150 }, (_, i) => i % 3 !== 0))
  })

  it('a worker that dies is replaced and its jobs sent again', async () => {
    verifier = new SignatureVerifier({ ...DEFAULT_VERIFIER_LIMITS, workers: 1 })
    expect(await verifier.verify(message, sig, keys.publicKey)).toBe(true)
    const slot = (verifier as unknown as { slots: { worker: { terminate(): Promise<number> } | null }[] }).slots[0]!
    const pending = verifier.verify(message, sig, keys.publicKey)
    await slot.worker!.terminate()
    expect(await pending).toBe(true)
    expect(await verifier.verify(message, sig, other.publicKey)).toBe(false)
  })
})
