// What gets filed (8号令 Art. 10): from a 公文 at 办结, the 定稿 (canonical content), the 正本 (the
// PDF rendition with its seals and, on its first page, the 归档章), the 处理单, the attachments,
// the signed event log, the seals, and the certificates to verify them — never the draft
// history. The server builds it (it holds every piece and writes PDFs); the archivist signs it.
import { canonicalContent } from '../../src/core/docflow/content'
import { ACTION_NAMES } from '../../src/core/docflow/definitions'
import { flowVerb } from '../../src/core/docflow/flow'
import { cstDate } from '../../src/core/docflow/rendition'
import type { RecordSource } from '../../src/core/docflow/recordSource'
import { layoutDocument, layoutForm, sealPictureOf, withArchiveStamp } from '../../src/core/layout'
import { fromBase64 } from '../../src/core/pki/der'
import { parseSignature } from '../../src/core/seal/ses'
import { RETENTION_NAMES, type ArchivalCode } from '../../src/core/archive/archivalCode'
import type { ArchiveSettings } from '../../src/core/archive/catalogue'
import { detectFormat } from '../../src/core/archive/fileFormats'
import { SM2_SM3_OID, type Agent, type BusinessEntry, type EepContent, type EepFile, type RecordSignature } from '../../src/core/archive/eepModel'
import { CERTS_FORMAT, EVENT_LOG_FORMAT, FILE_NAMES, type CertsFile, type EventLogFile } from '../../src/core/archive/recordFiles'
import { toBase64 } from '../../src/core/pki/der'
import { utf8 } from '../../src/core/crypto/bytes'
import type { RuleContext } from '../commands/ruleContract'

export interface BuiltRecord {
  content: EepContent
  pages: number
}

