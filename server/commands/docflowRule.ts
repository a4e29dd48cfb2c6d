// The 公文 workflow commands (doc.submit, doc.signoff, …) on the server: the shared reducer decides
// (src/core/docflow/flow.ts); this file supplies what only the server knows — the room's content as
// it stands, the 发文字号 counter, the directory — and carries out what an accepted step changes:
// the room's `flow`, who may read and write it, every participant's inbox, and 分发.
import type * as Y from 'yjs'
import type { Command } from '../../src/core/command/envelope'
import { CONTENT_META_KEYS, contentHash, readContent, writePmBody, type DocContent, type DocVersion } from '../../src/core/docflow/content'
import { cstYear, formatDocNumber } from '../../src/core/docflow/docNumber'
import {
  applyEvent, checkCommand, flowVerb, mayEdit, reduceFlow,
  type FlowContext, type FlowEvent, type FlowState, type Refusal,
} from '../../src/core/docflow/flow'
import { inboxItemFor, type InboxNotice } from '../../src/core/docflow/inbox'
import { SEALS_ROOM, docRoom, inboxRoom } from '../../src/core/sync/roomName'
import { ARCHIVE_ROOM, type PendingRecord } from '../../src/core/archive/catalogue'
import { fromBase64 } from '../../src/core/pki/der'
import { parseSignature } from '../../src/core/seal/ses'
import { unitPrefixes, type Clearance } from '../../src/core/directory/model'
import { addressedUnits, readOriginal, readReceipts, writeOriginal, type ExchangeRole, type OriginalFacts, type Receipt } from '../../src/core/docflow/exchange'
import { cstDate } from '../../src/core/docflow/rendition'
import type { CommandRecord, RoomRecord, Storage, UserRecord } from '../../src/core/storage/types'

export interface DocflowContext {
  storage: Storage
  writeRoom(room: string, change: (doc: Y.Doc) => void): Promise<void>
  readRoom<T>(room: string, read: (doc: Y.Doc) => T): Promise<T>
  clock(): Date
  newId(): string
}

export function flowContextOf(storage: Storage, record: RoomRecord, content: DocContent): FlowContext {
  return {
    kind: record.flowKind ?? 'outgoing',
    drafter: record.owner,
    createdAt: record.createdAt,
    docType: content.meta.docType,
    classification: content.meta.classification as Clearance,
    registered: record.registered,
    ...(record.original ? { original: true } : {}),
    user: (id) => {
      const u = storage.userById(id)
      return u && { id: u.id, name: u.name, clearance: u.clearance, roles: u.roles, unitId: u.unitId }
    },
    unit: (id) => {
      const u = storage.units().find((x) => x.id === id)
      return u && { id: u.id, name: u.name, registrars: (u.registrars ?? []).filter((r) => storage.userById(r)) }
    },
  }
}

export async function flowEventsOf(storage: Storage, room: string): Promise<FlowEvent[]> {
  return (await storage.roomCommands(room)).filter((c) => flowVerb(c.type)).map(eventOf)
}

/** An accepted command as the flow reducer reads it. */
export function eventOf(c: CommandRecord): FlowEvent {
  return {
    id: c.id, seq: c.seq!, type: c.type, actor: c.actor, at: c.at, payload: c.payload ?? {},
    ...(c.contentHash ? { contentHash: c.contentHash } : {}),
    ...(c.result ? { result: c.result } : {}),
  }
}

export interface Prepared {
  record: RoomRecord
  content: DocContent
  ctx: FlowContext
  state: FlowState
}

/** The room's flow as it stands, with what the checks need. */
export async function prepare(cmd: Command, deps: DocflowContext): Promise<Prepared | Refusal> {
  const record = await deps.storage.room(cmd.room)
  if (!record) return { code: 'not_found' }
  if (!record.flowKind) return { code: 'not_a_document' }
  const content = await deps.readRoom(cmd.room, readContent)
  const ctx = flowContextOf(deps.storage, record, content)
  return { record, content, ctx, state: reduceFlow(ctx, await flowEventsOf(deps.storage, cmd.room)) }
}

