// The document flow's commands, each declared once with its payload schema. The server refuses
// a payload that does not match (unknown fields included) before anything is stored; the desk and
// the CLI check the same schema before they sign.
import * as z from 'zod'
import { ACCESS_LEVELS } from '../api/http'
import { FLOW_COMMAND_TYPES, type FlowCommandType } from './flow'
import { said, text, userId, userIds } from '../command/fields'

const ink = z.strictObject({
  strokes: z.array(z.array(z.number()).max(3000)).max(500),
  png: z.string().max(48 * 1024),
})

/** One schema for every flow verb: the reducer (checkCommand) says which fields a verb needs. */
export const flowPayload = z.strictObject({
  /** the visit the actor saw, so a late action is told who moved first */
  visit: z.number().int().min(0).optional(),
  opinion: text(2000).optional(),
  onBehalfOf: userId.optional(),
  reason: text(500).optional(),
  message: text(500).optional(),
  result: text(2000).optional(),
  /** next holders; for 退回 the target: 'drafter', a visit seq, or a user */
  to: z.union([userId, userIds(500), z.number().int().min(0)]).optional(),
  next: text(40).optional(),
  mode: z.enum(['any', 'parallel', 'sequential']).optional(),
  edit: z.boolean().optional(),
  limit: text(40).optional(),
  main: userIds(200).optional(),
  assist: userIds(200).optional(),
  circulate: userIds(500).optional(),
  /** 登记 / 签收 fields of an incoming document */
  fields: z.record(z.string().max(40), z.union([text(500), z.number(), z.boolean()])).refine((f) => Object.keys(f).length <= 40).optional(),
  ink: ink.optional(),
  /** 用印: the SES_Signature (base64 DER), the seal's esID, 骑缝章 */
  signature: z.string().max(60_000).regex(/^[A-Za-z0-9+/=]*$/).optional(),
  seal: text(64).optional(),
  perforation: z.boolean().optional(),
  /** 用印 on a 公文: the seal data signed (Signature.xml, base64) and the rendition it lists (SM3 of the unsigned OFD) */
  sealData: z.string().max(40_000).regex(/^[A-Za-z0-9+/=]*$/).optional(),
  rendition: z.string().regex(/^[0-9a-f]{64}$/).optional(),
})

const unitIds = z.array(z.string().min(1).max(64)).max(200)

/** 分发: to people (`to`), to units as 主送 / 抄送 (公文交换), or both. */
export const distributePayload = flowPayload.extend({
  units: z.strictObject({ main: unitIds.optional(), cc: unitIds.optional() }).optional(),
})

/** 编号: the 代字 chosen from the drafting unit's list (its first when absent). */
export const numberPayload = flowPayload.extend({ prefix: said(20).optional() })

/** 退文: the receiving 收发员 sends a distributed copy back, saying why. */
export const rejectPayload = flowPayload.extend({ reason: said(500) })

/** A unit's 发文 template and 收发员 (an administrator's act, on the directory). */
export const unitTemplatePayload = z.strictObject({
  unit: said(64),
  issuerMark: said(60),
  prefixes: z.array(said(20)).min(1).max(20),
  issuerName: said(60),
  printer: text(60),
  registrars: userIds(20).optional(),
})

/** What a flow verb's command carries, as the desk and the CLI compose it. */
export type FlowPayload = z.input<typeof flowPayload> & z.input<typeof distributePayload> & z.input<typeof numberPayload>

export const DOCFLOW_COMMANDS = {
  'unit.template': unitTemplatePayload,
  'doc.share': z.strictObject({ username: said(64), access: z.enum(ACCESS_LEVELS) }),
  'doc.rename': z.strictObject({ title: said(200) }),
  ...(Object.fromEntries(FLOW_COMMAND_TYPES.map((t) => [t, flowPayload])) as Record<FlowCommandType, typeof flowPayload>),
  'doc.distribute': distributePayload,
  'doc.number': numberPayload,
  'doc.reject': rejectPayload,
}
