// The 电子印章 capability on the server: the seal registry's commands, and its part in a 公文's
// 用印 — the seal a doc.seal carries is verified before the step is accepted (sealApply.ts), and
// each seal applied is written to the 用印日志 in the `seals` room.
import { fromBase64 } from '../../src/core/pki/der'
import { flowVerb } from '../../src/core/docflow/flow'
import { parseSignature } from '../../src/core/seal/ses'
import { SEAL_COMMAND_TYPES } from '../../src/core/seal/registry'
import { SEALS_ROOM } from '../../src/core/sync/roomName'
import type { Capability, FlowStep, RuleContext } from '../commands/ruleContract'
import { checkSealApplication, checkSealRequestSubmission } from './sealApply'
import { sealRule } from './sealRule'

/** 用印日志: every electronic seal applied, for the 印章管理员's log view (the audit chain has it too). */
async function logSealUse({ cmd, seq, content, after }: FlowStep, ctx: RuleContext): Promise<void> {
  if (flowVerb(cmd.type) !== 'seal' || typeof cmd.payload.signature !== 'string') return
  const seal = parseSignature(fromBase64(cmd.payload.signature)).seal.info
  const line = { seq, esID: seal.esID, sealName: seal.name, by: cmd.actor, room: cmd.room, title: content.meta.title, docNumber: after.docNumber ?? '', at: cmd.at }
  await ctx.writeRoom(SEALS_ROOM, (doc) => doc.getArray('log').push([line]))
}

export const sealCapability: Capability = {
  name: 'seal',
  rules: [[SEAL_COMMAND_TYPES, sealRule]],
  hooks: {
    checkFlowStep: async (cmd, flow, ctx) => (await checkSealApplication(cmd, flow, ctx)) ?? (await checkSealRequestSubmission(cmd, flow, ctx)),
    afterFlowStep: logSealUse,
  },
}
