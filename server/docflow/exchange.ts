// 公文交换 on the server: 分发 makes each receiving unit's (or person's) copy as a new 收文 room, and
// a copy's 签收 or 退文 reaches the sender's receipt table.
import type { Command } from '../../src/core/command/envelope'
import { CONTENT_META_KEYS, contentHash, writePmBody } from '../../src/core/docflow/content'
import { flowVerb, reduceFlow, unitReceivers, type FlowState } from '../../src/core/docflow/flow'
import type { InboxNotice } from '../../src/core/docflow/inbox'
import { flowContextOf } from '../../src/core/docflow/roomFlow'
import { addressedUnits, readReceipts, writeOriginal, type ExchangeRole, type OriginalFacts, type Receipt } from '../../src/core/docflow/exchange'
import { cstDate } from '../../src/core/docflow/rendition'
import { docRoom, inboxRoom } from '../../src/core/sync/roomName'
import type { RoomRecord } from '../../src/core/storage/types'
import type { FlowFacts, RuleContext } from '../commands/ruleContract'
import { writeInboxes } from './inboxes'

/**
 * 分发: the frozen, numbered, sealed 正本 goes to each receiving unit's 收发员 (主送 / 抄送) and each
 * named person as a new 收文, read-only, with the sender's facts and seals (it renders as the
 * sender's 版式 and verifies offline); the sender's `receipts` gets one line per copy.
 */
export async function distribute(cmd: Command, state: FlowState, p: FlowFacts, deps: RuleContext): Promise<void> {
  const { storage } = deps
  const issuer = storage.userById(p.record.owner)
  const senderUnit = storage.units().find((u) => u.id === issuer?.unitId)?.name ?? ''
  const signatures = await deps.readRoom(cmd.room, (doc) => doc.getArray('signatures').toArray())
  const lastSignoff = state.signoffs.at(-1)
  // a unit's copy is held by every 收发员 of it who may read it; one of them signs for the unit
  const targets: { holders: string[]; role: ExchangeRole; unitId?: string; name: string }[] = []
  for (const { unitId, role } of addressedUnits(cmd.payload.units as { main?: string[]; cc?: string[] } | undefined)) {
    const unit = p.ctx.unit?.(unitId)
    const holders = unit ? unitReceivers(unit, p.ctx) : []
    if (unit && holders.length) targets.push({ holders, role, unitId, name: unit.name })
  }
  for (const id of (cmd.payload.to as string[] | undefined) ?? []) {
    const user = storage.userById(id)
    if (user) targets.push({ holders: [id], role: 'person', name: user.name })
  }
  const nameOf = (id: string): string => storage.userById(id)?.name ?? id
  const receipts: Receipt[] = []
  for (const target of targets) {
    const [holder, ...others] = target.holders as [string, ...string[]]
    const room = docRoom(deps.newId())
    const now = deps.clock().toISOString()
    const original: OriginalFacts = {
      sourceRoom: cmd.room, senderUnit, sourceOrg: p.content.meta.issuerName || senderUnit, docNumber: state.docNumber ?? '',
      ...(lastSignoff ? { issueDate: cstDate(lastSignoff.at) } : {}),
      // 印发日期 as the sender's own rendition has it once distributed: the 分发 itself
      ...(state.docNumber ? { printDate: cstDate(cmd.at) } : {}),
      signers: [...new Set(state.signoffs.map((s) => storage.userById(s.user)?.name ?? s.user))],
      contentHash: state.approvedHash ?? contentHash(p.content), distributedAt: now, role: target.role,
      ...(target.unitId ? { unitId: target.unitId, unitName: target.name, receivers: target.holders } : {}),
    }
    const record: RoomRecord = {
      room, owner: holder, members: Object.fromEntries(others.map((id) => [id, 'read' as const])), title: p.content.meta.title, docType: p.content.meta.docType,
      classification: p.content.meta.classification, urgency: p.content.meta.urgency, createdAt: now, updatedAt: now,
      flowKind: 'incoming', editors: [], frozen: true, step: 'receive', registered: true, original: true, source: cmd.room,
      ...(target.unitId ? { unitId: target.unitId, receivers: target.holders } : {}),
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
      meta.set('createdBy', holder)
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
    receipts.push({ room, role: target.role, ...(target.unitId ? { unitId: target.unitId } : {}), name: target.name, holder, holderName: target.holders.map(nameOf).join('、'), ...(target.unitId ? { holders: target.holders } : {}), status: 'delivered', deliveredAt: now })
  }
  await deps.writeRoom(cmd.room, (doc) => {
    const map = doc.getMap<Receipt>('receipts')
    for (const r of receipts) map.set(r.room, r)
  })
}

/** A copy's 签收 or 退文 reaches the sender's receipt table (and a 退文, the distributing clerk). */
export async function answerReceipt(cmd: Command, p: FlowFacts, deps: RuleContext): Promise<void> {
  const source = p.record.source!
  const current = await deps.readRoom(source, (doc) => readReceipts(doc).find((r) => r.room === cmd.room))
  if (!current) return
  const rejected = flowVerb(cmd.type) === 'reject'
  const reason = typeof cmd.payload.reason === 'string' ? cmd.payload.reason : ''
  // of a unit's 收发员, the one who answered is the one the table names
  const answered = { holder: cmd.actor, holderName: deps.storage.userById(cmd.actor)?.name ?? cmd.actor, by: cmd.actor }
  const next: Receipt = rejected
    ? { ...current, ...answered, status: 'returned', returnedAt: cmd.at, reason }
    : { ...current, ...answered, status: 'received', receivedAt: cmd.at }
  await deps.writeRoom(source, (doc) => doc.getMap<Receipt>('receipts').set(cmd.room, next))
  if (!rejected) return
  const distributor = (await deps.storage.roomCommands(source)).filter((c) => c.type === 'doc.distribute').at(-1)?.actor
  if (!distributor) return
  const notice: InboxNotice = { id: cmd.id, room: source, title: p.content.meta.title, kind: 'rejected', from: current.name, message: reason, at: cmd.at }
  await deps.writeRoom(inboxRoom(distributor), (inbox) => inbox.getArray('notices').push([notice]))
}

