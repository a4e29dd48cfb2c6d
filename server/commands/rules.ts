// The rule of each command type: may this actor do this now, and what accepting it changes.
// Issue 3 brings doc.share and doc.rename; the workflow issues add theirs here.
import type { Command } from '../../src/core/command/envelope'
import { ACCESS_LEVELS, type Access } from '../../src/core/api/http'
import type * as Y from 'yjs'
import type { Storage, UserRecord } from '../storage/types'

export interface RuleContext {
  storage: Storage
  /** runs a change on a room as the server (flow, meta) */
  writeRoom(room: string, change: (doc: Y.Doc) => void): Promise<void>
}

export interface CommandRule {
  /** a reason code when the command may not be accepted, null when it may */
  check(cmd: Command, actor: UserRecord, ctx: RuleContext): string | null
  apply(cmd: Command, seq: number, ctx: RuleContext): Promise<void>
}

/** The accepted command as the room's `flow` mirrors it. */
function flowEntry(cmd: Command, seq: number): Record<string, unknown> {
  return { id: cmd.id, seq, type: cmd.type, actor: cmd.actor, at: cmd.at, payload: cmd.payload }
}

const docShare: CommandRule = {
  check(cmd, actor, { storage }) {
    const room = storage.room(cmd.room)
    if (!room) return 'not_found'
    if (room.owner !== actor.id) return 'not_owner'
    const { username, access } = cmd.payload as { username?: unknown; access?: unknown }
    if (typeof username !== 'string' || !(ACCESS_LEVELS as readonly unknown[]).includes(access)) return 'bad_command'
    if (!storage.userByUsername(username)) return 'no_such_user'
    return null
  },
  async apply(cmd, seq, { storage, writeRoom }) {
    const { username, access } = cmd.payload as { username: string; access: Access }
    const room = storage.room(cmd.room)!
    const member = storage.userByUsername(username)!
    if (member.id !== room.owner) await storage.putRoom({ ...room, members: { ...room.members, [member.id]: access } })
    await writeRoom(cmd.room, (doc) => doc.getArray('flow').push([flowEntry(cmd, seq)]))
  },
}

const docRename: CommandRule = {
  check(cmd, actor, { storage }) {
    const room = storage.room(cmd.room)
    if (!room) return 'not_found'
    if (room.owner !== actor.id && room.members[actor.id] !== 'write') return 'forbidden'
    const { title } = cmd.payload as { title?: unknown }
    if (typeof title !== 'string' || title.trim() === '' || title.length > 200) return 'bad_command'
    return null
  },
  async apply(cmd, seq, { writeRoom }) {
    const { title } = cmd.payload as { title: string }
    await writeRoom(cmd.room, (doc) => {
      doc.getMap('meta').set('title', title)
      doc.getArray('flow').push([flowEntry(cmd, seq)])
    })
  },
}

export const COMMAND_RULES: Record<string, CommandRule> = {
  'doc.share': docShare,
  'doc.rename': docRename,
}
