// The seal registry's commands, each declared once with its payload schema.
import * as z from 'zod'
import { SEAL_TYPES } from './ses'
import { calendarDay, said, text, userId } from '../command/fields'

const holders = z.array(userId).min(1).max(20)
const esID = text(64).min(1)

export const SEAL_COMMANDS = {
  'seal.create': z.strictObject({
    name: said(40),
    typeName: z.enum(Object.keys(SEAL_TYPES) as [keyof typeof SEAL_TYPES, ...(keyof typeof SEAL_TYPES)[]]),
    holders,
    validStart: calendarDay.optional(),
    validEnd: calendarDay,
    /** the seal's image; its bytes are checked further by the registry (PNG, or an allow-listed SVG) */
    picture: z.strictObject({ type: z.enum(['png', 'svg']), data: z.string().max(48 * 1024), widthMm: z.number(), heightMm: z.number() }).optional(),
  }),
  'seal.holders': z.strictObject({ esID, holders }),
  'seal.suspend': z.strictObject({ esID, reason: text(200).optional() }),
  'seal.resume': z.strictObject({ esID, reason: text(200).optional() }),
  'seal.revoke': z.strictObject({ esID, reason: text(200).optional() }),
}

export type SealCommandType = keyof typeof SEAL_COMMANDS
export type SealTypeName = keyof typeof SEAL_TYPES

export function isSealTypeName(name: string): name is SealTypeName {
  return Object.hasOwn(SEAL_TYPES, name)
}
