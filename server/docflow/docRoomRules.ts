// doc.share and doc.rename on the server: who may is core policy (src/core/docflow/roomPolicy.ts);
// here the room and the member are looked up, and an accepted command carried out.
import type { Command } from '../../src/core/command/envelope'
import type { Access } from '../../src/core/api/http'
import type { UserRecord } from '../../src/core/storage/types'
import { renameProblem, shareProblem } from '../../src/core/docflow/roomPolicy'
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
    const { username } = cmd.payload as { username?: unknown }
    return shareProblem(await storage.room(cmd.room), actor, cmd.payload, typeof username === 'string' ? storage.userByUsername(username) : undefined)
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
  async (cmd, actor, { storage }) => renameProblem(await storage.room(cmd.room), actor, cmd.payload.title),
  async (cmd, seq, { writeRoom }) => {
    const { title } = cmd.payload as { title: string }
    await writeRoom(cmd.room, (doc) => {
      doc.getMap('meta').set('title', title)
      doc.getArray('flow').push([flowEntry(cmd, seq)])
    })
  },
)

