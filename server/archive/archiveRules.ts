// 归档 and the archive's other commands (STANDARDS.md §5). Filing is two signed steps by the
// archivist: archive.file numbers the record (the next gap-free 件号 of its series, in the same
// durable write as the command) and builds its package, which must pass 四性检测 before anything
// is numbered; archive.sign carries SM3(被签名对象) as its contentHash, and that signature closes
// the package, which is checked again in full and kept, content-addressed.
import { sm3Hex } from '../../src/core/crypto/sm3'
import { fromHex, utf8 } from '../../src/core/crypto/bytes'
import { toBase64, fromPem } from '../../src/core/pki/der'
import { parseCertificate } from '../../src/core/pki/certificate'
import { commandSigningText, verifyCommandSignature } from '../../src/core/command/envelope'
import { assignItem, retentionFor, isFondsCode, parseArchivalCode, RETENTIONS, seriesOf, type ArchivalCode, type Retention, formatArchivalCode, isOrgCode } from '../../src/core/archive/archivalCode'
import { fileProblem, isArchivist, lendProblem, loanProblem } from '../../src/core/archive/policy'
import type { InboxNotice } from '../../src/core/docflow/inbox'
import { inboxRoom } from '../../src/core/sync/roomName'
import { readEep } from '../../src/core/archive/eepRead'
import { agencyDay } from '../../src/core/text/formatDate'
import { ARCHIVE_ROOM, readArchive, type ArchiveSettings, type ArchiveState, type CatalogueEntry, type Loan, type RevisionPending } from '../../src/core/archive/catalogue'
import { packageXml, signedObjectXml } from '../../src/core/archive/eepWrite'
import { checkPackage, type CatalogueLine, type CheckReport } from '../../src/core/archive/fourChecks'
import { buildRecord } from './recordBuilder'
import { readRecordSource } from '../../src/core/docflow/recordSource'
import { scanForMalware } from './malwareScan'
import type { Command } from '../../src/core/command/envelope'
import type { Refusal } from '../../src/core/docflow/flow'
import type { CommandRule, RuleContext, Verdict } from '../commands/ruleContract'
import type { Storage, UserRecord } from '../../src/core/storage/types'

export const DEFAULT_ARCHIVE_SETTINGS: ArchiveSettings = { fondsCode: 'Z109', fondsName: '政通示范厅', agencyName: '政通示范厅', archiveName: '政通示范厅档案室', archiveCode: '' }

const archivistById = (storage: Storage) => (id: string): boolean => { const u = storage.userById(id); return !!u && isArchivist(u) }

/** The failed items, for the refusal message. */
const failures = (r: CheckReport): string => r.items.filter((i) => i.result === 'fail').map((i) => `${i.code} ${i.name}：${i.reason}`).join('；')

const catalogueLines = (entries: CatalogueEntry[], except?: string) => entries.filter((e) => e.code !== except).map((e) => ({ code: e.code, recordId: e.room }))

/**
 * A package built and not yet signed, checked as it will be signed (the archivist's signature
 * aside): the failing items as a refusal, or its report, bytes and SM3.
 */
function checkUnsigned(tbs: string, actor: UserRecord, ctx: RuleContext, catalogue: CatalogueLine[], now: Date): { refused: Refusal } | { report: CheckReport; tbsBytes: Uint8Array; tbsSm3: string } {
  const tbsBytes = utf8(tbs)
  const report = checkPackage(utf8(packageXml(tbs, null)), { now, filer: actor.id, isArchivist: archivistById(ctx.storage), catalogue, trustedRoot: ctx.root, malware: scanForMalware(tbsBytes) })
  if (!report.ok) return { refused: { code: 'archive_check_failed', params: { items: failures(report) } } }
  return { report, tbsBytes, tbsSm3: sm3Hex(tbsBytes) }
}

