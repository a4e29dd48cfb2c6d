// X.509 v3 certificates (RFC 5280) for SM2 keys, signed with SM2-with-SM3 (GM/T 0015):
// SubjectPublicKeyInfo = id-ecPublicKey + curve sm2 (1.2.156.10197.1.301), signature algorithm
// 1.2.156.10197.1.501 without parameters, signatures under the default ID 1234567812345678 —
// the form `openssl verify -vfyopt distid:1234567812345678` accepts.
import { sm3 } from '../crypto/sm3'
import { fromHex, toHex } from '../crypto/bytes'
import { OID_SM2_CURVE, OID_SM2_WITH_SM3, sm2Sign, sm2Verify, type PreparedPublicKey } from '../crypto/sm2'
import {
  bitString, bool, children, explicit, fromDer, int, octets, oid, readBitString, readBool, readByteBits, readInt, readOctets, readOid,
  readString, readTime, readUint, seq, set, time, toDer, uint, utf8String, printable, type Asn1,
} from './der'

const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1'
const OID_KEY_USAGE = '2.5.29.15'
const OID_BASIC_CONSTRAINTS = '2.5.29.19'
const OID_SUBJECT_KEY_ID = '2.5.29.14'
const OID_AUTHORITY_KEY_ID = '2.5.29.35'

/** Name attributes we write, in this order. */
const NAME_OIDS = {
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  commonName: '2.5.4.3',
  userId: '0.9.2342.19200300.100.1.1',
} as const
export type DistinguishedName = Partial<Record<keyof typeof NAME_OIDS, string>>

export const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign'] as const
export type KeyUsage = (typeof KEY_USAGE_BITS)[number]

export interface CertificateTemplate {
  /** unsigned hex, at most 20 bytes (RFC 5280 §4.1.2.2) */
  serial: string
  issuer: DistinguishedName
  subject: DistinguishedName
  /** 04‖x‖y hex */
  subjectPublicKey: string
  notBefore: Date
  notAfter: Date
  keyUsage: readonly KeyUsage[]
  isCA: boolean
  /** the issuer's public key, for the authority key identifier (the subject's own for a root) */
  issuerPublicKey: string
}

export interface Certificate {
  der: Uint8Array
  tbsDer: Uint8Array
  serial: string
  issuer: DistinguishedName
  subject: DistinguishedName
  notBefore: Date
  notAfter: Date
  publicKey: string
  signatureAlgorithm: string
  signature: Uint8Array
  keyUsage: ReadonlySet<KeyUsage>
  isCA: boolean
}

/** Key identifier: the first 20 bytes of SM3 over the public key point. */
export function keyIdentifier(publicKey: string): Uint8Array {
  return sm3(fromHex(publicKey)).slice(0, 20)
}

export function issueCertificate(template: CertificateTemplate, issuerPrivateKey: string): Uint8Array {
  const sigAlg = seq(oid(OID_SM2_WITH_SM3))
  const tbs = seq(
    explicit(0, int(2)),
    uint(template.serial),
    sigAlg,
    encodeName(template.issuer),
    seq(time(template.notBefore), time(template.notAfter)),
    encodeName(template.subject),
    seq(seq(oid(OID_EC_PUBLIC_KEY), oid(OID_SM2_CURVE)), bitString(fromHex(template.subjectPublicKey))),
    explicit(3, seq(
      extension(OID_BASIC_CONSTRAINTS, true, template.isCA ? seq(bool(true)) : seq()),
      extension(OID_KEY_USAGE, true, encodeKeyUsage(template.keyUsage)),
      extension(OID_SUBJECT_KEY_ID, false, octets(keyIdentifier(template.subjectPublicKey))),
      extension(OID_AUTHORITY_KEY_ID, false, seq(implicitOctets(0, keyIdentifier(template.issuerPublicKey)))),
    )),
  )
  const tbsDer = toDer(tbs)
  const signature = sm2Sign(tbsDer, issuerPrivateKey, { publicKey: template.issuerPublicKey })
  return toDer(seq(fromDer(tbsDer), seq(oid(OID_SM2_WITH_SM3)), bitString(signature)))
}

