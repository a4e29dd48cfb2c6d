// 电子档案 from the command line: 待归档, 归档 (number, then sign the package), the catalogue, export of a
// package, 四性检测 of a package file or a transfer bag (offline, here), 移交 as a BagIt bag, and
// 借阅 (borrow, lend, read).
import { readFile, stat, writeFile } from 'node:fs/promises'
import type { CommandAnswer } from '../../core/api/http'
import { readArchive, readLoans, ARCHIVE_ROOM, type ArchiveState, type CatalogueEntry } from '../../core/archive/catalogue'
import { parseArchivalCode, RETENTION_NAMES } from '../../core/archive/archivalCode'
import { checkPackage, type CheckReport } from '../../core/archive/fourChecks'
import { readBag, writeBag } from '../../core/archive/bagit'
import { sm3Hex } from '../../core/crypto/sm3'
import { agencyDay, formatRecordDate } from '../../core/text/formatDate'
import { utf8 } from '../../core/crypto/bytes'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { errorMessage } from '../../core/messages/errors'
import { DIRECTORY_ROOM, inboxRoom } from '../../core/sync/roomName'
import { directoryTrust } from '../../core/directory/trust'
import type { Certificate } from '../../core/pki/certificate'
import { ACT_OPTIONS, act } from '../actions'
import { noExtraPositionals, parseCommandArgs, requireOption, requirePositional } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { parseDocId } from '../docOptions'
import { apiClient } from '../net/api'
import { profileHome, requireProfile, type Profile } from '../profile'
import { loadRoom } from '../roomCache'
import { readBagFromDirectory, writeBagToDirectory } from '../archive/bagDirectory'
import { layoutCheckReport } from '../../core/layout'
import { writePdf } from '../../pdf/writePdf'
import { MissingFontError } from '../../pdf/fonts'

async function archiveOf(home: string, profile: Profile, offline: boolean): Promise<ArchiveState> {
  return readArchive(await loadRoom(home, profile, ARCHIVE_ROOM, offline))
}

/** The agency root this machine trusts (from the directory), when it has one cached or can fetch it. */
async function trustedRoot(home: string, offline: boolean, now: Date): Promise<Certificate | undefined> {
  try {
    const profile = await requireProfile(home, now)
    return directoryTrust(await loadRoom(home, profile, DIRECTORY_ROOM, offline))?.root
  } catch {
    return undefined
  }
}

/** The 四性检测 reports as one PDF, a section per record. */
async function reportPdf(reports: CheckReport[], titles: string[] = []): Promise<Uint8Array> {
  const models = reports.map((r, i) => layoutCheckReport(r, titles[i] ?? ''))
  const date = new Date(reports[0]?.checkedAt ?? 0)
  try {
    return await writePdf({ ...models[0]!, title: '四性检测报告', pages: models.flatMap((m) => m.pages) }, { date })
  } catch (e) {
    if (e instanceof MissingFontError) throw new CliError(e.message, 1)
    throw e
  }
}

/** zt archive pending [--json]: 公文 at 办结 waiting to be filed. */
export async function archivePending(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const { pending } = await archiveOf(home, await requireProfile(home, ctx.now()), values.offline === true)
  if (values.json) return ctx.out(JSON.stringify(pending, null, 2))
  if (!pending.length) return ctx.out(CLI_MESSAGES.archiveNothingPending)
  for (const p of pending) ctx.out(`${p.room.slice(4)}  ${p.docNumber || '—'}  ${p.title}  ${p.docType}  ${p.unitName}  ${p.doneAt.slice(0, 10)}`)
}

/** Signs a numbered package: the command's contentHash is SM3(被签名对象). */
async function signPackage(ctx: CliContext, home: string, pin: string | undefined, code: string, tbsSm3: string, lock?: { locks: string; lockedSm3: string }): Promise<CommandAnswer | null> {
  return act(ctx, { home, pin }, { type: 'archive.sign', room: ARCHIVE_ROOM, payload: { code, ...(lock ? { locks: lock.locks, lockedSm3: lock.lockedSm3 } : {}) }, contentHash: tbsSm3 })
}