export const fileRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx, now): Promise<Verdict> {
    if (cmd.room !== ARCHIVE_ROOM) return { refused: { code: 'bad_command' } }
    const room = typeof cmd.payload.doc === 'string' ? cmd.payload.doc : ''
    const record = isArchivist(actor) ? await ctx.storage.room(room) : undefined
    const refused = fileProblem(actor, record)
    if (refused) return { refused }
    if (!record) return { refused: { code: 'not_found' } }
    const archive = await ctx.readRoom(ARCHIVE_ROOM, readArchive)
    const filed = archive.catalogue.find((e) => e.room === room)
    if (filed) return { refused: { code: 'already_filed', params: { code: filed.code } } }
    const retention = cmd.payload.retention ?? retentionFor(record.docType, ctx.storage.userById(record.owner)?.unitId ?? '')
    if (!RETENTIONS.includes(retention as Retention)) return { refused: { code: 'bad_retention' } }
    const owner = ctx.storage.userById(record.owner)
    const org = typeof cmd.payload.org === 'string' ? cmd.payload.org : (owner?.unitId ?? 'BGS').toUpperCase()
    if (!isOrgCode(org)) return { refused: { code: 'bad_org_code' } }
    const settings = archive.settings ?? DEFAULT_ARCHIVE_SETTINGS
    const source = await readRecordSource(ctx, room)
    const year = Number(source.date.slice(0, 4))
    const series = seriesOf({ fonds: settings.fondsCode, year, retention: retention as Retention, org })
    const counter = `archive:${series}`
    const item = assignItem(await ctx.storage.counter(counter), archive.catalogue.map((e) => e.code), series)
    const code: ArchivalCode = { fonds: settings.fondsCode, category: 'WS', year, retention: retention as Retention, org, item }
    const built = await buildRecord(ctx, source, code, settings, cmd.at, actor.id)
    // checked before anything is numbered: a package that fails is not filed, and the 件号 stays free
    const unsigned = checkUnsigned(signedObjectXml(built.content), actor, ctx, catalogueLines(archive.catalogue), now)
    if ('refused' in unsigned) return unsigned
    const { report, tbsBytes, tbsSm3 } = unsigned
    const m = built.content.metadata
    const entry: CatalogueEntry = {
      code: formatArchivalCode(code), room, title: m.title, responsible: m.responsible, date: m.date, docType: m.docType, docNumber: m.docNumber,
      retention: code.retention, classification: m.classification, pages: built.pages, filedBy: actor.id, filedAt: cmd.at, status: 'signing', tbsSm3,
    }
    return {
      result: { code: entry.code, tbsSm3 },
      counters: { [counter]: item },
      apply: async () => {
        await ctx.storage.putBlob({ sm3: tbsSm3, size: tbsBytes.length, uploadedBy: actor.id, uploadedAt: cmd.at, rooms: [ARCHIVE_ROOM] }, tbsBytes)
        await ctx.writeRoom(ARCHIVE_ROOM, (doc) => {
          if (!archive.settings) for (const [k, v] of Object.entries(settings)) doc.getMap('settings').set(k, v)
          doc.getMap('catalogue').set(entry.code, entry)
          doc.getMap('checks').set(entry.code, report)
          doc.getMap('pending').delete(room)
        })
      },
    }
  },
}