export async function checkFlowCommand(cmd: Command, p: Prepared, storage: Storage): Promise<Refusal | null> {
  const refusal = checkCommand(p.state, cmd, p.ctx)
  if (refusal) return refusal
  const verb = flowVerb(cmd.type)
  // a sign-off names exactly the text it approves: the content as the server holds it now
  if ((verb === 'signoff' || verb === 'read') && p.state.visit.step === 'signoff' && cmd.contentHash !== contentHash(p.content)) return { code: 'content_changed' }
  if (verb === 'number') {
    const allowed = numberPrefixes(storage, p.record)
    if (!allowed.length) return { code: 'no_number_prefix' }
    const chosen = cmd.payload.prefix
    if (typeof chosen === 'string' && !allowed.includes(chosen)) return { code: 'bad_prefix', params: { prefix: chosen, allowed: allowed.join('、') } }
  }
  // what is signed off must be whole: every listed attachment is stored here
  if (verb === 'signoff') {
    for (const f of p.content.files) if (!(await storage.blob(f.sm3))?.rooms.includes(cmd.room)) return { code: 'attachment_missing' }
  }
  return null
}

/** The 代字 the drafting unit numbers under (its template's list, else its 机关代字). */
function numberPrefixes(storage: Storage, record: RoomRecord): string[] {
  const drafter = storage.userById(record.owner)
  return unitPrefixes(storage.units().find((u) => u.id === drafter?.unitId))
}

/** What the server decides when accepting: the next 发文字号, with its counter. */
export async function flowResult(cmd: Command, p: Prepared, storage: Storage, now: Date): Promise<{ result?: Record<string, unknown>; counters?: Record<string, number> }> {
  if (flowVerb(cmd.type) !== 'number') return {}
  const chosen = cmd.payload.prefix
  const prefix = typeof chosen === 'string' ? chosen : numberPrefixes(storage, p.record)[0]!
  const year = cstYear(now)
  const counter = `docno:${prefix}:${year}`
  const serial = (await storage.counter(counter)) + 1
  return { result: { docNumber: formatDocNumber(prefix, year, serial) }, counters: { [counter]: serial } }
}

/** Carries out an accepted flow command. */
export async function applyFlowCommand(cmd: Command, seq: number, p: Prepared, result: Record<string, unknown> | undefined, deps: DocflowContext): Promise<void> {
  const event: FlowEvent = { id: cmd.id, seq, type: cmd.type, actor: cmd.actor, at: cmd.at, payload: cmd.payload, ...(cmd.contentHash ? { contentHash: cmd.contentHash } : {}), ...(result ? { result } : {}) }
  const state = applyEvent(p.state, event, p.ctx)
  const { storage } = deps
  // a version at every step boundary where the content could have changed (痕迹保留)
  const closesEditing = p.state.visit.edit && state.visit.seq !== p.state.visit.seq
  await deps.writeRoom(cmd.room, (doc) => {
    doc.getArray('flow').push([{ ...event }])
    if (closesEditing) {
      const version: DocVersion = { seq, step: p.state.visit.step, actor: cmd.actor, at: cmd.at, hash: contentHash(p.content), content: p.content }
      doc.getArray('versions').push([version])
    }
    if (state.docNumber) doc.getMap('meta').set('docNumber', state.docNumber)
    // an electronic seal (verified before acceptance): kept with the document for export and 验章
    if (flowVerb(cmd.type) === 'seal' && typeof cmd.payload.signature === 'string') {
      doc.getArray('signatures').push([{ seq, by: cmd.actor, at: cmd.at, der: cmd.payload.signature, esID: cmd.payload.seal ?? '', perforation: cmd.payload.perforation === true, ...(typeof cmd.payload.sealData === 'string' ? { sealData: cmd.payload.sealData, rendition: cmd.payload.rendition } : {}) }])
    }
  })
  await storage.putRoom(roomAfter((await storage.room(cmd.room)) ?? p.record, state, deps.clock()))
  // 用印日志: every electronic seal applied, for the 印章管理员's log view (the audit chain has it too)
  if (flowVerb(cmd.type) === 'seal' && typeof cmd.payload.signature === 'string') {
    const seal = parseSignature(fromBase64(cmd.payload.signature)).seal.info
    await deps.writeRoom(SEALS_ROOM, (doc) => doc.getArray('log').push([{ seq, esID: seal.esID, sealName: seal.name, by: cmd.actor, room: cmd.room, title: p.content.meta.title, docNumber: state.docNumber ?? '', at: cmd.at }]))
  }
  const original = p.record.source ? await deps.readRoom(cmd.room, readOriginal) : null
  await writeInboxes(cmd.room, state, p.content, deps, original?.sourceOrg)
  // 公文交换: the sender's receipt table hears of the 签收 or the 退文
  if (p.record.source && (flowVerb(cmd.type) === 'receive' || flowVerb(cmd.type) === 'reject') && p.state.visit.step === 'receive') await answerReceipt(cmd, p, deps)
  // 办结: a 公文 (not a 用印申请) now waits in the archivist's 待归档
  if (state.visit.step === 'done' && p.state.visit.step !== 'done' && state.kind !== 'sealrequest') {
    const owner = storage.userById(p.record.owner)
    const unit = storage.units().find((u) => u.id === owner?.unitId)
    const pending: PendingRecord = {
      room: cmd.room, title: p.content.meta.title, docType: p.content.meta.docType, docNumber: state.docNumber ?? '', unitId: unit?.id ?? '', unitName: unit?.name ?? '',
      classification: p.content.meta.classification, doneAt: cmd.at,
    }
    await deps.writeRoom(ARCHIVE_ROOM, (doc) => doc.getMap('pending').set(cmd.room, pending))
  }
  const verb = flowVerb(cmd.type)
  if (verb === 'urge') await notify(deps, state, cmd, p.content, 'urge', String(cmd.payload.message ?? ''))
  if (verb === 'distribute') await distribute(cmd, state, p, deps)
}