/** zt archive file <docId> [--retention Y|D30|D10] [--org-code …]: numbered, checked, signed, kept. */
export async function archiveFile(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS, retention: { type: 'string' }, 'org-code': { type: 'string' } })
  const { room } = parseDocId(requirePositional(positionals, 0, '文档编号'))
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  if (values.retention && !['Y', 'D30', 'D10'].includes(values.retention)) throw new CliError(errorMessage('bad_retention'), 2)
  const payload = { doc: room, ...(values.retention ? { retention: values.retention } : {}), ...(values['org-code'] ? { org: values['org-code'] } : {}) }
  const answer = await act(ctx, { home, pin: values.pin, offline: values.offline === true }, { type: 'archive.file', room: ARCHIVE_ROOM, payload })
  if (!answer?.result) return ctx.out(CLI_MESSAGES.archiveQueued)
  const code = String(answer.result.code)
  await signPackage(ctx, home, values.pin, code, String(answer.result.tbsSm3))
  ctx.out(CLI_MESSAGES.archiveFiled(code))
}

/** zt archive revise <档号> --reason … [--responsible …] [--keywords …] [--note …]: a 修改型 package. */
export async function archiveRevise(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS, reason: { type: 'string' }, responsible: { type: 'string' }, keywords: { type: 'string' }, note: { type: 'string' } })
  const code = requirePositional(positionals, 0, '档号')
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const changes = Object.fromEntries((['responsible', 'keywords', 'note'] as const).filter((k) => values[k] !== undefined).map((k) => [k, values[k]!]))
  const answer = await act(ctx, { home, pin: values.pin }, { type: 'archive.revise', room: ARCHIVE_ROOM, payload: { code, reason: requireOption(values.reason, 'reason'), changes } })
  if (!answer?.result) return
  await signPackage(ctx, home, values.pin, code, String(answer.result.tbsSm3), { locks: String(answer.result.locks), lockedSm3: String(answer.result.lockedSm3) })
  ctx.out(CLI_MESSAGES.archiveRevised(code))
}

/** zt archive sign [<档号>]: signs the packages one numbered but has not signed yet (after filing offline). */
export async function archiveSign(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS })
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const { catalogue } = await archiveOf(home, profile, false)
  const mine = catalogue.filter((e) => e.status === 'signing' && (e.revising?.by ?? e.filedBy) === profile.user.id && (!positionals[0] || e.code === positionals[0]))
  for (const e of mine) {
    await signPackage(ctx, home, values.pin, e.code, e.tbsSm3, e.revising)
    ctx.out(CLI_MESSAGES.archiveFiled(e.code))
  }
  if (!mine.length) ctx.out(CLI_MESSAGES.archiveNothingToSign)
}

const line = (e: CatalogueEntry, report?: CheckReport): string =>
  `${e.code}  ${e.title}  ${e.responsible}  ${formatRecordDate(e.date)}  ${e.docType}  ${RETENTION_NAMES[e.retention]}  ${e.classification}  ${e.status === 'filed' ? (report ? (report.ok ? '四性检测通过' : '四性检测未通过') : '') : '待签名'}`

/** zt archive list [--json]: the catalogue (档案目录). */
export async function archiveList(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const { catalogue, checks } = await archiveOf(home, await requireProfile(home, ctx.now()), values.offline === true)
  if (values.json) return ctx.out(JSON.stringify(catalogue.map((e) => ({ ...e, check: checks[e.code] ? { ok: checks[e.code]!.ok, checkedAt: checks[e.code]!.checkedAt } : null })), null, 2))
  for (const e of catalogue) ctx.out(line(e, checks[e.code]))
}

async function packageBytes(profile: Profile, entry: CatalogueEntry | undefined): Promise<Uint8Array> {
  if (!entry?.packageSm3) throw new CliError(errorMessage('no_such_record'), 1)
  return apiClient(profile.server, profile.token).downloadBlob(ARCHIVE_ROOM, entry.packageSm3)
}

/** `<档号> --out <file>`: what `read` gives for the record, written to the file. */
function saveRecordFile(read: (home: string, profile: Profile, code: string) => Promise<Uint8Array>) {
  return async (args: string[], ctx: CliContext): Promise<void> => {
    const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' } })
    const code = requirePositional(positionals, 0, '档号')
    noExtraPositionals(positionals, 1)
    const out = requireOption(values.out, 'out')
    const home = profileHome(values.home, ctx.env)
    await writeFile(out, await read(home, await requireProfile(home, ctx.now()), code))
    ctx.out(CLI_MESSAGES.exported(out))
  }
}

/** zt archive export <档号> --out <file>: the signed EEP package as kept (archivists). */
export const archiveExport = saveRecordFile(async (home, profile, code) => packageBytes(profile, (await archiveOf(home, profile, false)).catalogue.find((e) => e.code === code)))

