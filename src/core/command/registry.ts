// Every command type, joined from the capabilities' declarations: the one list the server, the CLI
// and the desk judge payloads by. `act<K>(type, payload)` in each shell is typed from it, so the
// compiler refuses an unknown type or a wrong payload.
import type * as z from 'zod'
import { DOCFLOW_COMMANDS } from '../docflow/commands'
import { SEAL_COMMANDS } from '../seal/commands'
import { MEETING_COMMANDS } from '../meeting/commands'
import { ARCHIVE_COMMANDS } from '../archive/commands'
import { BULLETIN_COMMANDS } from '../bulletin/commands'
import { fieldProblem, type PayloadRefusal } from './payloadProblem'

export const COMMAND_PAYLOADS = { ...DOCFLOW_COMMANDS, ...SEAL_COMMANDS, ...MEETING_COMMANDS, ...ARCHIVE_COMMANDS, ...BULLETIN_COMMANDS }

export type CommandType = keyof typeof COMMAND_PAYLOADS
export type PayloadOf<K extends CommandType> = z.input<(typeof COMMAND_PAYLOADS)[K]>

export function isCommandType(type: string): type is CommandType {
  return Object.hasOwn(COMMAND_PAYLOADS, type)
}

/** Why `payload` is not a valid payload of `type` (the first problem, named by field), or null. */
export function payloadProblem(type: string, payload: unknown): PayloadRefusal | null {
  if (!isCommandType(type)) return { code: 'unknown_command' }
  const shape = shapeProblem(payload)
  if (shape) return shape
  const parsed = COMMAND_PAYLOADS[type].safeParse(payload)
  return parsed.success ? null : fieldProblem(parsed.error)
}

/** A payload nested deeper than any schema allows, or with too many parts, is refused before a
 *  schema (or the canonical JSON of the signature check) recurses into it. */
const MAX_DEPTH = 8
const MAX_NODES = 20_000

function shapeProblem(payload: unknown): PayloadRefusal | null {
  const stack: Array<[unknown, number]> = [[payload, 1]]
  let nodes = 0
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!
    if (++nodes > MAX_NODES) return { code: 'payload_too_large' }
    if (value === null || typeof value !== 'object') continue
    if (depth > MAX_DEPTH) return { code: 'payload_too_deep' }
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1])
  }
  return null
}
