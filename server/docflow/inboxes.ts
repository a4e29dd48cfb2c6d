// A 公文's own entries in its participants' inboxes: the 待办/已办 line each one sees, and the
// notices a step sends (催办, and a 退文 to the clerk who distributed).
import type { Command } from '../../src/core/command/envelope'
import type { DocContent } from '../../src/core/docflow/content'
import type { FlowState } from '../../src/core/docflow/flow'
import { inboxItemFor, type InboxNotice } from '../../src/core/docflow/inbox'
import { inboxRoom } from '../../src/core/sync/roomName'
import type { RuleContext } from '../commands/ruleContract'

/** `source`: for a copy received by 分发, who sent it (来文机关), shown until someone acts on it. */
export async function writeInboxes(room: string, state: FlowState, content: DocContent, deps: Pick<RuleContext, 'storage' | 'writeRoom'>, source?: string): Promise<void> {
  const nameOf = (id: string): string => deps.storage.userById(id)?.name ?? id
  const doc = { room, title: content.meta.title, docType: content.meta.docType, urgency: content.meta.urgency, classification: content.meta.classification, ...(source ? { source } : {}) }
  for (const user of state.participants) {
    const item = inboxItemFor(state, user, doc, nameOf)
    if (item) await deps.writeRoom(inboxRoom(user), (inbox) => inbox.getMap('items').set(room, item))
  }
}

export async function notify(deps: Pick<RuleContext, 'storage' | 'writeRoom'>, state: FlowState, cmd: Command, content: DocContent, kind: InboxNotice['kind'], message: string): Promise<void> {
  const from = deps.storage.userById(cmd.actor)?.name ?? cmd.actor
  const targets = state.visit.duties.filter((d) => !d.done).map((d) => d.delegate ?? d.user)
  for (const user of new Set(targets)) {
    const notice: InboxNotice = { id: cmd.id, room: cmd.room, title: content.meta.title, kind, from, message, at: cmd.at }
    await deps.writeRoom(inboxRoom(user), (inbox) => inbox.getArray('notices').push([notice]))
  }
}