/** zt archive read <档号> --out <file>: the 正本 of a record one may read (a loan in force; logged). */
export const archiveRead = saveRecordFile((_home, profile, code) => apiClient(profile.server, profile.token).archiveOriginal(code))

function printReport(ctx: CliContext, r: CheckReport, label: string): void {
  ctx.out(CLI_MESSAGES.checkHeader(label, r.ok))
  for (const i of r.items) ctx.out(`  ${i.code.padEnd(8)} ${i.result === 'pass' ? '通过  ' : i.result === 'fail' ? '未通过' : '未执行'}  ${i.name}：${i.reason}`)
}

/**
 * zt archive check <package-file | bag-dir | 档号> [--json]: 四性检测 here (a file or a transfer
 * bag, offline) or on the server (a 档号). Exits 1 when any item fails.
 */
export async function archiveCheck(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS, json: { type: 'boolean' }, pdf: { type: 'string' } })
  const target = requirePositional(positionals, 0, '信息包文件、移交包目录或档号')
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const now = ctx.now()
  let reports: { label: string; report: CheckReport }[]
  const bagProblems: string[] = []
  if (parseArchivalCode(target)) {
    const answer = await act(ctx, { home, pin: values.pin }, { type: 'archive.check', room: ARCHIVE_ROOM, payload: { code: target } })
    const { checks } = await archiveOf(home, await requireProfile(home, now), false)
    if (!answer || !checks[target]) throw new CliError(errorMessage('no_such_record'), 1)
    reports = [{ label: target, report: checks[target]! }]
  } else {
    const info = await stat(target).catch(() => null)
    if (!info) throw new CliError(CLI_MESSAGES.noSuchFile(target), 2)
    const root = await trustedRoot(home, true, now)
    if (info.isDirectory()) {
      // 移交与接收: the bag first (RFC 8493), then each package, with the bag's own as the catalogue
      const bag = readBag(await readBagFromDirectory(target))
      bagProblems.push(...bag.problems.map((p) => p.message))
      const packages = [...bag.payload].filter(([name]) => name.endsWith('.xml'))
      const codes = packages.map(([name]) => ({ code: name.replace(/\.xml$/, ''), recordId: name }))
      reports = packages.map(([name, bytes]) => ({
        label: name,
        report: checkPackage(bytes, { now, stage: 'YJ', catalogue: codes.filter((c) => c.recordId !== name), ...(root ? { trustedRoot: root } : {}) }),
      }))
    } else {
      const bytes = new Uint8Array(await readFile(target))
      reports = [{ label: target, report: checkPackage(bytes, { now, ...(root ? { trustedRoot: root } : {}) }) }]
    }
  }
  const ok = bagProblems.length === 0 && reports.every((r) => r.report.ok)
  if (values.pdf) {
    await writeFile(values.pdf, await reportPdf(reports.map((r) => r.report)))
    ctx.out(CLI_MESSAGES.exported(values.pdf))
  }
  if (values.json) ctx.out(JSON.stringify({ ok, bagProblems, reports: reports.map((r) => ({ file: r.label, ...r.report })) }, null, 2))
  else {
    for (const p of bagProblems) ctx.out(CLI_MESSAGES.bagProblem(p))
    for (const r of reports) printReport(ctx, r.report, r.label)
  }
  if (!ok) throw new CliError(CLI_MESSAGES.checkFailed, 1)
}

/** zt archive transfer --year <y> --out <dir>: 移交 — that year's records as one BagIt bag. */
export async function archiveTransfer(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { year: { type: 'string' }, out: { type: 'string' } })
  noExtraPositionals(positionals, 0)
  const year = Number(requireOption(values.year, 'year'))
  const out = requireOption(values.out, 'out')
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const archive = await archiveOf(home, profile, false)
  const entries = archive.catalogue.filter((e) => e.status === 'filed' && parseArchivalCode(e.code)?.year === year)
  if (!entries.length) throw new CliError(CLI_MESSAGES.nothingToTransfer(year), 1)
  const root = await trustedRoot(home, false, ctx.now())
  const now = ctx.now()
  const payload: { path: string; bytes: Uint8Array }[] = []
  const reports: CheckReport[] = []
  for (const e of entries) {
    const bytes = await packageBytes(profile, e)
    reports.push(checkPackage(bytes, { now, recordedSm3: e.packageSm3, catalogue: entries.filter((x) => x !== e).map((x) => ({ code: x.code, recordId: x.room })), ...(root ? { trustedRoot: root } : {}) }))
    payload.push({ path: `${e.code}.xml`, bytes })
  }
  const settings = archive.settings
  const bag = writeBag(payload, {
    baggingDate: agencyDay(now),
    fields: {
      'Source-Organization': settings?.agencyName ?? '', 'External-Identifier': `${settings?.fondsCode ?? ''}-WS·${year}`,
      'External-Description': `${settings?.fondsName ?? ''} ${year} 年度文书档案移交（${entries.length} 件）`, 'Bag-Count': '1 of 1',
      'Internal-Sender-Identifier': sm3Hex(utf8(entries.map((e) => e.packageSm3).join('\n'))),
    },
  }, [
    { path: 'reports/check-report.json', bytes: utf8(JSON.stringify(reports, null, 1)) },
    { path: 'reports/check-report.pdf', bytes: await reportPdf(reports, entries.map((e) => e.title)) },
  ])
  await writeBagToDirectory(out, bag)
  ctx.out(CLI_MESSAGES.transferred(entries.length, out, reports.every((r) => r.ok)))
}

