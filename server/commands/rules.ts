// The rule of each command type: may this actor do this now, and what accepting it changes.
// Issue 3 brings doc.share and doc.rename; the workflow issues add theirs here.
import type { Command } from '../../src/core/command/envelope'
import { ACCESS_LEVELS, type Access } from '../../src/core/api/http'
import type * as Y from 'yjs'
import type { Storage, UserRecord } from '../storage/types'
import type { Refusal } from '../../src/core/docflow/flow'
import { isClearance, mayRead } from '../../src/core/directory/model'
import { FLOW_COMMAND_TYPES } from '../../src/core/docflow/flow'
import { applyFlowCommand, checkFlowCommand, flowResult, prepare } from './docflowRule'
import { sealRule } from './sealRule'
import { VENUE_COMMAND_TYPES, checkinRule, minutesRule, replyRule, takersRule, taskDoneRule, taskRule, venueRule } from './venueRule'
import { borrowRule, checkRule, fileRule, lendRule, reviseRule, settingsRule, signRule } from './archiveRule'
import { checkSealApplication, checkSealRequestSubmission } from './sealApply'
import { SEAL_COMMAND_TYPES } from '../../src/core/seal/registry'
import type { SealMaker } from '../ca/AgencyCa'
import type { Certificate } from '../../src/core/pki/certificate'

export interface RuleContext {
  storage: Storage
  /** runs a change on a room as the server (flow, meta) */
  writeRoom(room: string, change: (doc: Y.Doc) => void): Promise<void>
  /** reads a room's current state as the server */
  readRoom<T>(room: string, read: (doc: Y.Doc) => T): Promise<T>
  /** the agency's seal maker (key and certificate), for SES_Seals */
  sealMaker(): SealMaker
  /** the agency root certificate, for verifying sealed signatures */
  root: Certificate
}

/** What a rule decided: refused (a code, or a code with details), or accepted with what it adds. */
export type Verdict =
  | { refused: Refusal }
  | { refused?: undefined; result?: Record<string, unknown>; counters?: Record<string, number>; apply(seq: number): Promise<void> }

export interface CommandRule {
  judge(cmd: Command, actor: UserRecord, ctx: RuleContext, now: Date): Promise<Verdict>
}

/** A rule that only checks a reason code and applies (the simple ones). */
function simpleRule(check: (cmd: Command, actor: UserRecord, ctx: RuleContext) => string | null, apply: (cmd: Command, seq: number, ctx: RuleContext) => Promise<void>): CommandRule {
  return {
    async judge(cmd, actor, ctx) {
      const code = check(cmd, actor, ctx)
      return code ? { refused: { code } } : { apply: (seq) => apply(cmd, seq, ctx) }
    },
  }
}

const docflow: CommandRule = {
  async judge(cmd, _actor, ctx, now) {
    const p = await prepare(cmd, ctx)
    if ('code' in p) return { refused: p }
    const refusal = checkFlowCommand(cmd, p, ctx.storage) ?? (await checkSealApplication(cmd, p, ctx)) ?? (await checkSealRequestSubmission(cmd, p, ctx))
    if (refusal) return { refused: refusal }
    const { result, counters } = flowResult(cmd, p, ctx.storage, now)
    return { result, counters, apply: (seq) => applyFlowCommand(cmd, seq, p, result, ctx) }
  },
}

/** The accepted command as the room's `flow` mirrors it. */
function flowEntry(cmd: Command, seq: number): Record<string, unknown> {
  return { id: cmd.id, seq, type: cmd.type, actor: cmd.actor, at: cmd.at, payload: cmd.payload }
}

const docShare: CommandRule = simpleRule(
  (cmd, actor, { storage }) => {
    const room = storage.room(cmd.room)
    if (!room) return 'not_found'
    if (room.owner !== actor.id) return 'not_owner'
    const { username, access } = cmd.payload as { username?: unknown; access?: unknown }
    if (typeof username !== 'string' || !(ACCESS_LEVELS as readonly unknown[]).includes(access)) return 'bad_command'
    const member = storage.userByUsername(username)
    if (!member) return 'no_such_user'
    const level = room.classification
    if (level && isClearance(level) && !mayRead(member.clearance, level)) return 'clearance_too_low'
    return null
  },
  async (cmd, seq, { storage, writeRoom }) => {
    const { username, access } = cmd.payload as { username: string; access: Access }
    const room = storage.room(cmd.room)!
    const member = storage.userByUsername(username)!
    if (member.id !== room.owner) await storage.putRoom({ ...room, members: { ...room.members, [member.id]: access } })
    await writeRoom(cmd.room, (doc) => doc.getArray('flow').push([flowEntry(cmd, seq)]))
  },
)

const docRename: CommandRule = simpleRule(
  (cmd, actor, { storage }) => {
    const room = storage.room(cmd.room)
    if (!room) return 'not_found'
    if (room.owner !== actor.id && room.members[actor.id] !== 'write') return 'forbidden'
    const { title } = cmd.payload as { title?: unknown }
    if (typeof title !== 'string' || title.trim() === '' || title.length > 200) return 'bad_command'
    if (room.frozen) return 'content_frozen'
    return null
  },
  async (cmd, seq, { writeRoom }) => {
    const { title } = cmd.payload as { title: string }
    await writeRoom(cmd.room, (doc) => {
      doc.getMap('meta').set('title', title)
      doc.getArray('flow').push([flowEntry(cmd, seq)])
    })
  },
)

export const COMMAND_RULES: Record<string, CommandRule> = {
  'doc.share': docShare,
  'doc.rename': docRename,
  ...Object.fromEntries(FLOW_COMMAND_TYPES.map((t) => [t, docflow])),
  ...Object.fromEntries(SEAL_COMMAND_TYPES.map((t) => [t, sealRule])),
  ...Object.fromEntries(VENUE_COMMAND_TYPES.map((t) => [t, venueRule])),
  'meeting.reply': replyRule,
  'meeting.checkin': checkinRule,
  'meeting.takers': takersRule,
  'meeting.minutes': minutesRule,
  'meeting.task': taskRule,
  'meeting.done': taskDoneRule,
  'archive.file': fileRule,
  'archive.sign': signRule,
  'archive.check': checkRule,
  'archive.borrow': borrowRule,
  'archive.lend': lendRule,
  'archive.revise': reviseRule,
  'archive.settings': settingsRule,
}
