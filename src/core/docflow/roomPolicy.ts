// Who may share and rename a document room: the owner shares it (never with someone cleared below
// its 密级), a writer renames it while its content is open. Policy, so it lives in core with the
// flow; server/docflow/docRoomRules.ts looks the room and the member up and calls it.
import { ACCESS_LEVELS } from '../api/http'
import { isClearance, mayRead } from '../directory/model'
import type { RoomRecord, UserRecord } from '../storage/types'

/** Why `actor` may not share `room` with `member` (undefined: no such user); null when they may. */
export function shareProblem(room: RoomRecord | undefined, actor: Pick<UserRecord, 'id'>, payload: { username?: unknown; access?: unknown }, member: Pick<UserRecord, 'clearance'> | undefined): string | null {
  if (!room) return 'not_found'
  if (room.owner !== actor.id) return 'not_owner'
  if (typeof payload.username !== 'string' || !(ACCESS_LEVELS as readonly unknown[]).includes(payload.access)) return 'bad_command'
  if (!member) return 'no_such_user'
  const level = room.classification
  if (level && isClearance(level) && !mayRead(member.clearance, level)) return 'clearance_too_low'
  return null
}

/** Why `actor` may not rename `room` to `title`; null when they may. */
export function renameProblem(room: RoomRecord | undefined, actor: Pick<UserRecord, 'id'>, title: unknown): string | null {
  if (!room) return 'not_found'
  if (room.owner !== actor.id && room.members[actor.id] !== 'write') return 'forbidden'
  if (typeof title !== 'string' || title.trim() === '' || title.length > 200) return 'bad_command'
  if (room.frozen) return 'content_frozen'
  return null
}
