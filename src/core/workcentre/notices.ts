// The inbox room's notices beside the work list: a notice that asks for something (请回执, 请审核,
// 借阅申请) is the item itself, shown in 待办 and gone when done — never a banner left behind; a
// 催办 shows while its 公文 is still the user's to do; the rest (退回, 未通过, 已确认 …) are news,
// shown until the user has seen them.
import type { InboxNotice } from '../docflow/inbox'
import type { WorkItem } from './model'

/** Notices that ask for an action the work list carries: meeting notices (回执), review and loan requests. */
export function isRequest(n: InboxNotice): boolean {
  if (n.kind === 'meeting') return n.room.startsWith('meeting:') || /请审核/.test(n.message)
  if (n.kind === 'archive') return /^申请借阅/.test(n.message)
  return false
}

/** The notices worth showing now, newest first: no request (its item is in 待办), no 催办 of work already done, none dismissed. */
export function noticeFeed(notices: readonly InboxNotice[], items: readonly WorkItem[], dismissed: ReadonlySet<string>, limit = 5): InboxNotice[] {
  const open = new Set(items.filter((i) => i.box !== 'done').map((i) => i.room))
  return notices
    .filter((n) => !dismissed.has(n.id) && !isRequest(n) && (n.kind !== 'urge' || open.has(n.room)))
    .slice()
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, limit)
}