/** The archivist's signature closes the package: the command names SM3(被签名对象) as its contentHash. */
export const signRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx, now): Promise<Verdict> {
    if (cmd.room !== ARCHIVE_ROOM) return { refused: { code: 'bad_command' } }
    const archive = await ctx.readRoom(ARCHIVE_ROOM, readArchive)
    const entry = archive.catalogue.find((e) => e.code === cmd.payload.code)
    if (!entry) return { refused: { code: 'no_such_record' } }
    if (entry.status !== 'signing') return { refused: { code: 'record_not_signing' } }
    if ((entry.revising?.by ?? entry.filedBy) !== actor.id) return { refused: { code: 'forbidden' } }
    if (cmd.contentHash !== entry.tbsSm3) return { refused: { code: 'content_changed' } }
    const revision = entry.revising
    // a correction's signature also locks the one before it: the command names it and its SM3
    if (revision && (cmd.payload.locks !== revision.locks || cmd.payload.lockedSm3 !== revision.lockedSm3)) return { refused: { code: 'content_changed' } }
    const tbs = new TextDecoder().decode(await ctx.storage.readBlob(entry.tbsSm3))
    const cert = ctx.storage.certsOf(actor.id).find((c) => verifyCommandSignature(cmd, parseCertificate(fromPem('CERTIFICATE', c.pem)).publicKey))!
    const signature = { at: cmd.at, signer: actor.id, certificate: cert.pem, value: toBase64(fromHex(cmd.sig)), command: commandSigningText(cmd) }
    const xml = packageXml(tbs, { id: `${revision?.id ?? '修改0'}-签名1`, ...signature }, revision ? { id: `${revision.id}-锁定签名1`, locks: revision.locks, ...signature } : undefined)
    const bytes = utf8(xml)
    const report = checkPackage(bytes, { now, isArchivist: archivistById(ctx.storage), catalogue: catalogueLines(archive.catalogue, entry.code), trustedRoot: ctx.root, malware: scanForMalware(bytes) })
    if (!report.ok) return { refused: { code: 'archive_check_failed', params: { items: failures(report) } } }
    const sm3 = sm3Hex(bytes)
    return {
      result: { code: entry.code, packageSm3: sm3 },
      apply: async () => {
        await ctx.storage.putBlob({ sm3, size: bytes.length, uploadedBy: actor.id, uploadedAt: cmd.at, rooms: [ARCHIVE_ROOM] }, bytes)
        await ctx.writeRoom(ARCHIVE_ROOM, (doc) => {
          const { revising: _done, ...rest } = entry
          const revisions = revision ? [...(entry.revisions ?? []), { previousSm3: revision.previousSm3, at: revision.at, by: actor.id, reason: revision.reason }] : entry.revisions
          doc.getMap('catalogue').set(entry.code, { ...rest, status: 'filed', packageSm3: sm3, packageSize: bytes.length, ...(revisions ? { revisions } : {}) })
          doc.getMap('checks').set(entry.code, report)
        })
      },
    }
  },
}

/** An archivist acting on a filed record: the archive as it stands and the record, or why not. */
async function archivistRecord(cmd: Command, actor: UserRecord, ctx: RuleContext): Promise<{ refused: Refusal } | { archive: ArchiveState; entry: CatalogueEntry & { packageSm3: string } }> {
  if (cmd.room !== ARCHIVE_ROOM) return { refused: { code: 'bad_command' } }
  if (!isArchivist(actor)) return { refused: { code: 'not_archivist' } }
  const archive = await ctx.readRoom(ARCHIVE_ROOM, readArchive)
  const entry = archive.catalogue.find((e) => e.code === cmd.payload.code)
  if (!entry?.packageSm3 || entry.status !== 'filed') return { refused: { code: 'no_such_record' } }
  return { archive, entry: { ...entry, packageSm3: entry.packageSm3 } }
}

/** 四性检测 on demand: the kept package, re-read and judged, the result kept with the record. */
export const checkRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx, now): Promise<Verdict> {
    const found = await archivistRecord(cmd, actor, ctx)
    if ('refused' in found) return found
    const { archive, entry } = found
    const bytes = await ctx.storage.readBlob(entry.packageSm3)
    const report = checkPackage(bytes, {
      now, recordedSm3: entry.packageSm3, isArchivist: archivistById(ctx.storage), catalogue: catalogueLines(archive.catalogue, entry.code), trustedRoot: ctx.root, malware: scanForMalware(bytes),
    })
    return {
      result: { code: entry.code, ok: report.ok, failed: report.items.filter((i) => i.result === 'fail').map((i) => i.code) },
      apply: () => ctx.writeRoom(ARCHIVE_ROOM, (doc) => doc.getMap('checks').set(entry.code, report)),
    }
  },
}

