import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toHex, utf8 } from '../crypto/bytes'
import { sm3 } from '../crypto/sm3'
import { generateSm2KeyPair, type Sm2KeyPair } from '../crypto/sm2'
import { issueCertificate, parseCertificate, type KeyUsage } from '../pki/certificate'
import { makeSeal, makeSignature, parseSignature, type SealInfo } from './ses'
import { verifySealedSignature, type TrustContext } from './verify'
import { signSealRequest } from './apply'
import { fromBase64, toBase64 } from '../pki/der'

const rootName = { countryName: 'CN', organizationName: '示范厅', commonName: '示范厅 CA' }
const rootKeys = generateSm2KeyPair()
const notBefore = new Date('2026-01-01T00:00:00Z')
const notAfter = new Date('2028-01-01T00:00:00Z')
let serial = 0x100

function cert(name: string, keys: Sm2KeyPair, usage: KeyUsage[], issuerKeys = rootKeys, validity = { notBefore, notAfter }): Uint8Array {
  return issueCertificate(
    { serial: (serial++).toString(16), issuer: rootName, subject: { organizationName: '示范厅', commonName: name }, subjectPublicKey: keys.publicKey, ...validity, keyUsage: usage, isCA: false, issuerPublicKey: issuerKeys.publicKey },
    issuerKeys.privateKey,
  )
}

const root = parseCertificate(
  issueCertificate({ serial: '01', issuer: rootName, subject: rootName, subjectPublicKey: rootKeys.publicKey, notBefore, notAfter, keyUsage: ['keyCertSign', 'cRLSign'], isCA: true, issuerPublicKey: rootKeys.publicKey }, rootKeys.privateKey),
)
const makerKeys = generateSm2KeyPair()
const makerCert = cert('制章系统', makerKeys, ['digitalSignature'])
const holderKeys = generateSm2KeyPair()
const holderCert = cert('赵六', holderKeys, ['digitalSignature', 'nonRepudiation'])
const strangerKeys = generateSm2KeyPair()
const strangerCert = cert('周九', strangerKeys, ['digitalSignature', 'nonRepudiation'])

const content = utf8('{"meta":{"title":"关于做好年终安全检查的通知"}}')
const signedAt = new Date('2026-11-22T02:00:00Z')

function sealInfo(over: Partial<SealInfo> = {}): SealInfo {
  return {
    vid: 'ZT', esID: 'ZT-2026-0001', type: 1, name: '示范厅办公室', certListType: 1, certs: [holderCert],
    createDate: new Date('2026-01-05T00:00:00Z'), validStart: new Date('2026-01-05T00:00:00Z'), validEnd: new Date('2027-01-05T00:00:00Z'),
    picture: { type: 'svg', data: utf8('<svg xmlns="http://www.w3.org/2000/svg"/>'), widthMm: 42, heightMm: 42 },
    ...over,
  }
}

function sealed(opts: { info?: Partial<SealInfo>; signer?: { keys: Sm2KeyPair; cert: Uint8Array }; at?: Date; data?: Uint8Array } = {}): Uint8Array {
  const seal = makeSeal(sealInfo(opts.info), { certDer: makerCert, ...makerKeys })
  const signer = opts.signer ?? { keys: holderKeys, cert: holderCert }
  return makeSignature({ sealDer: seal, timeInfo: opts.at ?? signedAt, dataHash: sm3(opts.data ?? content), propertyInfo: 'doc:0b7d;seq=12' }, { certDer: signer.cert, ...signer.keys })
}

function trust(over: Partial<TrustContext> = {}): TrustContext {
  return { root, revokedAt: () => undefined, expectedHash: sm3(content), ...over }
}

const failedAt = (der: Uint8Array, t = trust()) => verifySealedSignature(der, t).failed?.id