/** Room access follows the flow: everyone on the route reads; the editing holders write. */
export function roomAfter(record: RoomRecord, state: FlowState, now: Date): RoomRecord {
  const members = { ...record.members }
  for (const id of state.participants) if (id !== record.owner && !members[id]) members[id] = 'read'
  // a 收文 from internal 分发 arrives as issued: nobody edits it
  const locked = state.frozen || !!state.ended || !!record.registered
  const editors = locked ? [] : [...new Set(state.visit.duties.filter((d) => !d.done).flatMap((d) => [d.user, d.delegate ?? '']).filter((id) => id && mayEdit(state, id)))]
  return { ...record, members, editors, frozen: state.frozen || !!record.registered, step: state.visit.step, updatedAt: now.toISOString() }
}

/** `source`: for a copy received by 分发, who sent it (来文机关), shown until someone acts on it. */
async function writeInboxes(room: string, state: FlowState, content: DocContent, deps: DocflowContext, source?: string): Promise<void> {
  const nameOf = (id: string): string => deps.storage.userById(id)?.name ?? id
  const doc = { room, title: content.meta.title, docType: content.meta.docType, urgency: content.meta.urgency, classification: content.meta.classification, ...(source ? { source } : {}) }
  for (const user of state.participants) {
    const item = inboxItemFor(state, user, doc, nameOf)
    if (item) await deps.writeRoom(inboxRoom(user), (inbox) => inbox.getMap('items').set(room, item))
  }
}

async function notify(deps: DocflowContext, state: FlowState, cmd: Command, content: DocContent, kind: InboxNotice['kind'], message: string): Promise<void> {
  const from = deps.storage.userById(cmd.actor)?.name ?? cmd.actor
  const targets = state.visit.duties.filter((d) => !d.done).map((d) => d.delegate ?? d.user)
  for (const user of new Set(targets)) {
    const notice: InboxNotice = { id: cmd.id, room: cmd.room, title: content.meta.title, kind, from, message, at: cmd.at }
    await deps.writeRoom(inboxRoom(user), (inbox) => inbox.getArray('notices').push([notice]))
  }
}

/**
 * 分发: the frozen, numbered, sealed 正本 goes to each receiving unit's 收发员 (主送 / 抄送) and each
 * named person as a new 收文, read-only, with the sender's facts and seals (it renders as the
 * sender's 版式 and verifies offline); the sender's `receipts` gets one line per copy.
 */
