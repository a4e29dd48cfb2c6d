// The 公文 workflow commands (doc.submit, doc.signoff, …) on the server: the shared reducer decides
// (src/core/docflow/flow.ts); this file supplies what only the server knows — the room's content as
// it stands, the 发文字号 counter, the directory — and carries out what an accepted step changes:
// the room's `flow`, who may read and write it, every participant's inbox, and 分发.
import { randomUUID } from 'node:crypto'
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
import type { Clearance } from '../../src/core/directory/model'
import type { CommandRecord, RoomRecord, Storage, UserRecord } from '../storage/types'

export interface DocflowContext {
  storage: Storage
  writeRoom(room: string, change: (doc: Y.Doc) => void): Promise<void>
  readRoom<T>(room: string, read: (doc: Y.Doc) => T): Promise<T>
}

export function flowContextOf(storage: Storage, record: RoomRecord, content: DocContent): FlowContext {
  return {
    kind: record.flowKind ?? 'outgoing',
    drafter: record.owner,
    createdAt: record.createdAt,
    docType: content.meta.docType,
    classification: content.meta.classification as Clearance,
    registered: record.registered,
    user: (id) => {
      const u = storage.userById(id)
      return u && { id: u.id, name: u.name, clearance: u.clearance, roles: u.roles, unitId: u.unitId }
    },
  }
}

export function flowEventsOf(storage: Storage, room: string): FlowEvent[] {
  return storage.roomCommands(room).filter((c) => flowVerb(c.type)).map(eventOf)
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
  const record = deps.storage.room(cmd.room)
  if (!record) return { code: 'not_found' }
  if (!record.flowKind) return { code: 'not_a_document' }
  const content = await deps.readRoom(cmd.room, readContent)
  const ctx = flowContextOf(deps.storage, record, content)
  return { record, content, ctx, state: reduceFlow(ctx, flowEventsOf(deps.storage, cmd.room)) }
}

export function checkFlowCommand(cmd: Command, p: Prepared, storage: Storage): Refusal | null {
  const refusal = checkCommand(p.state, cmd, p.ctx)
  if (refusal) return refusal
  const verb = flowVerb(cmd.type)
  // a sign-off names exactly the text it approves: the content as the server holds it now
  if ((verb === 'signoff' || verb === 'read') && p.state.visit.step === 'signoff' && cmd.contentHash !== contentHash(p.content)) return { code: 'content_changed' }
  if (verb === 'number' && !numberPrefix(storage, p.record)) return { code: 'no_number_prefix' }
  // what is signed off must be whole: every listed attachment is stored here
  if (verb === 'signoff' && p.content.files.some((f) => !storage.blob(f.sm3)?.rooms.includes(cmd.room))) return { code: 'attachment_missing' }
  return null
}

function numberPrefix(storage: Storage, record: RoomRecord): string | undefined {
  const drafter = storage.userById(record.owner)
  return storage.units().find((u) => u.id === drafter?.unitId)?.code
}

/** What the server decides when accepting: the next 发文字号, with its counter. */
export function flowResult(cmd: Command, p: Prepared, storage: Storage, now: Date): { result?: Record<string, unknown>; counters?: Record<string, number> } {
  if (flowVerb(cmd.type) !== 'number') return {}
  const prefix = numberPrefix(storage, p.record)!
  const year = cstYear(now)
  const counter = `docno:${prefix}:${year}`
  const serial = storage.counter(counter) + 1
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
      doc.getArray('signatures').push([{ seq, by: cmd.actor, at: cmd.at, der: cmd.payload.signature, esID: cmd.payload.seal ?? '', perforation: cmd.payload.perforation === true }])
    }
  })
  await storage.putRoom(roomAfter(storage.room(cmd.room) ?? p.record, state))
  // 用印日志: every electronic seal applied, for the 印章管理员's log view (the audit chain has it too)
  if (flowVerb(cmd.type) === 'seal' && typeof cmd.payload.signature === 'string') {
    const seal = parseSignature(fromBase64(cmd.payload.signature)).seal.info
    await deps.writeRoom(SEALS_ROOM, (doc) => doc.getArray('log').push([{ seq, esID: seal.esID, sealName: seal.name, by: cmd.actor, room: cmd.room, title: p.content.meta.title, docNumber: state.docNumber ?? '', at: cmd.at }]))
  }
  await writeInboxes(cmd.room, state, p.content, deps)
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
export function roomAfter(record: RoomRecord, state: FlowState): RoomRecord {
  const members = { ...record.members }
  for (const id of state.participants) if (id !== record.owner && !members[id]) members[id] = 'read'
  // a 收文 from internal 分发 arrives as issued: nobody edits it
  const locked = state.frozen || !!state.ended || !!record.registered
  const editors = locked ? [] : [...new Set(state.visit.duties.filter((d) => !d.done).flatMap((d) => [d.user, d.delegate ?? '']).filter((id) => id && mayEdit(state, id)))]
  return { ...record, members, editors, frozen: state.frozen || !!record.registered, step: state.visit.step, updatedAt: new Date().toISOString() }
}

async function writeInboxes(room: string, state: FlowState, content: DocContent, deps: DocflowContext): Promise<void> {
  const nameOf = (id: string): string => deps.storage.userById(id)?.name ?? id
  const doc = { room, title: content.meta.title, docType: content.meta.docType, urgency: content.meta.urgency, classification: content.meta.classification }
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

/** 分发: each recipient's 收文 begins, already registered with its source. */
async function distribute(cmd: Command, state: FlowState, p: Prepared, deps: DocflowContext): Promise<void> {
  const recipients = (cmd.payload.to as string[]).filter((id) => deps.storage.userById(id))
  const issuer = deps.storage.userById(p.record.owner)
  const sourceOrg = p.content.meta.issuerName || deps.storage.units().find((u) => u.id === issuer?.unitId)?.name || ''
  const signedOff = state.signoffs.at(-1)?.at
  for (const user of recipients) {
    const room = docRoom(randomUUID())
    const now = new Date().toISOString()
    const record: RoomRecord = {
      room, owner: user, members: {}, title: p.content.meta.title, docType: p.content.meta.docType,
      classification: p.content.meta.classification, urgency: p.content.meta.urgency, createdAt: now, updatedAt: now,
      flowKind: 'incoming', editors: [], frozen: true, step: 'receive', registered: true, source: cmd.room,
    }
    await deps.storage.putRoom(record)
    await deps.writeRoom(room, (doc) => {
      const meta = doc.getMap('meta')
      for (const key of CONTENT_META_KEYS) meta.set(key, p.content.meta[key])
      meta.set('createdBy', user)
      meta.set('createdAt', now)
      meta.set('flowKind', 'incoming')
      meta.set('registration', { sourceOrg, sourceNumber: state.docNumber ?? '', sourceDate: signedOff ?? '', copies: 1, classification: p.content.meta.classification, urgency: p.content.meta.urgency })
      writePmBody(doc.getXmlFragment('body'), p.content.body)
      doc.getArray('files').push(p.content.files.map((f) => ({ ...f })))
    })
    const incoming = reduceFlow(flowContextOf(deps.storage, record, p.content), [])
    await writeInboxes(room, incoming, p.content, deps)
  }
}

export type { UserRecord }
