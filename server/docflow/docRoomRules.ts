// doc.share and doc.rename: the owner of a document room shares it (never with someone below its
// 密级), a writer renames it while its content is open.
import type { Command } from '../../src/core/command/envelope'
import { ACCESS_LEVELS, type Access } from '../../src/core/api/http'
import type { UserRecord } from '../../src/core/storage/types'
import { isClearance, mayRead } from '../../src/core/directory/model'
import type { CommandRule, RuleContext } from '../commands/ruleContract'

/** A rule that only checks a reason code and applies (the simple ones). */
function simpleRule(check: (cmd: Command, actor: UserRecord, ctx: RuleContext) => Promise<string | null>, apply: (cmd: Command, seq: number, ctx: RuleContext) => Promise<void>): CommandRule {
  return {
    async judge(cmd, actor, ctx) {
      const code = await check(cmd, actor, ctx)
      return code ? { refused: { code } } : { apply: (seq) => apply(cmd, seq, ctx) }
    },
  }
}

/** The accepted command as the room's `flow` mirrors it. */
function flowEntry(cmd: Command, seq: number): Record<string, unknown> {
  return { id: cmd.id, seq, type: cmd.type, actor: cmd.actor, at: cmd.at, payload: cmd.payload }
}

export const docShare: CommandRule = simpleRule(
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

export const docRename: CommandRule = simpleRule(
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

