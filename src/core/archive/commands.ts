// 电子档案's commands, each declared once with its payload schema.
import * as z from 'zod'
import { RETENTIONS } from './archivalCode'
import { calendarDay, said, text } from '../command/fields'

const code = text(80).min(1)

export const ARCHIVE_COMMANDS = {
  'archive.file': z.strictObject({ doc: text(100).min(1), retention: z.enum(RETENTIONS as [string, ...string[]]).optional(), org: text(20).optional() }),
  'archive.sign': z.strictObject({ code, locks: text(64).optional(), lockedSm3: z.string().regex(/^[0-9a-f]{64}$/).optional() }),
  'archive.check': z.strictObject({ code }),
  'archive.borrow': z.strictObject({ code, reason: said(200), from: calendarDay, until: calendarDay }),
  'archive.lend': z.strictObject({ loan: text(64).min(1), approve: z.boolean(), reason: text(200).optional() }),
  'archive.revise': z.strictObject({ code, reason: said(500), changes: z.strictObject({ responsible: text(500).optional(), keywords: text(500).optional(), note: text(500).optional() }) }),
  'archive.settings': z.strictObject({ fondsCode: text(8), fondsName: text(100), agencyName: text(100), archiveName: text(100), archiveCode: text(20).optional() }),
}