export function parseCertificate(der: Uint8Array): Certificate {
  const [tbsNode, algNode, sigNode] = children(fromDer(der), 'Certificate')
  const tbs = children(tbsNode, 'TBSCertificate')
  let i = 0
  if (tbs[0]?.tagClass === 0x80 && tbs[0].type === 0) {
    const version = readInt(children(tbs[0], 'version')[0])
    if (version !== 2) throw new TypeError('certificate is not X.509 v3')
    i = 1
  }
  const serial = readUint(tbs[i])
  const innerAlg = readOid(children(tbs[i + 1], 'AlgorithmIdentifier')[0])
  const issuer = decodeName(tbs[i + 2])
  const [nb, na] = children(tbs[i + 3], 'Validity')
  const subject = decodeName(tbs[i + 4])
  const [spkiAlg, spkiKey] = children(tbs[i + 5], 'SubjectPublicKeyInfo')
  const [keyAlg, curve] = children(spkiAlg, 'AlgorithmIdentifier')
  if (readOid(keyAlg) !== OID_EC_PUBLIC_KEY || readOid(curve) !== OID_SM2_CURVE) throw new TypeError('certificate key is not SM2')
  const publicKey = toHex(readByteBits(spkiKey))
  const outerAlg = readOid(children(algNode, 'AlgorithmIdentifier')[0])
  if (outerAlg !== innerAlg) throw new TypeError('certificate signature algorithms disagree')

  const keyUsage = new Set<KeyUsage>()
  let isCA = false
  const extNode = tbs.find((n) => n.tagClass === 0x80 && n.type === 3)
  for (const ext of extNode ? children(children(extNode, 'extensions')[0], 'Extensions') : []) {
    const parts = children(ext, 'Extension')
    const id = readOid(parts[0])
    const value = readOctets(parts[parts.length - 1])
    if (id === OID_KEY_USAGE) for (const u of decodeKeyUsage(value)) keyUsage.add(u)
    if (id === OID_BASIC_CONSTRAINTS) {
      const bc = children(fromDer(value), 'BasicConstraints')
      isCA = bc.length > 0 && readBool(bc[0])
    }
  }

  return {
    der,
    tbsDer: toDer(tbsNode!),
    serial,
    issuer,
    subject,
    notBefore: readTime(nb),
    notAfter: readTime(na),
    publicKey,
    signatureAlgorithm: outerAlg,
    signature: readByteBits(sigNode),
    keyUsage,
    isCA,
  }
}

/** Checks only the issuer's signature over the certificate; chains and revocation are the caller's. */
export function verifyCertificateSignature(cert: Certificate, issuerPublicKey: string, prepared?: PreparedPublicKey): boolean {
  return cert.signatureAlgorithm === OID_SM2_WITH_SM3 && sm2Verify(cert.tbsDer, cert.signature, issuerPublicKey, { prepared })
}

export function isWithinValidity(cert: Certificate, at: Date): boolean {
  return cert.notBefore.getTime() <= at.getTime() && at.getTime() <= cert.notAfter.getTime()
}

function encodeName(name: DistinguishedName): Asn1 {
  const rdns: Asn1[] = []
  for (const [key, id] of Object.entries(NAME_OIDS) as [keyof typeof NAME_OIDS, string][]) {
    const value = name[key]
    if (value === undefined) continue
    rdns.push(set(seq(oid(id), key === 'countryName' ? printable(value) : utf8String(value))))
  }
  return seq(...rdns)
}

function decodeName(node: Asn1 | undefined): DistinguishedName {
  const out: DistinguishedName = {}
  const byOid = new Map<string, keyof typeof NAME_OIDS>(Object.entries(NAME_OIDS).map(([k, v]) => [v, k as keyof typeof NAME_OIDS]))
  for (const rdn of children(node, 'Name')) {
    for (const atv of children(rdn, 'RelativeDistinguishedName')) {
      const [type, value] = children(atv, 'AttributeTypeAndValue')
      const key = byOid.get(readOid(type))
      if (key) out[key] = readString(value)
    }
  }
  return out
}

function extension(id: string, critical: boolean, value: Asn1): Asn1 {
  return critical ? seq(oid(id), bool(true), octets(toDer(value))) : seq(oid(id), octets(toDer(value)))
}

function implicitOctets(tag: number, bytes: Uint8Array): Asn1 {
  const node = octets(bytes)
  node.tagClass = 0x80
  node.type = tag
  return node
}

/** DER BIT STRING for key usage: bit 0 is the most significant bit of the first byte, trailing zeros dropped. */
function encodeKeyUsage(usages: readonly KeyUsage[]): Asn1 {
  let bits = 0
  for (const u of usages) bits |= 0x80 >> KEY_USAGE_BITS.indexOf(u)
  if (bits === 0) throw new RangeError('key usage must name at least one use')
  let unused = 0
  while (((bits >> unused) & 1) === 0) unused++
  return bitString(Uint8Array.of(bits), unused)
}

function decodeKeyUsage(der: Uint8Array): KeyUsage[] {
  const { bytes } = readBitString(fromDer(der))
  const first = bytes[0] ?? 0
  return KEY_USAGE_BITS.filter((_, i) => (first & (0x80 >> i)) !== 0)
}

/** SubjectPublicKeyInfo DER of an SM2 public key (what `openssl pkey -pubin` reads as PEM "PUBLIC KEY"). */
export function sm2PublicKeyInfo(publicKey: string): Uint8Array {
  return toDer(seq(seq(oid(OID_EC_PUBLIC_KEY), oid(OID_SM2_CURVE)), bitString(fromHex(publicKey))))
}
