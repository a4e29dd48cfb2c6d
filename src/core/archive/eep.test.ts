import { describe, expect, it } from 'vitest'
import { utf8 } from '../crypto/bytes'
import { loanActive, type Loan } from './catalogue'
import { agencyDay } from '../text/formatDate'
import { readEep } from './eepRead'
import { validateEep } from './eepSchema'
import { extractSignedObject, packageXml, signedObjectXml } from './eepWrite'
import type { EepContent } from './eepModel'
import { detectFormat, pdfFacts } from './fileFormats'

const content = (): EepContent => ({
  type: '原始型', createdAt: '2026-12-01T08:00:00.000Z', creator: '政通示范厅',
  metadata: {
    archiveName: '档案室', archiveCode: '', fondsName: '政通示范厅', agencyName: '政通示范厅', recordId: 'doc:1',
    code: { fonds: 'Z109', category: 'WS', year: 2026, retention: 'D30', org: 'BGS', item: 1 },
    title: '关于“年终”检查的通知 <一> & 附件', docNumber: '办发〔2026〕1号', responsible: '政通示范厅', date: '20261130', docType: '通知', urgency: '平件',
    mainTo: '各处室', cc: '', classification: '非密', secrecyTerm: '', keywords: '', items: 1, pages: 2, signatures: [], note: '',
  },
  files: [{ id: 'D1', role: '定稿', name: '定稿.json', format: 'JSON', bytes: utf8('{"a":1}') }],
  business: [{ id: 'c1', agent: 'zhangsan', state: '核稿', action: '提交', at: '2026-11-30T01:00:00.000Z', basis: '签名命令 c1', description: '' }],
  agents: [{ id: 'zhangsan', type: '个人', name: '张三', orgCode: 'BGS', position: '科员' }],
})

describe('EEP', () => {
  it('writes a package that reads back, follows the schema, and escapes text', () => {
    const tbs = signedObjectXml(content())
    const xml = packageXml(tbs, null)
    expect(extractSignedObject(xml)).toBe(tbs)
    const read = readEep(xml)
    if (!read.ok) throw new Error(read.message)
    expect(validateEep(read.eep.root)).toEqual([])
    expect(read.eep.carried).toEqual([expect.objectContaining({ id: 'D1', name: '定稿.json', bytes: utf8('{"a":1}') })])
    expect(read.eep.listed[0]).toMatchObject({ id: 'D1', size: '7', format: 'JSON', role: '定稿' })
    expect(xml).toContain('<题名>关于“年终”检查的通知 &lt;一&gt; &amp; 附件</题名>')
    expect(read.eep.business[0]).toMatchObject({ id: 'c1', state: '核稿' })
  })

  it('lists every departure from the schema: unknown, missing and repeated elements', () => {
    const xml = packageXml(signedObjectXml(content()), null)
    const read = (x: string) => {
      const r = readEep(x)
      if (!r.ok) throw new Error(r.message)
      return validateEep(r.eep.root)
    }
    expect(read(xml.replace('<聚合层次>件</聚合层次>', '<聚合层次>件</聚合层次><私有字段>x</私有字段>'))).toEqual([expect.objectContaining({ message: '不是本规范定义的元素' })])
    expect(read(xml.replace(/<电子文件号>[^<]*<\/电子文件号>/, ''))).toEqual([expect.objectContaining({ path: expect.stringContaining('电子文件号'), message: '缺少必备元素' })])
    expect(read(xml.replace('<版本>2009</版本>', '<版本>2009</版本><版本>2009</版本>'))).toEqual([expect.objectContaining({ message: '不应重复出现' })])
  })

  it('refuses a package with two 被签名对象 (what was signed would be ambiguous)', () => {
    const tbs = signedObjectXml(content())
    expect(extractSignedObject(packageXml(tbs, null).replace(tbs, tbs + '\n' + tbs))).toBeNull()
  })
})

describe('file formats', () => {
  it('knows a file by its bytes', () => {
    expect(detectFormat(utf8('%PDF-1.7\n'))).toBe('PDF')
    expect(detectFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe('ZIP')
    expect(detectFormat(new Uint8Array([0x4d, 0x5a, 0x90]))).toBe('EXE')
    expect(detectFormat(utf8('{"x":1}'))).toBe('JSON')
    expect(detectFormat(utf8('-----BEGIN CERTIFICATE-----'))).toBe('PEM')
    expect(detectFormat(new Uint8Array([0xff, 0xfe, 0xfd]))).toBe('UNKNOWN')
  })

  it('tells whether a PDF opens, its pages, and encryption', () => {
    const pdf = (body: string) => utf8(`%PDF-1.7\n${body}\nstartxref\n123\n%%EOF\n`)
    expect(pdfFacts(pdf('1 0 obj << /Type /Pages >> 2 0 obj << /Type /Page >> 3 0 obj << /Type /Page >>'))).toEqual({ opens: true, pages: 2, encrypted: false })
    expect(pdfFacts(pdf('<< /Type /Page >> trailer << /Encrypt 5 0 R >>')).encrypted).toBe(true)
    expect(pdfFacts(utf8('%PDF-1.7\n<< /Type /Page >>')).opens).toBe(false)
  })
})

describe('loans', () => {
  const loan: Loan = { id: 'l', code: 'c', title: 't', borrower: 'lisi', reason: 'r', from: '2026-12-01', until: '2026-12-03', status: 'approved', requestedAt: '' }
  it('are in force from the first to the last day, in the agency’s time, and end by themselves', () => {
    expect(loanActive(loan, agencyDay(new Date('2026-11-30T15:59:00Z')))).toBe(false)
    expect(loanActive(loan, agencyDay(new Date('2026-11-30T16:00:00Z')))).toBe(true)
    expect(loanActive(loan, agencyDay(new Date('2026-12-03T15:59:00Z')))).toBe(true)
    expect(loanActive(loan, agencyDay(new Date('2026-12-03T16:00:00Z')))).toBe(false)
    expect(loanActive({ ...loan, status: 'requested' }, '2026-12-02')).toBe(false)
  })
})
