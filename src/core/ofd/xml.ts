// The little XML the OFD writer needs: escaping, numbers in a fixed form (so bytes are stable),
// and one parser configuration for the reader.
import { XMLParser } from 'fast-xml-parser'

export const OFD_NS = 'http://www.ofdspec.org/2016'
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** A length in mm with at most three decimals and no trailing zeros: the same value, the same text. */
export function mm(n: number): string {
  const s = (Math.round(n * 1000) / 1000).toFixed(3).replace(/\.?0+$/, '')
  return s === '-0' ? '0' : s
}

export const box = (x: number, y: number, w: number, h: number): string => [x, y, w, h].map(mm).join(' ')

/** Elements that may repeat: always read as arrays. */
const REPEATED = new Set(['Page', 'Font', 'Layer', 'TextObject', 'PathObject', 'ImageObject', 'TextCode', 'Reference', 'StampAnnot', 'Signature', 'Attachment', 'MultiMedia', 'CustomData'])

export type XmlNode = { [key: string]: XmlValue }
export type XmlValue = string | XmlNode | XmlValue[]

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => REPEATED.has(name),
})

export function parseXml(text: string): XmlNode {
  return parser.parse(text) as XmlNode
}

export const node = (v: XmlValue | undefined): XmlNode => (v && typeof v === 'object' && !Array.isArray(v) ? v : {})
/** an element with no attributes parses as its text: keep that text as #text */
const asNode = (v: XmlValue): XmlNode => (typeof v === 'string' ? { '#text': v } : node(v))
export const list = (v: XmlValue | undefined): XmlNode[] => (Array.isArray(v) ? v.map(asNode) : v !== undefined && v !== '' ? [asNode(v)] : [])
export const text = (v: XmlValue | undefined): string => (typeof v === 'string' ? v : v && typeof v === 'object' && !Array.isArray(v) && typeof v['#text'] === 'string' ? v['#text'] : '')
export const attr = (n: XmlNode, name: string): string => (typeof n[`@${name}`] === 'string' ? (n[`@${name}`] as string) : '')
export const numbers = (s: string): number[] => s.trim().split(/\s+/).filter(Boolean).map(Number)
