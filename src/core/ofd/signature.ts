// OFD signatures (GB/T 33190-2016 §18, STANDARDS.md §3): Doc_0/Signs/Signatures.xml lists them;
// each Sign_N/Signature.xml holds the references (SM3 of every protected file), where the seal
// is drawn (StampAnnot) and where the seal and the SES_Signature are; SignedValue.dat is the
// SES_Signature, whose dataHash is SM3(Signature.xml). Our 用印 signs exactly this file.
import { fromBase64, toBase64 } from '../pki/der'
import { utf8 } from '../crypto/bytes'
import { sm3 } from '../crypto/sm3'
import { OID_SM2_SM3, OID_SM3, SIGNATURES_XML, absolute, signDir } from './paths'
import { OFD_NS, XML_HEAD, attr, box, esc, list, node, numbers, parseXml, text } from './xml'

export interface StampAnnot {
  /** the page object's ID */
  pageRef: number
  /** x y w h, mm */
  boundary: [number, number, number, number]
  /** the visible part, relative to the boundary (a 骑缝章's strip) */
  clip?: [number, number, number, number]
}

export interface SignatureXmlInput {
  /** [package path, bytes] of every protected file */
  files: [string, Uint8Array][]
  stamps: StampAnnot[]
  /** the signature's place: Sign_<index> */
  index: number
  /** the time the rendition was made for sealing */
  at: Date
}

export interface ParsedSignatureXml {
  checkMethod: string
  signatureMethod: string
  dateTime: string
  references: { path: string; checkValue: Uint8Array }[]
  stamps: StampAnnot[]
  sealLoc: string
  signedValueLoc: string
}

/** yyyyMMddHHmmssZ, as OFD signatures give their time */
const ofdTime = (d: Date): string => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`

export function signatureXml(input: SignatureXmlInput): Uint8Array {
  const dir = absolute(signDir(input.index))
  const refs = input.files.map(([path, bytes]) => `<ofd:Reference FileRef="${esc(absolute(path))}"><ofd:CheckValue>${toBase64(sm3(bytes))}</ofd:CheckValue></ofd:Reference>`).join('')
  const stamps = input.stamps.map((s, i) => `<ofd:StampAnnot ID="${i + 1}" PageRef="${s.pageRef}" Boundary="${box(...s.boundary)}"${s.clip ? ` Clip="${box(...s.clip)}"` : ''}/>`).join('')
  return utf8(XML_HEAD + `<ofd:Signature xmlns:ofd="${OFD_NS}"><ofd:SignedInfo><ofd:Provider ProviderName="政通" Version="1" Company="政通"/>`
    + `<ofd:SignatureMethod>${OID_SM2_SM3}</ofd:SignatureMethod><ofd:SignatureDateTime>${ofdTime(input.at)}</ofd:SignatureDateTime>`
    + `<ofd:References CheckMethod="${OID_SM3}">${refs}</ofd:References>${stamps}`
    + `<ofd:Seal><ofd:BaseLoc>${dir}/Seal.esl</ofd:BaseLoc></ofd:Seal></ofd:SignedInfo>`
    + `<ofd:SignedValue>${dir}/SignedValue.dat</ofd:SignedValue></ofd:Signature>`)
}

export function parseSignatureXml(bytes: Uint8Array): ParsedSignatureXml {
  // Signature repeats inside Signatures.xml, so the parser reads it as a list everywhere
  const root = list(parseXml(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).Signature)[0] ?? {}
  const info = node(root.SignedInfo)
  const refs = node(info.References)
  const box4 = (s: string): [number, number, number, number] | undefined => {
    const n = numbers(s)
    return n.length === 4 && n.every(Number.isFinite) ? (n as [number, number, number, number]) : undefined
  }
  return {
    checkMethod: attr(refs, 'CheckMethod'),
    signatureMethod: text(info.SignatureMethod),
    dateTime: text(info.SignatureDateTime),
    references: list(refs.Reference).map((r) => ({ path: attr(r, 'FileRef'), checkValue: fromBase64(text(r.CheckValue)) })),
    stamps: list(info.StampAnnot).flatMap((s) => {
      const boundary = box4(attr(s, 'Boundary'))
      const clip = box4(attr(s, 'Clip'))
      return boundary ? [{ pageRef: Number(attr(s, 'PageRef')), boundary, ...(clip ? { clip } : {}) }] : []
    }),
    sealLoc: text(node(info.Seal).BaseLoc),
    signedValueLoc: text(root.SignedValue),
  }
}

/** The signed package's extra files: the list, and each signature's XML, seal and SES_Signature. */
export function signatureFiles(signs: { xml: Uint8Array; sealDer: Uint8Array; sesDer: Uint8Array }[]): [string, Uint8Array][] {
  const files: [string, Uint8Array][] = [[SIGNATURES_XML, utf8(XML_HEAD + `<ofd:Signatures xmlns:ofd="${OFD_NS}"><ofd:MaxSignId>${signs.length}</ofd:MaxSignId>`
    + signs.map((_, i) => `<ofd:Signature ID="${i + 1}" Type="Seal" BaseLoc="${absolute(signDir(i))}/Signature.xml"/>`).join('') + '</ofd:Signatures>')]]
  signs.forEach((s, i) => {
    files.push([`${signDir(i)}/Signature.xml`, s.xml], [`${signDir(i)}/Seal.esl`, s.sealDer], [`${signDir(i)}/SignedValue.dat`, s.sesDer])
  })
  return files
}

/** The signatures a package lists: where each Signature.xml is. */
export function parseSignaturesList(bytes: Uint8Array): { id: string; type: string; loc: string }[] {
  const root = node(parseXml(new TextDecoder().decode(bytes)).Signatures)
  return list(root.Signature).map((s) => ({ id: attr(s, 'ID'), type: attr(s, 'Type'), loc: attr(s, 'BaseLoc') }))
}
