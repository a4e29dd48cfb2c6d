// Reading an EEP back: is it well-formed XML, does it follow our schema of DA/T 48 (eepSchema), and
// what does it declare — metadata, listed components, the files actually carried, the workflow
// record, the people, the signatures. Nothing here trusts the package: the checks judge it.
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { fromBase64 } from '../pki/der'
import { extractSignedObject } from './eepWrite'
import type { Agent, BusinessEntry, EepSignature, LockSignature } from './eepModel'

const REPEATED = new Set(['组件', '签名', '文档', '业务实体', '机构人员实体', '电子签名', '锁定签名', '证书'])

export type XmlNode = { [key: string]: XmlValue }
export type XmlValue = string | XmlNode | XmlValue[]

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => REPEATED.has(name),
})

export interface ListedComponent { id: string; name: string; size: string; format: string; role: string; sm3: string }
export interface CarriedFile { id: string; name: string; format: string; declaredSize: string; bytes: Uint8Array | null; encoding: string }

export interface ParsedEep {
  /** the whole document as parsed */
  root: XmlNode
  signedObject: string | null
  type: string
  createdAt: string
  creator: string
  /** the 文件实体 (of the 修订内容 in a 修改型 package) */
  entity: XmlNode
  listed: ListedComponent[]
  carried: CarriedFile[]
  business: BusinessEntry[]
  agents: Agent[]
  signatures: EepSignature[]
  locks: LockSignature[]
  previous?: { text: string; sm3: string }
}

export type ReadResult = { ok: true; eep: ParsedEep } | { ok: false; stage: 'xml' | 'structure'; message: string }

export const text = (v: XmlValue | undefined): string => (typeof v === 'string' ? v : v && !Array.isArray(v) && typeof v['#text'] === 'string' ? v['#text'] : '')
export const node = (v: XmlValue | undefined): XmlNode => (v && typeof v === 'object' && !Array.isArray(v) ? v : {})
export const texts = (v: XmlValue | undefined): string[] => (Array.isArray(v) ? v.map(text) : v === undefined ? [] : [text(v)])
export const list = (v: XmlValue | undefined): XmlNode[] => (Array.isArray(v) ? v.map(node) : v === undefined || v === '' ? [] : [node(v)])

function signatureOf(n: XmlNode): EepSignature {
  return {
    id: text(n['@签名标识符']), at: text(n['签名时间']), signer: text(n['签名人']), value: text(n['签名结果']),
    certificate: texts(node(n['证书块'])['证书'])[0] ?? '',
    command: text(n['签名命令']),
  }
}

/** Parses a package; `ok: false` when it is not well-formed XML or lacks the EEP skeleton. */
export function readEep(xml: string): ReadResult {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) return { ok: false, stage: 'xml', message: `第 ${valid.err.line} 行：${valid.err.msg}` }
  let root: XmlNode
  try {
    root = node(parser.parse(xml) as XmlValue)
  } catch (e) {
    return { ok: false, stage: 'xml', message: e instanceof Error ? e.message : String(e) }
  }
  const pkg = node(root['电子文件封装包'])
  const signed = node(pkg['被签名对象'])
  if (!pkg['被签名对象']) return { ok: false, stage: 'structure', message: '缺少被签名对象' }
  const revision = node(signed['修改封装内容'])
  const content = signed['修改封装内容'] ? node(revision['修订内容']) : node(signed['封装内容'])
  const entity = node(node(content['文件实体块'])['文件实体'])
  const listed = list(node(entity['电子属性'])['组件']).map((c) => ({
    id: text(c['@文档标识符']), name: text(c['计算机文件名']), size: text(c['计算机文件大小']), format: text(c['格式信息']), role: text(c['用途']), sm3: text(c['杂凑值']),
  }))
  const carried = list(entity['文档']).map((d) => {
    const enc = node(node(d['文档数据'])['编码'])
    const attrs = node(enc['电子属性'])
    let bytes: Uint8Array | null
    try {
      bytes = fromBase64(text(enc['编码数据']).replace(/\s+/g, ''))
    } catch {
      bytes = null
    }
    return { id: text(d['@文档标识符']), name: text(attrs['计算机文件名']), format: text(attrs['格式信息']), declaredSize: text(attrs['计算机文件大小']), bytes, encoding: text(enc['反编码关键字']) }
  })
  const business = list(node(content['业务实体块'])['业务实体']).map((b) => ({
    id: text(b['业务标识符']), agent: text(b['机构人员标识符']), state: text(b['业务状态']), action: text(b['业务行为']), at: text(b['行为时间']), basis: text(b['行为依据']), description: text(b['行为描述']),
  }))
  const agents = list(node(content['机构人员实体块'])['机构人员实体']).map((a) => ({
    id: text(a['机构人员标识符']), type: text(a['机构人员类型']) as Agent['type'], name: text(a['机构人员名称']), orgCode: text(a['组织机构代码']), position: text(a['个人职位']),
  }))
  const signatures = list(node(pkg['电子签名块'])['电子签名']).map(signatureOf)
  const locks = list(pkg['锁定签名']).map((l) => ({ ...signatureOf(l), locks: text(l['被锁定签名标识符']) }))
  const previousNode = revision['原封装包']
  return {
    ok: true,
    eep: {
      root, signedObject: extractSignedObject(xml), type: text(signed['封装包类型']), createdAt: text(signed['封装包创建时间']), creator: text(signed['封装包创建单位']),
      entity, listed, carried, business, agents, signatures, locks,
      ...(previousNode !== undefined ? { previous: { text: text(previousNode), sm3: text(node(previousNode)['@杂凑值']) } } : {}),
    },
  }
}
