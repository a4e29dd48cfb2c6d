// GB/T 38540-2020 electronic seals, v4 structures (STANDARDS.md §3): SES_Seal (the seal the 印章管理员
// makes, signed by the seal maker) and SES_Signature (a seal applied to content, signed by its
// holder). Built and parsed with the same ASN.1 layer as our certificates; signatures are SM2-SM3.
import { bytesEqual } from '../crypto/bytes'
import { OID_SM2_WITH_SM3, sm2Sign } from '../crypto/sm2'
import {
  T, bitString, children, explicit, fromDer, generalizedTime, ia5, int, octets, oid, readByteBits, readInt, readOctets, readOid,
  readString, readTime, seq, toDer, utf8String, type Asn1, C,
} from '../pki/der'

export const SES_VERSION = 4
/** 电子印章类型 (GB/T 38540 §7.1): 1 单位印章, 2 个人印章 */
export const SEAL_TYPES = { 单位印章: 1, 个人印章: 2 } as const
export type SealTypeName = keyof typeof SEAL_TYPES

export interface SealPicture {
  /** IA5 type as the standard names it: "png", "svg", … */
  type: string
  data: Uint8Array
  widthMm: number
  heightMm: number
}

export interface SealInfo {
  /** 厂商标识 */
  vid: string
  /** 电子印章标识: unique per seal (and per version of a seal) */
  esID: string
  type: number
  name: string
  /** 1: the certificates themselves (the only kind we make) */
  certListType: 1
  /** DER of each holder's certificate */
  certs: Uint8Array[]
  createDate: Date
  validStart: Date
  validEnd: Date
  picture: SealPicture
}

export interface ParsedSeal {
  der: Uint8Array
  info: SealInfo
  /** DER(eSealInfo): what the maker signed */
  infoDer: Uint8Array
  makerCert: Uint8Array
  signAlgorithm: string
  signedValue: Uint8Array
}

export interface SealSigner {
  certDer: Uint8Array
  privateKey: string
  publicKey: string
}

/** The members of a SEQUENCE (the tag is checked: a structure with a wrong tag is not ours). */
function members(node: Asn1 | undefined, what: string): Asn1[] {
  if (!node || node.tagClass !== C.UNIVERSAL || node.type !== T.SEQUENCE) throw new TypeError(`ASN.1: expected ${what}`)
  return children(node, what)
}

function encodeSealInfo(info: SealInfo): Asn1 {
  return seq(
    seq(ia5('ES'), int(SES_VERSION), ia5(info.vid)),
    ia5(info.esID),
    seq(
      int(info.type),
      utf8String(info.name),
      int(info.certListType),
      seq(...info.certs.map(octets)),
      generalizedTime(info.createDate),
      generalizedTime(info.validStart),
      generalizedTime(info.validEnd),
    ),
    seq(ia5(info.picture.type), octets(info.picture.data), int(info.picture.widthMm), int(info.picture.heightMm)),
  )
}

/** Makes an SES_Seal: the seal info signed by the seal maker. */
export function makeSeal(info: SealInfo, maker: SealSigner): Uint8Array {
  const infoDer = toDer(encodeSealInfo(info))
  const signature = sm2Sign(infoDer, maker.privateKey, { publicKey: maker.publicKey })
  return toDer(seq(fromDer(infoDer), octets(maker.certDer), oid(OID_SM2_WITH_SM3), bitString(signature)))
}

export function parseSeal(der: Uint8Array): ParsedSeal {
  const root = fromDer(der)
  if (!bytesEqual(toDer(root), der)) throw new TypeError('SES: not canonical DER')
  return parseSealNode(root, der)
}