/** 借阅: anyone cleared for the record asks for it, with a reason and a period; archivists hear of it. */
export const borrowRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx, now): Promise<Verdict> {
    if (cmd.room !== ARCHIVE_ROOM) return { refused: { code: 'bad_command' } }
    const p = cmd.payload as { code?: unknown; reason?: unknown; from?: unknown; until?: unknown }
    const archive = await ctx.readRoom(ARCHIVE_ROOM, readArchive)
    const entry = archive.catalogue.find((e) => e.code === p.code && e.status === 'filed')
    if (!entry) return { refused: { code: 'no_such_record' } }
    // the payload schema has made these a reason and two calendar days
    const asked = { reason: String(p.reason ?? ''), from: String(p.from ?? ''), until: String(p.until ?? '') }
    const refused = loanProblem(actor, entry.classification, asked, agencyDay(now))
    if (refused) return { refused }
    const loan: Loan = { id: cmd.id, code: entry.code, title: entry.title, borrower: actor.id, reason: asked.reason.trim().slice(0, 200), from: asked.from, until: asked.until, status: 'requested', requestedAt: cmd.at }
    return {
      result: { loan: loan.id },
      apply: async () => {
        await ctx.writeRoom(ARCHIVE_ROOM, (doc) => doc.getMap('loans').set(loan.id, loan))
        await ctx.writeRoom(inboxRoom(actor.id), (doc) => doc.getMap('loans').set(loan.id, loan))
        for (const archivist of ctx.storage.users().filter((u) => u.roles.includes('archivist'))) {
          const notice: InboxNotice = { id: ctx.newId(), room: ARCHIVE_ROOM, title: entry.title, kind: 'archive', from: actor.name, message: `申请借阅档案 ${entry.code}（${loan.from} 至 ${loan.until}）：${loan.reason}`, at: cmd.at }
          await ctx.writeRoom(inboxRoom(archivist.id), (doc) => doc.getArray('notices').push([notice]))
        }
      },
    }
  },
}

/** The archivist approves or refuses a loan; the borrower is told. */
export const lendRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx): Promise<Verdict> {
    if (cmd.room !== ARCHIVE_ROOM) return { refused: { code: 'bad_command' } }
    const refused = lendProblem(actor)
    if (refused) return { refused }
    const archive = await ctx.readRoom(ARCHIVE_ROOM, readArchive)
    const loan = archive.loans.find((l) => l.id === cmd.payload.loan)
    if (!loan) return { refused: { code: 'no_such_loan' } }
    if (loan.status !== 'requested') return { refused: { code: 'loan_decided' } }
    const approve = cmd.payload.approve === true
    const refusal = typeof cmd.payload.reason === 'string' ? cmd.payload.reason.trim().slice(0, 200) : ''
    if (!approve && !refusal) return { refused: { code: 'reason_required' } }
    const decided: Loan = { ...loan, status: approve ? 'approved' : 'refused', decidedBy: actor.id, decidedAt: cmd.at, ...(approve ? {} : { refusal }) }
    return {
      apply: async () => {
        await ctx.writeRoom(ARCHIVE_ROOM, (doc) => doc.getMap('loans').set(loan.id, decided))
        await ctx.writeRoom(inboxRoom(loan.borrower), (doc) => {
          doc.getMap('loans').set(loan.id, decided)
          const notice: InboxNotice = {
            id: ctx.newId(), room: ARCHIVE_ROOM, title: loan.title, kind: 'archive', from: actor.name,
            message: approve ? `借阅档案 ${loan.code} 已批准（${loan.from} 至 ${loan.until}）` : `借阅档案 ${loan.code} 未获批准：${refusal}`, at: cmd.at,
          }
          doc.getArray('notices').push([notice])
        })
      },
    }
  },
}

// the 著录 an archivist may correct; the 题名 and everything else come from the signed 定稿
const CORRECTABLE = ['responsible', 'keywords', 'note'] as const

/**
 * 更正 (archive.revise): a filed record's 著录 corrected — never in place. The server builds a 修改型
 * package holding the previous package whole (原封装包), the reason, and the corrected content;
 * the archivist's signature over it also locks the previous signature (锁定签名).
 */