/** Builds the package content for a record, numbered by `code` (whose 年度 is the record's date's). */
export async function buildRecord(ctx: RuleContext, source: RecordSource, code: ArchivalCode, settings: ArchiveSettings, at: string, filer: string): Promise<BuiltRecord> {
  const { storage } = ctx
  const { room, record, content, signatures, flowCtx, events, state, rendition } = source
  const name = (id: string): string => storage.userById(id)?.name ?? id

  // the 正本: seals over the 署名, the 归档章 on page one; it records the hash the seals cover
  const ders = signatures.map((s) => fromBase64(s.der))
  const pictures = ders.map((der) => sealPictureOf(parseSignature(der).seal.info.picture))
  const perforation = pictures[signatures.findIndex((s) => s.perforation)]
  const layout = layoutDocument(rendition, { seals: pictures, ...(perforation ? { perforation } : {}) })
  const date = new Date(`${rendition.issueDate ?? cstDate(record.createdAt)}T00:00:00+08:00`)
  const stamped = withArchiveStamp(layout, { fonds: code.fonds, year: code.year, item: code.item, org: code.org, retention: RETENTION_NAMES[code.retention], pages: layout.pages.length })
  // PDFKit loads when a record is built, not with the server (its memory at start)
  const { writePdf } = await import('../../src/pdf/writePdf')
  // a 收文 received by 分发 carries the 正本's seals, which cover the hash the sender signed off
  const sealedHash = state.approvedHash ?? source.original?.contentHash
  const original = await writePdf(stamped, { date, author: content.meta.issuerName, ...(ders.length && sealedHash ? { contentHash: sealedHash } : {}) })
  const form = await writePdf(layoutForm({
    kind: state.kind, title: content.meta.title, ...(state.docNumber ? { docNumber: state.docNumber } : {}), classification: content.meta.classification,
    urgency: content.meta.urgency, drafterName: name(state.drafter), createdAt: flowCtx.createdAt, records: state.records, name,
  }), { date })

  const actors = [...new Set([...events.map((e) => e.command.actor), ...signatures.map((s) => s.by)])]
  const certs: CertsFile = {
    format: CERTS_FORMAT,
    root: toBase64(ctx.root.der),
    // everyone who acted, and the archivist who signs the package
    certificates: storage.certs().filter((c) => actors.includes(c.userId) || c.userId === filer).map((c) => ({ userId: c.userId, serial: c.serial, pem: c.pem, ...(c.revokedAt ? { revokedAt: c.revokedAt } : {}) })),
  }
  const log: EventLogFile = { format: EVENT_LOG_FORMAT, room, events }

  const files: EepFile[] = []
  const add = (role: EepFile['role'], fileName: string, bytes: Uint8Array, format?: string): string => {
    const id = `D${files.length + 1}`
    files.push({ id, role, name: fileName, format: format ?? detectFormat(bytes), bytes })
    return id
  }
  add('正本', FILE_NAMES.original, original)
  add('定稿', FILE_NAMES.content, utf8(canonicalContent(content)))
  add('处理单', FILE_NAMES.form, form)
  for (const f of content.files) add('附件', f.name, await storage.readBlob(f.sm3))
  const sealSigs: RecordSignature[] = []
  for (const [i, s] of signatures.entries()) {
    sealSigs.push({ rule: 'GB/T 38540-2020 安全电子签章', at: s.at, signer: name(s.by), algorithm: SM2_SM3_OID, file: add('签章', `签章/${i + 1}.ses`, ders[i]!, 'DER') })
    // a seal over a rendition signs its Signature.xml, which lists the OFD it was applied over:
    // both travel with the seal so 四性检测 can check what it covers (the 正本 here bears the 归档章)
    if (s.sealData) add('签章', `签章/${i + 1}.xml`, fromBase64(s.sealData), 'XML')
    if (s.sealData && s.rendition) add('签章', `签章/${i + 1}.ofd`, await storage.readBlob(s.rendition))
  }
  add('过程记录', FILE_NAMES.log, utf8(JSON.stringify(log, null, 1)))
  add('证书', FILE_NAMES.certs, utf8(JSON.stringify(certs, null, 1)))

  const unitOf = (userId: string) => storage.units().find((u) => u.id === storage.userById(userId)?.unitId)
  const people: Agent[] = actors.map((id) => {
    const user = storage.userById(id)
    const unit = unitOf(id)
    return { id, type: '个人', name: user?.name ?? id, orgCode: unit?.id.toUpperCase() ?? '', position: user?.title ?? '' }
  })
  const units: Agent[] = [...new Set(actors.map((id) => unitOf(id)?.id).filter((u): u is string => !!u))].map((id) => {
    const unit = storage.units().find((u) => u.id === id)!
    return { id: `unit:${id}`, type: '单位', name: unit.name, orgCode: id.toUpperCase(), position: '' }
  })
  const business: BusinessEntry[] = events.map((e) => {
    const verb = flowVerb(e.command.type)
    const opinion = typeof e.command.payload.opinion === 'string' ? e.command.payload.opinion : typeof e.command.payload.comment === 'string' ? e.command.payload.comment : ''
    return {
      id: e.command.id, agent: e.command.actor, state: e.state, action: verb ? ACTION_NAMES[verb] : e.command.type, at: e.command.at,
      basis: `签名命令 ${e.command.id}（序号 ${e.seq}）`, description: opinion,
    }
  })
  const drafterUnit = unitOf(flowCtx.drafter)
  return {
    pages: layout.pages.length,
    content: {
      type: '原始型', createdAt: at, creator: settings.agencyName,
      metadata: {
        archiveName: settings.archiveName, archiveCode: settings.archiveCode, fondsName: settings.fondsName, agencyName: settings.agencyName,
        recordId: room, code, title: content.meta.title, docNumber: state.docNumber ?? '', responsible: content.meta.issuerName.trim() || drafterUnit?.name || settings.agencyName,
        date: source.date.replace(/-/g, ''), docType: content.meta.docType, urgency: content.meta.urgency,
        mainTo: content.meta.mainTo, cc: content.meta.cc, classification: content.meta.classification, secrecyTerm: content.meta.secrecyTerm, keywords: '',
        items: 1, pages: layout.pages.length, signatures: sealSigs, note: content.meta.note,
      },
      files, business, agents: [...units, ...people],
    },
  }
}