/** zt archive borrow <档号> --reason … --from <日期> --until <日期>: 借阅申请. */
export async function archiveBorrow(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS, reason: { type: 'string' }, from: { type: 'string' }, until: { type: 'string' } })
  const code = requirePositional(positionals, 0, '档号')
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const today = agencyDay(ctx.now())
  const payload = { code, reason: requireOption(values.reason, 'reason'), from: values.from ?? today, until: requireOption(values.until, 'until') }
  const answer = await act(ctx, { home, pin: values.pin, offline: values.offline === true }, { type: 'archive.borrow', room: ARCHIVE_ROOM, payload })
  if (answer) ctx.out(CLI_MESSAGES.loanRequested(String(answer.result?.loan ?? '')))
}

/** zt archive lend <借阅编号> approve | refuse --reason …: the archivist decides. */
export async function archiveLend(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS, reason: { type: 'string' } })
  const loan = requirePositional(positionals, 0, '借阅编号')
  const word = requirePositional(positionals, 1, 'approve | refuse')
  noExtraPositionals(positionals, 2)
  if (word !== 'approve' && word !== 'refuse') throw new CliError(CLI_MESSAGES.unknownAction(word, ['approve', 'refuse']), 2)
  const home = profileHome(values.home, ctx.env)
  const answer = await act(ctx, { home, pin: values.pin, offline: values.offline === true }, { type: 'archive.lend', room: ARCHIVE_ROOM, payload: { loan, approve: word === 'approve', ...(values.reason ? { reason: values.reason } : {}) } })
  if (answer) ctx.out(CLI_MESSAGES.loanDecided(word === 'approve'))
}

const LOAN_STATUS: Record<string, string> = { requested: '待审批', approved: '已批准', refused: '未批准', returned: '已归还' }

/** zt archive loans [--json]: all 借阅 (an archivist) or one's own. */
export async function archiveLoans(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const offline = values.offline === true
  const loans = profile.user.roles.includes('archivist')
    ? (await archiveOf(home, profile, offline)).loans
    : readLoans(await loadRoom(home, profile, inboxRoom(profile.user.id), offline))
  if (values.json) return ctx.out(JSON.stringify(loans, null, 2))
  for (const l of loans) ctx.out(`${l.id}  ${l.code}  ${l.title}  ${l.borrower}  ${l.from} 至 ${l.until}  ${LOAN_STATUS[l.status] ?? l.status}${l.views ? `  查阅 ${l.views} 次` : ''}`)
}

/** zt archive settings --fonds <全宗号> --fonds-name … --agency … [--archive-name …] [--archive-code …] (administrators). */
export async function archiveSettings(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS, fonds: { type: 'string' }, 'fonds-name': { type: 'string' }, agency: { type: 'string' }, 'archive-name': { type: 'string' }, 'archive-code': { type: 'string' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const payload = {
    fondsCode: requireOption(values.fonds, 'fonds'), fondsName: requireOption(values['fonds-name'], 'fonds-name'), agencyName: requireOption(values.agency, 'agency'),
    archiveName: values['archive-name'] ?? '', archiveCode: values['archive-code'] ?? '',
  }
  const answer = await act(ctx, { home, pin: values.pin, offline: values.offline === true }, { type: 'archive.settings', room: ARCHIVE_ROOM, payload })
  if (answer) ctx.out(CLI_MESSAGES.archiveSettingsSaved(payload.fondsCode, payload.fondsName))
}