export const reviseRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx, now): Promise<Verdict> {
    const found = await archivistRecord(cmd, actor, ctx)
    if ('refused' in found) return found
    const { archive, entry } = found
    const reason = typeof cmd.payload.reason === 'string' ? cmd.payload.reason.trim().slice(0, 500) : ''
    if (!reason) return { refused: { code: 'reason_required' } }
    const raw = (cmd.payload.changes ?? {}) as Record<string, unknown>
    const changes = Object.fromEntries(CORRECTABLE.filter((k) => typeof raw[k] === 'string').map((k) => [k, String(raw[k]).trim().slice(0, 500)]))
    if (Object.keys(changes).length === 0 || changes.responsible === '') return { refused: { code: 'bad_command' } }
    const previous = await ctx.storage.readBlob(entry.packageSm3)
    const prev = readEep(new TextDecoder().decode(previous))
    const prevSig = prev.ok ? prev.eep.signatures[0] : undefined
    if (!prevSig) return { refused: { code: 'archive_check_failed', params: { items: '原封装包无法读取' } } }
    const code = parseArchivalCode(entry.code)!
    const settings = archive.settings ?? DEFAULT_ARCHIVE_SETTINGS
    const built = await buildRecord(ctx, await readRecordSource(ctx, entry.room), code, settings, cmd.at, actor.id)
    const n = (entry.revisions?.length ?? 0) + 1
    const m = built.content.metadata
    const revision: RevisionPending = { id: `修改${n}`, reason, at: cmd.at, by: actor.id, previousSm3: entry.packageSm3, locks: prevSig.id, lockedSm3: sm3Hex(utf8(prevSig.value)) }
    const content = {
      ...built.content, type: '修改型' as const,
      metadata: { ...m, ...(changes.responsible ? { responsible: changes.responsible } : {}), ...(changes.keywords !== undefined ? { keywords: changes.keywords } : {}), ...(changes.note !== undefined ? { note: changes.note } : {}) },
      revision: { id: revision.id, at: cmd.at, by: actor.id, reason, previous: toBase64(previous), previousSm3: entry.packageSm3 },
    }
    const unsigned = checkUnsigned(signedObjectXml(content), actor, ctx, catalogueLines(archive.catalogue, entry.code), now)
    if ('refused' in unsigned) return unsigned
    const { tbsBytes, tbsSm3 } = unsigned
    return {
      result: { code: entry.code, tbsSm3, locks: revision.locks, lockedSm3: revision.lockedSm3 },
      apply: async () => {
        await ctx.storage.putBlob({ sm3: tbsSm3, size: tbsBytes.length, uploadedBy: actor.id, uploadedAt: cmd.at, rooms: [ARCHIVE_ROOM] }, tbsBytes)
        await ctx.writeRoom(ARCHIVE_ROOM, (doc) => doc.getMap('catalogue').set(entry.code, {
          ...entry, status: 'signing', tbsSm3, revising: revision, responsible: content.metadata.responsible,
        }))
      },
    }
  },
}

/** 全宗 settings (archive.settings): an administrator names the fonds the archive files under. */
export const settingsRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx): Promise<Verdict> {
    if (cmd.room !== ARCHIVE_ROOM) return { refused: { code: 'bad_command' } }
    if (!actor.roles.includes('admin')) return { refused: { code: 'forbidden' } }
    const p = cmd.payload
    const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim().length <= max ? v.trim() : null)
    const settings = { fondsCode: text(p.fondsCode, 8), fondsName: text(p.fondsName, 100), agencyName: text(p.agencyName, 100), archiveName: text(p.archiveName, 100), archiveCode: text(p.archiveCode ?? '', 20) }
    if (!settings.fondsCode || !isFondsCode(settings.fondsCode) || !settings.fondsName || !settings.agencyName || settings.archiveName === null || settings.archiveCode === null) return { refused: { code: 'bad_archive_settings' } }
    return { apply: () => ctx.writeRoom(ARCHIVE_ROOM, (doc) => { for (const [k, v] of Object.entries(settings)) doc.getMap('settings').set(k, v) }) }
  },
}
