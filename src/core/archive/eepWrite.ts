// EEP XML (DA/T 48-2009) from an EepContent: written by hand, deterministically, so the bytes of
// 被签名对象 are exactly what the archivist signs and what a checker re-hashes decades later.
import { toHex } from '../crypto/bytes'
import { sm3 } from '../crypto/sm3'
import { toBase64 } from '../pki/der'
import { formatArchivalCode, RETENTION_NAMES } from './archivalCode'
import { EEP_FORMAT_DESCRIPTION, EEP_NAMESPACE, SM2_SM3_OID, type EepContent, type EepSignature, type LockSignature } from './eepModel'

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

type Node = [name: string, content: string | number | Node[], attrs?: Record<string, string>]

function render(node: Node, depth: number): string {
  const [name, content, attrs] = node
  const pad = '  '.repeat(depth)
  const a = attrs ? Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('') : ''
  if (Array.isArray(content)) {
    if (content.length === 0) return `${pad}<${name}${a}/>`
    return `${pad}<${name}${a}>\n${content.map((c) => render(c, depth + 1)).join('\n')}\n${pad}</${name}>`
  }
  const text = escapeXml(String(content))
  return text === '' ? `${pad}<${name}${a}/>` : `${pad}<${name}${a}>${text}</${name}>`
}

const TYPE_DESCRIPTIONS = {
  原始型: '本封装包包含电子文件数据及其元数据，原始封装，未经修改',
  修改型: '本封装包包含电子文件数据及其元数据，系修改封装，在保留原封装包的基础上，添加了修改层',
} as const

function fileEntity(c: EepContent): Node {
  const m = c.metadata
  const code = m.code
  return ['文件实体', [
    ['聚合层次', '件'],
    ['来源', [['档案馆名称', m.archiveName], ['档案馆代码', m.archiveCode], ['全宗名称', m.fondsName], ['立档单位名称', m.agencyName]]],
    ['电子文件号', m.recordId],
    ['档号', [
      ['档号', formatArchivalCode(code)], ['全宗号', code.fonds], ['门类代码', code.category], ['年度', String(code.year)],
      ['保管期限', RETENTION_NAMES[code.retention]], ['机构或问题', code.org], ['件号', String(code.item).padStart(4, '0')],
    ]],
    ['内容描述', [
      ['题名', m.title], ['关键词', m.keywords], ['文件编号', m.docNumber], ['责任者', m.responsible], ['日期', m.date], ['文种', m.docType],
      ['紧急程度', m.urgency], ['主送', m.mainTo], ['抄送', m.cc], ['密级', m.classification], ['保密期限', m.secrecyTerm],
    ]],
    ['形式特征', [['文件组合类型', c.files.filter((f) => f.role === '附件').length ? '组合文件' : '单件'], ['件数', String(m.items)], ['页数', String(m.pages)], ['语种', '汉语'], ['稿本', '正本']]],
    ['电子属性', c.files.map((f): Node => ['组件', [
      ['计算机文件名', f.name], ['计算机文件大小', String(f.bytes.length)], ['格式信息', f.format], ['用途', f.role], ['杂凑值', toHex(sm3(f.bytes)), { 算法: 'SM3' }],
    ], { 文档标识符: f.id }])],
    ['电子签名', m.signatures.map((s): Node => ['签名', [['签名规则', s.rule], ['签名时间', s.at], ['签名人', s.signer], ['签名算法标识', s.algorithm]], { 文档标识符: s.file }])],
    ['存储位置', '政通电子档案库（按SM3内容寻址）'],
    ['权限管理', [['控制标识', m.classification === '非密' ? '开放' : '控制'], ['利用权限', '经档案员批准借阅']]],
    ['附注', m.note],
    ...c.files.map((f, i): Node => ['文档', [['文档数据', [['编码', [
      ['电子属性', [['格式信息', f.format], ['计算机文件名', f.name], ['计算机文件大小', String(f.bytes.length)], ['文档创建程序', '政通']]],
      ['编码描述', '本编码采用Base64编码规则'],
      ['反编码关键字', 'base64'],
      ['编码数据', toBase64(f.bytes)],
    ], { 编码标识符: `${f.id}-E1` }]], { 文档数据标识符: `${f.id}-DD1` }]], { 文档标识符: f.id, 文档序号: String(i + 1) }]),
  ]]
}