function parseSealNode(node: Asn1, der: Uint8Array): ParsedSeal {
  const [infoNode, certNode, algNode, sigNode] = members(node, 'SESeal')
  const [header, esID, property, picture] = members(infoNode, 'SES_SealInfo')
  const [id, version, vid] = members(header, 'header')
  if (readString(id) !== 'ES') throw new TypeError('SES: header id is not ES')
  if (readInt(version) !== SES_VERSION) throw new TypeError('SES: not version 4')
  const [type, name, certListType, certList, createDate, validStart, validEnd] = members(property, 'SES_ESPropertyInfo')
  const listType = readInt(certListType)
  if (listType !== 1) throw new TypeError('SES: only certificate lists (certListType 1) are supported')
  const [picType, picData, picWidth, picHeight] = members(picture, 'SES_ESPictureInfo')
  return {
    der,
    info: {
      vid: readString(vid),
      esID: readString(esID),
      type: readInt(type),
      name: readString(name),
      certListType: 1,
      certs: members(certList, 'certList').map(readOctets),
      createDate: readTime(createDate),
      validStart: readTime(validStart),
      validEnd: readTime(validEnd),
      picture: { type: readString(picType), data: readOctets(picData), widthMm: readInt(picWidth), heightMm: readInt(picHeight) },
    },
    infoDer: toDer(infoNode!),
    makerCert: readOctets(certNode),
    signAlgorithm: readOid(algNode),
    signedValue: readByteBits(sigNode),
  }
}

export interface SignatureInput {
  sealDer: Uint8Array
  timeInfo: Date
  /** SM3 of the protected content (the sign-off's contentHash) */
  dataHash: Uint8Array
  /** what is protected, e.g. "doc:<uuid>;seq=12" (IA5) */
  propertyInfo: string
}

export interface ParsedSignature {
  der: Uint8Array
  version: number
  seal: ParsedSeal
  timeInfo: Date
  dataHash: Uint8Array
  propertyInfo: string
  /** DER(TBS_Sign): what the holder signed */
  tbsDer: Uint8Array
  signerCert: Uint8Array
  signatureAlgorithm: string
  signature: Uint8Array
  timeStamp?: Uint8Array
}

/** Makes an SES_Signature: TBS_Sign (seal, time, data hash, what it protects) signed by the holder. */
export function makeSignature(input: SignatureInput, signer: SealSigner): Uint8Array {
  if (!/^[\x20-\x7e]*$/.test(input.propertyInfo)) throw new RangeError('propertyInfo must be IA5 (ASCII)')
  const tbs = seq(int(SES_VERSION), fromDer(input.sealDer), generalizedTime(input.timeInfo), bitString(input.dataHash), ia5(input.propertyInfo))
  const tbsDer = toDer(tbs)
  const signature = sm2Sign(tbsDer, signer.privateKey, { publicKey: signer.publicKey })
  return toDer(seq(fromDer(tbsDer), octets(signer.certDer), oid(OID_SM2_WITH_SM3), bitString(signature)))
}

export function parseSignature(der: Uint8Array): ParsedSignature {
  const root = fromDer(der)
  // only canonical DER: any other encoding of the same values is a different, unsigned object
  if (!bytesEqual(toDer(root), der)) throw new TypeError('SES: not canonical DER')
  const nodes = members(root, 'SES_Signature')
  const [tbsNode, certNode, algNode, sigNode, stampNode] = nodes
  if (nodes.length > 5) throw new TypeError('SES: unexpected fields in SES_Signature')
  const [version, sealNode, timeInfo, dataHash, propertyInfo] = members(tbsNode, 'TBS_Sign')
  const v = readInt(version)
  if (v !== SES_VERSION) throw new TypeError('SES: not version 4')
  let timeStamp: Uint8Array | undefined
  if (stampNode) {
    if (stampNode.tagClass !== C.CONTEXT_SPECIFIC || stampNode.type !== 0) throw new TypeError('SES: unexpected field after the signature')
    timeStamp = readByteBits(children(stampNode, 'timeStamp')[0])
  }
  return {
    der,
    version: v,
    seal: parseSealNode(sealNode!, toDer(sealNode!)),
    timeInfo: readTime(timeInfo),
    dataHash: readByteBits(dataHash),
    propertyInfo: readString(propertyInfo),
    tbsDer: toDer(tbsNode!),
    signerCert: readOctets(certNode),
    signatureAlgorithm: readOid(algNode),
    signature: readByteBits(sigNode),
    ...(timeStamp ? { timeStamp } : {}),
  }
}

/** For tests and tools: the explicit [0] wrapper the optional timestamp uses. */
export const timeStampField = (bytes: Uint8Array): Asn1 => explicit(0, bitString(bytes))
