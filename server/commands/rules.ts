// The registry: the rule of each command type (may this actor do this now, and what accepting it
// changes), joined from the capabilities' rules. A type claimed twice stops the server at start.
import type { Command } from '../../src/core/command/envelope'
import { ACCESS_LEVELS, type Access } from '../../src/core/api/http'
import type { UserRecord } from '../../src/core/storage/types'
import type { CommandRule, RuleContext } from './ruleContract'
import { isClearance, mayRead } from '../../src/core/directory/model'
import { FLOW_COMMAND_TYPES } from '../../src/core/docflow/flow'
import { applyFlowCommand, checkFlowCommand, flowResult, prepare } from './docflowRule'
import { sealRule } from './sealRule'
import { templateRule } from './templateRule'
import { VENUE_COMMAND_TYPES, checkinRule, minutesRule, replyRule, takersRule, taskDoneRule, taskRule, venueRule } from './venueRule'
import { borrowRule, checkRule, fileRule, lendRule, reviseRule, settingsRule, signRule } from './archiveRule'
import { checkSealApplication, checkSealRequestSubmission } from './sealApply'
import { SEAL_COMMAND_TYPES } from '../../src/core/seal/registry'
import { BULLETIN_COMMAND_TYPES } from '../../src/core/bulletin/commands'
import { bulletinRule } from './bulletinRule'

/** A rule that only checks a reason code and applies (the simple ones). */
function simpleRule(check: (cmd: Command, actor: UserRecord, ctx: RuleContext) => Promise<string | null>, apply: (cmd: Command, seq: number, ctx: RuleContext) => Promise<void>): CommandRule {
  return {
    async judge(cmd, actor, ctx) {
      const code = await check(cmd, actor, ctx)
      return code ? { refused: { code } } : { apply: (seq) => apply(cmd, seq, ctx) }
    },
  }
}

const docflow: CommandRule = {
  async judge(cmd, _actor, ctx, now) {
    const p = await prepare(cmd, ctx)
    if ('code' in p) return { refused: p }
    const refusal = (await checkFlowCommand(cmd, p, ctx.storage)) ?? (await checkSealApplication(cmd, p, ctx)) ?? (await checkSealRequestSubmission(cmd, p, ctx))
    if (refusal) return { refused: refusal }
    const { result, counters } = await flowResult(cmd, p, ctx.storage, now)
    return { result, counters, apply: (seq) => applyFlowCommand(cmd, seq, p, result, ctx) }
  },
}

/** The accepted command as the room's `flow` mirrors it. */
function flowEntry(cmd: Command, seq: number): Record<string, unknown> {
  return { id: cmd.id, seq, type: cmd.type, actor: cmd.actor, at: cmd.at, payload: cmd.payload }
}

const docShare: CommandRule = simpleRule(
  async (cmd, actor, { storage }) => {
    const room = await storage.room(cmd.room)
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
    const room = (await storage.room(cmd.room))!
    const member = storage.userByUsername(username)!
    if (member.id !== room.owner) await storage.putRoom({ ...room, members: { ...room.members, [member.id]: access } })
    await writeRoom(cmd.room, (doc) => doc.getArray('flow').push([flowEntry(cmd, seq)]))
  },
)

const docRename: CommandRule = simpleRule(
  async (cmd, actor, { storage }) => {
    const room = await storage.room(cmd.room)
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

/** Joins rules by command type; a type named by two rules is a programming error, caught at start. */
export function joinRules(...groups: ReadonlyArray<readonly [readonly string[], CommandRule]>): Readonly<Record<string, CommandRule>> {
  const joined: Record<string, CommandRule> = {}
  for (const [types, rule] of groups) {
    for (const type of types) {
      if (type in joined) throw new Error(`command type ${type} has two rules`)
      joined[type] = rule
    }
  }
  return joined
}

export const COMMAND_RULES = joinRules(
  [['doc.share'], docShare],
  [['doc.rename'], docRename],
  [FLOW_COMMAND_TYPES, docflow],
  [SEAL_COMMAND_TYPES, sealRule],
  [VENUE_COMMAND_TYPES, venueRule],
  [['meeting.reply'], replyRule],
  [['meeting.checkin'], checkinRule],
  [['meeting.takers'], takersRule],
  [['meeting.minutes'], minutesRule],
  [['meeting.task'], taskRule],
  [['meeting.done'], taskDoneRule],
  [['archive.file'], fileRule],
  [['archive.sign'], signRule],
  [['archive.check'], checkRule],
  [['archive.borrow'], borrowRule],
  [['archive.lend'], lendRule],
  [['archive.revise'], reviseRule],
  [['archive.settings'], settingsRule],
  [['unit.template'], templateRule],
  [BULLETIN_COMMAND_TYPES, bulletinRule],
)