describe('sealed signatures (GB/T 38540 v4)', () => {
  it('round-trips the structures', () => {
    const der = sealed()
    const parsed = parseSignature(der)
    expect(parsed.version).toBe(4)
    expect(parsed.seal.info).toMatchObject({ vid: 'ZT', esID: 'ZT-2026-0001', type: 1, name: '示范厅办公室', certListType: 1 })
    expect(parsed.seal.info.picture).toMatchObject({ type: 'svg', widthMm: 42, heightMm: 42 })
    expect(parsed.propertyInfo).toBe('doc:0b7d;seq=12')
    expect(parsed.timeInfo.toISOString()).toBe(signedAt.toISOString())
  })

  it('passes every step for a valid seal, and reports each', () => {
    const report = verifySealedSignature(sealed(), trust())
    expect(report.ok).toBe(true)
    expect(report.steps.map((s) => [s.step, s.ok])).toEqual([[1, true], [2, true], [3, true], [4, true], [5, true], [6, true], [7, null], [8, true]])
    expect(report.steps.every((s) => s.reason.length > 0)).toBe(true)
  })

  it('fails at 原文杂凑值 when one character of the content changed', () => {
    expect(failedAt(sealed(), trust({ expectedHash: sm3(utf8('{"meta":{"title":"关于做好年终安全检査的通知"}}')) }))).toBe('dataHash')
  })

  it('fails at the holder\u2019s signature when the signed data hash is edited', () => {
    const der = sealed()
    const hash = sm3(content)
    const at = indexOf(der, hash)
    der[at + 3]! ^= 1
    expect(failedAt(der, trust({ expectedHash: parseSignature(der).dataHash }))).toBe('signature')
  })

  it('fails at the maker\u2019s signature when the seal image is changed (and the holder re-signs)', () => {
    const seal = makeSeal(sealInfo(), { certDer: makerCert, ...makerKeys })
    const picture = utf8('<svg xmlns="http://www.w3.org/2000/svg"/>')
    const tampered = seal.slice()
    tampered[indexOf(tampered, picture) + 5] = 'X'.charCodeAt(0)
    const der = makeSignature({ sealDer: tampered, timeInfo: signedAt, dataHash: sm3(content), propertyInfo: 'doc:0b7d' }, { certDer: holderCert, ...holderKeys })
    expect(failedAt(der)).toBe('seal')
  })

  it('fails at 印章有效期 for an expired seal, and when its validity was stretched after making', () => {
    expect(failedAt(sealed({ info: { validEnd: new Date('2026-06-01T00:00:00Z') } }))).toBe('sealValidity')
  })

  it('fails at the holder list for a seal the signer is not in, and for a swapped seal', () => {
    expect(failedAt(sealed({ signer: { keys: strangerKeys, cert: strangerCert } }))).toBe('holder')
    // another seal made for someone else, applied by our holder
    expect(failedAt(sealed({ info: { esID: 'ZT-2026-0002', name: '示范厅财务处', certs: [strangerCert] } }))).toBe('holder')
  })

  it('fails at the certificates when the signer was revoked before signing, but not after', () => {
    const holderSerial = parseCertificate(holderCert).serial
    expect(failedAt(sealed(), trust({ revokedAt: (s) => (s === holderSerial ? '2026-11-01T00:00:00Z' : undefined) }))).toBe('certificates')
    expect(verifySealedSignature(sealed(), trust({ revokedAt: (s) => (s === holderSerial ? '2026-12-01T00:00:00Z' : undefined) })).ok).toBe(true)
  })

  it('fails at the certificates for a certificate from another CA, one expired at signing time, or the wrong key usage', () => {
    const otherRoot = generateSm2KeyPair()
    const foreign = cert('赵六', holderKeys, ['digitalSignature', 'nonRepudiation'], otherRoot)
    expect(failedAt(sealed({ info: { certs: [foreign] }, signer: { keys: holderKeys, cert: foreign } }))).toBe('certificates')
    const expired = cert('赵六', holderKeys, ['digitalSignature', 'nonRepudiation'], rootKeys, { notBefore, notAfter: new Date('2026-03-01T00:00:00Z') })
    expect(failedAt(sealed({ info: { certs: [expired] }, signer: { keys: holderKeys, cert: expired } }))).toBe('certificates')
    const encipherOnly = cert('赵六', holderKeys, ['keyEncipherment'])
    expect(failedAt(sealed({ info: { certs: [encipherOnly] }, signer: { keys: holderKeys, cert: encipherOnly } }))).toBe('certificates')
  })

  it('fails at the structure for garbage, and never passes or throws on random byte flips', () => {
    expect(failedAt(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x04))).toBe('structure')
    const good = sealed()
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
        const bad = good.slice()
        for (const [at, x] of flips) bad[at]! ^= x
        const report = verifySealedSignature(bad, trust())
        expect(report.ok).toBe(false)
        expect(report.steps).toHaveLength(8)
      }),
      { numRuns: 150 },
    )
  })
})

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  throw new Error('needle not found')
}

describe('applying a seal with a key (用印)', () => {
  const sealDer = toBase64(makeSeal(sealInfo(), { certDer: makerCert, ...makerKeys }))
  const request = (certDer: Uint8Array) => ({ userId: 'x', sealDer, certDer: toBase64(certDer), timeInfo: signedAt.toISOString(), dataHash: toHex(sm3(content)), propertyInfo: 'doc:1' })

  it('signs for a holder of the seal, and refuses anyone else in Chinese', () => {
    expect(verifySealedSignature(fromBase64(signSealRequest(request(holderCert), holderKeys)), trust()).ok).toBe(true)
    expect(() => signSealRequest(request(strangerCert), strangerKeys)).toThrow('您不是该印章的持有人')
    expect(() => signSealRequest(request(holderCert), strangerKeys)).toThrow('签章所用证书与本机密钥不符')
  })
})
