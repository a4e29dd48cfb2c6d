// What an electronic record package (EEP, DA/T 48-2009) holds, as data: the DA/T 46 metadata of
// the 文件实体, its files, one 业务实体 per workflow action and the 机构人员 involved. eepWrite
// turns it into XML; eepRead reads XML back into it.
import type { ArchivalCode } from './archivalCode'

export const EEP_NAMESPACE = 'http://www.saac.gov.cn/standards/ERM/encapsulation'
export const EEP_FORMAT_DESCRIPTION = '本EEP根据中华人民共和国档案行业标准DA/T 48-2009《基于XML的电子文件封装规范》生成'
/** SM2 with SM3 (GM/T 0006) */
export const SM2_SM3_OID = '1.2.156.10197.1.501'

export type FileRole = '正本' | '定稿' | '处理单' | '附件' | '签章' | '过程记录' | '证书'

export interface EepFile {
  /** 文档标识符: D1, D2 … */
  id: string
  role: FileRole
  /** 计算机文件名 */
  name: string
  /** 格式信息: PDF, JSON, DER, PEM, … */
  format: string
  bytes: Uint8Array
}

/** One seal or signature on the record (DA/T 46 电子签名). */
export interface RecordSignature {
  /** 签名规则 */
  rule: string
  at: string
  signer: string
  /** the file (文档标识符) holding it */
  file: string
  algorithm: string
}

export interface RecordMetadata {
  archiveName: string
  archiveCode: string
  fondsName: string
  agencyName: string
  /** 电子文件号: the document's id in the system */
  recordId: string
  code: ArchivalCode
  title: string
  /** 文件编号 (发文字号) */
  docNumber: string
  /** 责任者: the issuing unit(s) */
  responsible: string
  /** 日期: YYYYMMDD (DA/T 46) */
  date: string
  docType: string
  urgency: string
  mainTo: string
  cc: string
  classification: string
  secrecyTerm: string
  keywords: string
  /** 件数 */
  items: number
  /** 页数 of the 正本 */
  pages: number
  signatures: RecordSignature[]
  note: string
}

/** 业务实体: one workflow action (DA/T 46 业务实体). */
export interface BusinessEntry {
  /** 业务标识符: the signed command's id */
  id: string
  /** 机构人员标识符 of who acted */
  agent: string
  /** 业务状态: the step it was taken at */
  state: string
  /** 业务行为 */
  action: string
  at: string
  /** 行为依据 */
  basis: string
  /** 行为描述 */
  description: string
}

/** 机构人员实体 */
export interface Agent {
  id: string
  type: '单位' | '个人'
  name: string
  /** 组织机构代码 (unit) or the person's unit */
  orgCode: string
  position: string
}

export interface Revision {
  /** 修改标识符: 修改1, 修改2 … */
  id: string
  at: string
  by: string
  reason: string
  /** the package this one replaces, whole, and its SM3 */
  previous: string
  previousSm3: string
}

export interface EepContent {
  type: '原始型' | '修改型'
  createdAt: string
  creator: string
  metadata: RecordMetadata
  files: EepFile[]
  business: BusinessEntry[]
  agents: Agent[]
  revision?: Revision
}

/** The archivist's signature over the 被签名对象 (电子签名块 → 电子签名). */
export interface EepSignature {
  /** 签名标识符: 修改0-签名1 for the original, 修改n-签名1 after revision n */
  id: string
  at: string
  signer: string
  /** the certificate (PEM) */
  certificate: string
  /** base64 DER */
  value: string
  /**
   * The signed command that carries SM3(被签名对象) as its contentHash, as canonical JSON without
   * its signature: the archivist signs with the same key and rule as every other action.
   */
  command: string
}

export interface LockSignature extends EepSignature {
  /** 被锁定签名标识符 */
  locks: string
}
