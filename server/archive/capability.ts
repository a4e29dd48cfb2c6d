// The 电子档案 capability on the server: filing, signing, checking, lending and correcting records,
// and its part in a 公文's life — at 办结, the record joins the archivist's 待归档 list.
import { ARCHIVE_ROOM, type PendingRecord } from '../../src/core/archive/catalogue'
import type { Capability, FlowStep, RuleContext } from '../commands/ruleContract'
import { borrowRule, checkRule, fileRule, lendRule, reviseRule, settingsRule, signRule } from './archiveRules'

/** 办结: a 公文 (not a 用印申请) now waits in the archivist's 待归档. */
async function listPending({ cmd, record, content, state, after }: FlowStep, ctx: RuleContext): Promise<void> {
  if (after.visit.step !== 'done' || state.visit.step === 'done' || after.kind === 'sealrequest') return
  const owner = ctx.storage.userById(record.owner)
  const unit = ctx.storage.units().find((u) => u.id === owner?.unitId)
  const pending: PendingRecord = {
    room: cmd.room, title: content.meta.title, docType: content.meta.docType, docNumber: after.docNumber ?? '', unitId: unit?.id ?? '', unitName: unit?.name ?? '',
    classification: content.meta.classification, doneAt: cmd.at,
  }
  await ctx.writeRoom(ARCHIVE_ROOM, (doc) => doc.getMap('pending').set(cmd.room, pending))
}

export const archiveCapability: Capability = {
  name: 'archive',
  rules: [
    [['archive.file'], fileRule],
    [['archive.sign'], signRule],
    [['archive.check'], checkRule],
    [['archive.borrow'], borrowRule],
    [['archive.lend'], lendRule],
    [['archive.revise'], reviseRule],
    [['archive.settings'], settingsRule],
  ],
  hooks: { afterFlowStep: listPending },
}
