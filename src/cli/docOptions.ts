// Checks of what a user types for documents, each failing with a Chinese message that lists the
// accepted values.
import { CLEARANCE_LEVELS, type Clearance } from '../core/directory/model'
import { URGENCIES, isDocType, type DocType, type Urgency } from '../core/docflow/docTypes'
import { CLI_MESSAGES } from '../core/messages/cli'
import { docRoom, parseRoomName } from '../core/sync/roomName'
import type { Access } from '../core/api/http'
import { CliError } from './CliError'
import type { FlowKind } from '../core/docflow/definitions'

export function parseDocType(value: string): DocType {
  const v = value.trim()
  if (!isDocType(v)) throw new CliError(CLI_MESSAGES.badDocType(value), 2)
  return v
}

export function parseClassification(value: string | undefined): Clearance {
  if (value === undefined) return CLEARANCE_LEVELS[0]
  const v = value.trim()
  if (!(CLEARANCE_LEVELS as readonly string[]).includes(v)) throw new CliError(CLI_MESSAGES.badClassification(value), 2)
  return v as Clearance
}

export function parseUrgency(value: string | undefined): Urgency {
  if (value === undefined) return URGENCIES[0]
  const v = value.trim()
  if (!(URGENCIES as readonly string[]).includes(v)) throw new CliError(CLI_MESSAGES.badUrgency(value), 2)
  return v as Urgency
}

export function parseTitle(value: string): string {
  const v = value.trim()
  if (v === '') throw new CliError(CLI_MESSAGES.missingOption('title'), 2)
  if (v.length > 200) throw new CliError(CLI_MESSAGES.titleTooLong, 2)
  return v
}

/** A document id as printed by `doc create` (the uuid), or its room name `doc:<uuid>`. */
export function parseDocId(value: string): { id: string; room: string } {
  const v = value.trim().toLowerCase()
  const room = v.startsWith('doc:') ? v : docRoom(v)
  const ref = parseRoomName(room)
  if (ref?.kind !== 'doc') throw new CliError(CLI_MESSAGES.badDocId(value), 2)
  return { id: ref.id, room }
}

/** `lisi` (write) or `lisi:read` / `lisi:write`. */
export function parseShareTarget(value: string): { username: string; access: Access } {
  const m = /^([^:\s]{1,64})(?::(read|write))?$/.exec(value.trim())
  if (!m) throw new CliError(CLI_MESSAGES.badShareTarget(value), 2)
  return { username: m[1]!, access: (m[2] as Access | undefined) ?? 'write' }
}

/** --kind: 发文 (outgoing, the default), 收文 (incoming) or 用印申请 (sealrequest). */
export function parseFlowKind(value: string | undefined): FlowKind {
  if (value === undefined || value === 'outgoing' || value === '发文') return 'outgoing'
  if (value === 'incoming' || value === '收文') return 'incoming'
  if (value === 'sealrequest' || value === '用印申请') return 'sealrequest'
  throw new CliError(CLI_MESSAGES.badFlowKind(value), 2)
}