/** The 被签名对象 element, exactly as signed. */
export function signedObjectXml(c: EepContent): string {
  const content: Node[] = [
    ['文件实体块', [fileEntity(c)]],
    ['业务实体块', c.business.map((b): Node => ['业务实体', [
      ['业务标识符', b.id], ['机构人员标识符', b.agent], ['业务状态', b.state], ['业务行为', b.action], ['行为时间', b.at], ['行为依据', b.basis], ['行为描述', b.description],
    ]])],
    ['机构人员实体块', c.agents.map((a): Node => ['机构人员实体', [
      ['机构人员标识符', a.id], ['机构人员类型', a.type], ['机构人员名称', a.name], ['组织机构代码', a.orgCode], ['个人职位', a.position],
    ]])],
  ]
  const revision: Node[] = c.revision ? [['修改封装内容', [
    ['附加信息', [['修改标识符', c.revision.id], ['修改日期', c.revision.at], ['修改者', c.revision.by], ['修改原因', c.revision.reason]]],
    ['原封装包', c.revision.previous, { 杂凑值: c.revision.previousSm3, 算法: 'SM3' }],
    ['修订内容', content],
  ]]] : []
  return render(['被签名对象', [
    ['封装包类型', c.type],
    ['封装包类型描述', TYPE_DESCRIPTIONS[c.type]],
    ['封装包创建时间', c.createdAt],
    ['封装包创建单位', c.creator],
    ...(c.revision ? revision : [['封装内容', content] as Node]),
  ], { eep版本: '2009' }], 1)
}

function signatureNode(s: EepSignature, tag: string, extra: Node[] = []): Node {
  return [tag, [
    ...extra,
    ['签名规则', 'SM2-SM3：对签名命令（其contentHash为被签名对象的SM3杂凑值）的规范化JSON签名'],
    ['签名时间', s.at], ['签名人', s.signer], ['签名结果', s.value],
    ['证书块', [['证书', s.certificate]]],
    ['签名算法标识', SM2_SM3_OID],
    ['签名命令', s.command],
  ], { 签名标识符: s.id }]
}

/**
 * The whole package: 被签名对象 as given (byte for byte), then the 电子签名块 (and 锁定签名). With no
 * signature yet (checked at filing, before the archivist signs), the 电子签名块 is empty.
 */
export function packageXml(signedObject: string, signature: EepSignature | null, lock?: LockSignature): string {
  const sigBlock = render(['电子签名块', signature ? [signatureNode(signature, '电子签名')] : []], 1)
  const lockBlock = lock ? `\n${render(signatureNode(lock, '锁定签名', [['被锁定签名标识符', lock.locks]]), 1)}` : ''
  return `<?xml version="1.0" encoding="UTF-8"?>\n<电子文件封装包 xmlns="${EEP_NAMESPACE}">\n  <封装包格式描述>${EEP_FORMAT_DESCRIPTION}</封装包格式描述>\n  <版本>2009</版本>\n${signedObject}\n${sigBlock}${lockBlock}\n</电子文件封装包>\n`
}

/** The exact 被签名对象 text inside a package, or null (what the signature covers). */
export function extractSignedObject(xml: string): string | null {
  const open = '  <被签名对象'
  const endTag = '</被签名对象>'
  const start = xml.indexOf(open)
  const end = xml.indexOf(endTag)
  // exactly one 被签名对象: a second one would make what was signed ambiguous
  if (start < 0 || end < start || xml.indexOf('<被签名对象', start + open.length) >= 0 || xml.indexOf(endTag, end + 1) >= 0) return null
  return xml.slice(start, end + endTag.length)
}