async function distribute(cmd: Command, state: FlowState, p: Prepared, deps: DocflowContext): Promise<void> {
  const { storage } = deps
  const issuer = storage.userById(p.record.owner)
  const senderUnit = storage.units().find((u) => u.id === issuer?.unitId)?.name ?? ''
  const signatures = await deps.readRoom(cmd.room, (doc) => doc.getArray('signatures').toArray())
  const lastSignoff = state.signoffs.at(-1)
  const targets: { holder: string; role: ExchangeRole; unitId?: string; name: string }[] = []
  for (const { unitId, role } of addressedUnits(cmd.payload.units as { main?: string[]; cc?: string[] } | undefined)) {
    const unit = storage.units().find((u) => u.id === unitId)
    const holder = unit?.registrars?.find((r) => storage.userById(r))
    if (unit && holder) targets.push({ holder, role, unitId, name: unit.name })
  }
  for (const id of (cmd.payload.to as string[] | undefined) ?? []) {
    const user = storage.userById(id)
    if (user) targets.push({ holder: id, role: 'person', name: user.name })
  }
  const receipts: Receipt[] = []
  for (const target of targets) {
    const room = docRoom(deps.newId())
    const now = deps.clock().toISOString()
    const original: OriginalFacts = {
      sourceRoom: cmd.room, senderUnit, sourceOrg: p.content.meta.issuerName || senderUnit, docNumber: state.docNumber ?? '',
      ...(lastSignoff ? { issueDate: cstDate(lastSignoff.at) } : {}),
      // 印发日期 as the sender's own rendition has it once distributed: the 分发 itself
      ...(state.docNumber ? { printDate: cstDate(cmd.at) } : {}),
      signers: [...new Set(state.signoffs.map((s) => storage.userById(s.user)?.name ?? s.user))],
      contentHash: state.approvedHash ?? contentHash(p.content), distributedAt: now, role: target.role,
      ...(target.unitId ? { unitId: target.unitId, unitName: target.name } : {}),
    }
    const record: RoomRecord = {
      room, owner: target.holder, members: {}, title: p.content.meta.title, docType: p.content.meta.docType,
      classification: p.content.meta.classification, urgency: p.content.meta.urgency, createdAt: now, updatedAt: now,
      flowKind: 'incoming', editors: [], frozen: true, step: 'receive', registered: true, original: true, source: cmd.room,
      ...(target.unitId ? { unitId: target.unitId } : {}),
    }
    await storage.putRoom(record)
    // the copy's attachments and the renditions its seals cover are the 正本's: the recipient may fetch them
    const renditions = signatures.map((sig) => (sig as { rendition?: unknown }).rendition).filter((r): r is string => typeof r === 'string')
    for (const sm3 of new Set([...p.content.files.map((f) => f.sm3), ...renditions])) {
      const blob = await storage.blob(sm3)
      if (blob) await storage.putBlob({ ...blob, rooms: [room] }, await storage.readBlob(sm3))
    }
    await deps.writeRoom(room, (doc) => {
      const meta = doc.getMap('meta')
      for (const key of CONTENT_META_KEYS) meta.set(key, p.content.meta[key])
      meta.set('createdBy', target.holder)
      meta.set('createdAt', now)
      meta.set('flowKind', 'incoming')
      meta.set('registration', {
        sourceOrg: original.sourceOrg, sourceNumber: original.docNumber, sourceDate: original.issueDate ?? '', senderUnit,
        copies: 1, classification: p.content.meta.classification, urgency: p.content.meta.urgency,
      })
      writePmBody(doc.getXmlFragment('body'), p.content.body)
      doc.getArray('files').push(p.content.files.map((f) => ({ ...f })))
      doc.getArray('signatures').push(signatures.map((sig) => ({ ...(sig as object) })))
      writeOriginal(doc, original)
    })
    const incoming = reduceFlow(flowContextOf(storage, record, p.content), [])
    await writeInboxes(room, incoming, p.content, deps, original.sourceOrg)
    receipts.push({ room, role: target.role, ...(target.unitId ? { unitId: target.unitId } : {}), name: target.name, holder: target.holder, holderName: storage.userById(target.holder)?.name ?? target.holder, status: 'delivered', deliveredAt: now })
  }
  await deps.writeRoom(cmd.room, (doc) => {
    const map = doc.getMap<Receipt>('receipts')
    for (const r of receipts) map.set(r.room, r)
  })
}

/** A copy's 签收 or 退文 reaches the sender's receipt table (and a 退文, the distributing clerk). */
async function answerReceipt(cmd: Command, p: Prepared, deps: DocflowContext): Promise<void> {
  const source = p.record.source!
  const current = await deps.readRoom(source, (doc) => readReceipts(doc).find((r) => r.room === cmd.room))
  if (!current) return
  const rejected = flowVerb(cmd.type) === 'reject'
  const reason = typeof cmd.payload.reason === 'string' ? cmd.payload.reason : ''
  const next: Receipt = rejected
    ? { ...current, status: 'returned', returnedAt: cmd.at, by: cmd.actor, reason }
    : { ...current, status: 'received', receivedAt: cmd.at, by: cmd.actor }
  await deps.writeRoom(source, (doc) => doc.getMap<Receipt>('receipts').set(cmd.room, next))
  if (!rejected) return
  const distributor = (await deps.storage.roomCommands(source)).filter((c) => c.type === 'doc.distribute').at(-1)?.actor
  if (!distributor) return
  const notice: InboxNotice = { id: cmd.id, room: source, title: p.content.meta.title, kind: 'rejected', from: current.name, message: reason, at: cmd.at }
  await deps.writeRoom(inboxRoom(distributor), (inbox) => inbox.getArray('notices').push([notice]))
}

export type { UserRecord }
