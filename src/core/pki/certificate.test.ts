import { describe, expect, it } from 'vitest'
import { generateSm2KeyPair } from '../crypto/sm2'
import { issueCertificate, isWithinValidity, parseCertificate, verifyCertificateSignature } from './certificate'

describe('SM2 X.509 certificates', () => {
  const root = generateSm2KeyPair()
  const user = generateSm2KeyPair()
  const notBefore = new Date('2026-01-01T00:00:00Z')
  const notAfter = new Date('2027-01-01T00:00:00Z')
  const rootName = { countryName: 'CN', organizationName: '示范厅', commonName: '示范厅 CA' }

  const rootDer = issueCertificate(
    { serial: '01', issuer: rootName, subject: rootName, subjectPublicKey: root.publicKey, notBefore, notAfter, keyUsage: ['keyCertSign', 'cRLSign'], isCA: true, issuerPublicKey: root.publicKey },
    root.privateKey,
  )
  const userDer = issueCertificate(
    { serial: 'ff01', issuer: rootName, subject: { organizationName: '示范厅', organizationalUnitName: '办公室', commonName: '张三', userId: 'zhangsan' }, subjectPublicKey: user.publicKey, notBefore, notAfter, keyUsage: ['digitalSignature', 'nonRepudiation'], isCA: false, issuerPublicKey: root.publicKey },
    root.privateKey,
  )

  it('reads back what it issued', () => {
    const cert = parseCertificate(userDer)
    expect(cert.serial).toBe('ff01')
    expect(cert.subject).toEqual({ organizationName: '示范厅', organizationalUnitName: '办公室', commonName: '张三', userId: 'zhangsan' })
    expect(cert.issuer.commonName).toBe('示范厅 CA')
    expect(cert.publicKey).toBe(user.publicKey)
    expect([...cert.keyUsage]).toEqual(['digitalSignature', 'nonRepudiation'])
    expect(cert.isCA).toBe(false)
    expect(parseCertificate(rootDer).isCA).toBe(true)
    expect(cert.signatureAlgorithm).toBe('1.2.156.10197.1.501')
  })

  it('verifies against the issuer key only, and only untampered', () => {
    const cert = parseCertificate(userDer)
    expect(verifyCertificateSignature(cert, root.publicKey)).toBe(true)
    expect(verifyCertificateSignature(cert, user.publicKey)).toBe(false)
    const tampered = userDer.slice()
    const at = tampered.indexOf(0xe5) // inside the subject's UTF-8 name
    tampered[at] = 0xe6
    expect(verifyCertificateSignature(parseCertificate(tampered), root.publicKey)).toBe(false)
  })

  it('knows its validity window', () => {
    const cert = parseCertificate(userDer)
    expect(isWithinValidity(cert, new Date('2026-11-22T00:00:00Z'))).toBe(true)
    expect(isWithinValidity(cert, new Date('2027-01-02T00:00:00Z'))).toBe(false)
  })

  it('refuses bytes that are not a certificate', () => {
    expect(() => parseCertificate(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01))).toThrow()
    expect(() => parseCertificate(userDer.slice(0, userDer.length - 5))).toThrow()
  })
})
