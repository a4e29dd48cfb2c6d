// The 公文 workflow commands (doc.submit, doc.signoff, …) on the server: the shared reducer decides
// (src/core/docflow/flow.ts); this file supplies what only the server knows — the room's content as
// it stands, the 发文字号 counter, the directory — and carries out what an accepted step changes in
// the document's own room: its `flow`, who may read and write it, every participant's inbox, and
// 分发 (exchange.ts). What other capabilities do on a step (用印日志, 待归档) are their hooks.
import type { Command } from '../../src/core/command/envelope'
import { contentHash, readContent, type DocVersion } from '../../src/core/docflow/content'
import { cstYear, formatDocNumber } from '../../src/core/docflow/docNumber'
import { applyEvent, checkCommand, flowVerb, mayEdit, reduceFlow, type FlowEvent, type FlowState, type Refusal } from '../../src/core/docflow/flow'
import { flowContextOf, flowEventsOf } from '../../src/core/docflow/roomFlow'
import { unitPrefixes } from '../../src/core/directory/model'
import { readOriginal } from '../../src/core/docflow/exchange'
import type { RoomRecord, Storage } from '../../src/core/storage/types'
import type { CommandHooks, CommandRule, FlowFacts, RuleContext } from '../commands/ruleContract'
import { answerReceipt, distribute } from './exchange'
import { notify, writeInboxes } from './inboxes'

/** The room's flow as it stands, with what the checks need. */
export async function prepare(cmd: Command, deps: Pick<RuleContext, 'storage' | 'readRoom'>): Promise<FlowFacts | Refusal> {
  const record = await deps.storage.room(cmd.room)
  if (!record) return { code: 'not_found' }
  if (!record.flowKind) return { code: 'not_a_document' }
  const content = await deps.readRoom(cmd.room, readContent)
  const ctx = flowContextOf(deps.storage, record, content)
  return { record, content, ctx, state: reduceFlow(ctx, await flowEventsOf(deps.storage, cmd.room)) }
}

export async function checkFlowCommand(cmd: Command, p: FlowFacts, storage: Storage): Promise<Refusal | null> {
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
export async function flowResult(cmd: Command, p: FlowFacts, storage: Storage, now: Date): Promise<{ result?: Record<string, unknown>; counters?: Record<string, number> }> {
  if (flowVerb(cmd.type) !== 'number') return {}
  const chosen = cmd.payload.prefix
  const prefix = typeof chosen === 'string' ? chosen : numberPrefixes(storage, p.record)[0]!
  const year = cstYear(now)
  const counter = `docno:${prefix}:${year}`
  const serial = (await storage.counter(counter)) + 1
  return { result: { docNumber: formatDocNumber(prefix, year, serial) }, counters: { [counter]: serial } }
}

/** Carries out an accepted flow command. */
export async function applyFlowCommand(cmd: Command, seq: number, p: FlowFacts, result: Record<string, unknown> | undefined, deps: RuleContext): Promise<FlowState> {
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
  const original = p.record.source ? await deps.readRoom(cmd.room, readOriginal) : null
  await writeInboxes(cmd.room, state, p.content, deps, original?.sourceOrg)
  // 公文交换: the sender's receipt table hears of the 签收 or the 退文
  if (p.record.source && (flowVerb(cmd.type) === 'receive' || flowVerb(cmd.type) === 'reject') && p.state.visit.step === 'receive') await answerReceipt(cmd, p, deps)
  const verb = flowVerb(cmd.type)
  if (verb === 'urge') await notify(deps, state, cmd, p.content, 'urge', String(cmd.payload.message ?? ''))
  if (verb === 'distribute') await distribute(cmd, state, p, deps)
  return state
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


/**
 * The rule of every flow command: the flow's own check, then each capability's check of the step;
 * accepted, the flow's effects, then each capability's part (its afterFlowStep hook).
 */
export function docflowRule(hooks: readonly CommandHooks[]): CommandRule {
  return {
    async judge(cmd, _actor, ctx, now) {
      const p = await prepare(cmd, ctx)
      if ('code' in p) return { refused: p }
      let refusal = await checkFlowCommand(cmd, p, ctx.storage)
      for (const h of hooks) refusal ??= (await h.checkFlowStep?.(cmd, p, ctx)) ?? null
      if (refusal) return { refused: refusal }
      const { result, counters } = await flowResult(cmd, p, ctx.storage, now)
      return {
        result, counters,
        apply: async (seq) => {
          const after = await applyFlowCommand(cmd, seq, p, result, ctx)
          for (const h of hooks) await h.afterFlowStep?.({ ...p, cmd, seq, after }, ctx)
        },
      }
    },
  }
}
