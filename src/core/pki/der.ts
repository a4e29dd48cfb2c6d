// A thin layer over node-forge's ASN.1 codec: our byte arrays in and out, forge's binary strings
// kept inside. forge's high-level `pki` is RSA-only, so SM2 certificates are built from these.
import type forge from 'node-forge'
// the two parts used, not the index that loads all of forge (forgeParts.d.ts)
import asn1 from 'node-forge/lib/asn1.js'
import util from 'node-forge/lib/util.js'

export type Asn1 = forge.asn1.Asn1
export const T = asn1.Type
export const C = asn1.Class

const toBinary = (bytes: Uint8Array): string => {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return s
}
const fromBinary = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))

export const seq = (...items: Asn1[]): Asn1 => asn1.create(C.UNIVERSAL, T.SEQUENCE, true, items)
export const set = (...items: Asn1[]): Asn1 => asn1.create(C.UNIVERSAL, T.SET, true, items)
export const oid = (dotted: string): Asn1 => asn1.create(C.UNIVERSAL, T.OID, false, asn1.oidToDer(dotted).getBytes())
export const utf8String = (text: string): Asn1 => asn1.create(C.UNIVERSAL, T.UTF8, false, util.encodeUtf8(text))
export const printable = (text: string): Asn1 => asn1.create(C.UNIVERSAL, T.PRINTABLESTRING, false, text)
export const ia5 = (text: string): Asn1 => asn1.create(C.UNIVERSAL, T.IA5STRING, false, text)
export const bool = (v: boolean): Asn1 => asn1.create(C.UNIVERSAL, T.BOOLEAN, false, v ? '\xff' : '\x00')
export const octets = (bytes: Uint8Array): Asn1 => asn1.create(C.UNIVERSAL, T.OCTETSTRING, false, toBinary(bytes))
/** BIT STRING from whole bytes (no unused bits). */
export const bitString = (bytes: Uint8Array, unusedBits = 0): Asn1 =>
  asn1.create(C.UNIVERSAL, T.BITSTRING, false, String.fromCharCode(unusedBits) + toBinary(bytes))
/** INTEGER from an unsigned big-endian hex value (adds the sign byte DER needs). */
export const uint = (hex: string): Asn1 => {
  let h = hex.replace(/^(00)+(?=.)/, '')
  if (h.length % 2) h = '0' + h
  if (parseInt(h.slice(0, 2), 16) >= 0x80) h = '00' + h
  return asn1.create(C.UNIVERSAL, T.INTEGER, false, util.hexToBytes(h))
}
export const int = (n: number): Asn1 => asn1.create(C.UNIVERSAL, T.INTEGER, false, asn1.integerToDer(n).getBytes())
export const explicit = (tag: number, inner: Asn1): Asn1 => asn1.create(C.CONTEXT_SPECIFIC, tag, true, [inner])
/** UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
export const time = (date: Date): Asn1 =>
  date.getUTCFullYear() < 2050
    ? asn1.create(C.UNIVERSAL, T.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(C.UNIVERSAL, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date))
export const generalizedTime = (date: Date): Asn1 => asn1.create(C.UNIVERSAL, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date))

export function toDer(node: Asn1): Uint8Array {
  return fromBinary(asn1.toDer(node).getBytes())
}

/** Parses DER strictly; BIT STRINGs stay opaque (forge would otherwise guess at their content). */
export function fromDer(der: Uint8Array): Asn1 {
  const buffer = util.createBuffer(toBinary(der))
  // @types/node-forge declares only the old boolean argument; forge itself takes these options.
  const options = { strict: true, decodeBitStrings: false, parseAllBytes: true } as unknown as boolean
  return asn1.fromDer(buffer, options)
}

// Readers: each throws a TypeError naming what it expected, so a malformed structure fails loudly.
function expect(node: Asn1 | undefined, type: number, what: string): Asn1 {
  if (!node || node.tagClass !== C.UNIVERSAL || node.type !== type) throw new TypeError(`ASN.1: expected ${what}`)
  return node
}
export const children = (node: Asn1 | undefined, what = 'SEQUENCE'): Asn1[] => {
  if (!node || !Array.isArray(node.value)) throw new TypeError(`ASN.1: expected ${what}`)
  return node.value as Asn1[]
}
export const readOid = (node: Asn1 | undefined): string => asn1.derToOid(expect(node, T.OID, 'OBJECT IDENTIFIER').value as string)
export const readUint = (node: Asn1 | undefined): string => util.bytesToHex(expect(node, T.INTEGER, 'INTEGER').value as string).replace(/^(00)+(?=.)/, '')
export const readInt = (node: Asn1 | undefined): number => asn1.derToInteger(expect(node, T.INTEGER, 'INTEGER').value as string)
export const readOctets = (node: Asn1 | undefined): Uint8Array => fromBinary(expect(node, T.OCTETSTRING, 'OCTET STRING').value as string)
export const readBitString = (node: Asn1 | undefined): { bytes: Uint8Array; unusedBits: number } => {
  const raw = expect(node, T.BITSTRING, 'BIT STRING').value as string
  return { unusedBits: raw.charCodeAt(0), bytes: fromBinary(raw.slice(1)) }
}
/** A BIT STRING of whole bytes (signatures, keys, hashes): any unused bits make it malformed. */
export const readByteBits = (node: Asn1 | undefined): Uint8Array => {
  const { bytes, unusedBits } = readBitString(node)
  if (unusedBits !== 0) throw new TypeError('ASN.1: expected whole bytes in a BIT STRING')
  return bytes
}
export const readBool = (node: Asn1 | undefined): boolean => (expect(node, T.BOOLEAN, 'BOOLEAN').value as string) !== '\x00'
export function readString(node: Asn1 | undefined): string {
  if (!node || node.tagClass !== C.UNIVERSAL) throw new TypeError('ASN.1: expected a string')
  const raw = node.value as string
  if (node.type === T.UTF8) return util.decodeUtf8(raw)
  if (node.type === T.PRINTABLESTRING || node.type === T.IA5STRING) return raw
  throw new TypeError('ASN.1: expected a string')
}
export function readTime(node: Asn1 | undefined): Date {
  let date: Date | undefined
  if (node?.type === T.UTCTIME && /^\d{12}Z$/.test(node.value as string)) date = asn1.utcTimeToDate(node.value as string)
  if (node?.type === T.GENERALIZEDTIME && /^\d{14}Z$/.test(node.value as string)) date = asn1.generalizedTimeToDate(node.value as string)
  if (!date || Number.isNaN(date.getTime())) throw new TypeError('ASN.1: expected a time')
  return date
}

export function toPem(label: string, der: Uint8Array): string {
  const b64 = util.encode64(toBinary(der))
  const lines = b64.match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

export function fromPem(label: string, pem: string): Uint8Array {
  const m = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem)
  if (!m) throw new TypeError(`not a PEM ${label}`)
  return fromBinary(util.decode64(m[1]!.replace(/\s+/g, '')))
}

/** Base64 of bytes (DER in JSON, command payloads and Yjs maps). */
export const toBase64 = (bytes: Uint8Array): string => util.encode64(toBinary(bytes))
export function fromBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new TypeError('not base64')
  return fromBinary(util.decode64(text))
}
