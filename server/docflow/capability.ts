// The 公文 capability on the server: the flow's commands (one rule, which the other capabilities'
// hooks join), sharing and renaming a document room.
import { FLOW_COMMAND_TYPES } from '../../src/core/docflow/flow'
import type { Capability, CommandHooks } from '../commands/ruleContract'
import { docflowRule } from './docflowRule'
import { docRename, docShare } from './docRoomRules'

export function docflowCapability(hooks: readonly CommandHooks[]): Capability {
  return {
    name: 'docflow',
    rules: [
      [['doc.share'], docShare],
      [['doc.rename'], docRename],
      [FLOW_COMMAND_TYPES, docflowRule(hooks)],
    ],
  }
}
