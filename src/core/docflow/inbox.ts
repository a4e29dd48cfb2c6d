// A user's 待办 / 已办 / 办结 (ARCHITECTURE.md §3.1, room `inbox:<userId>`): one item per document
// the user is on the route of, derived from the flow state; the server writes it, the lists read it.
import type { Duty, FlowState } from './flow'
import { currentHandlers } from './flow'
import { stepName, type DutyKind, type FlowKind, type StepId } from './definitions'

export type InboxBox = 'todo' | 'done' | 'finished'

export interface InboxItem {
  room: string
  title: string
  docType: string
  urgency: string
  classification: string
  kind: FlowKind
  step: StepId
  stepName: string
  box: InboxBox
  /** who sent the document to its current step (name) */
  from: string
  /** when it reached the current step */
  arrivedAt: string
  dueAt?: string
  docNumber?: string
  /** what the user is asked to do now, when the item is 待办 */
  duty?: DutyKind
  /** seq of the flow event that last changed this item */
  seq: number
}

export interface InboxNotice {
  id: string
  room: string
  title: string
  kind: 'urge' | 'returned' | 'rejected' | 'meeting' | 'archive'
  from: string
  message: string
  at: string
}

export function inboxItemFor(
  state: FlowState,
  user: string,
  doc: { room: string; title: string; docType: string; urgency: string; classification: string; source?: string },
  nameOf: (id: string) => string,
): InboxItem | null {
  if (!state.participants.includes(user)) return null
  const todo = currentHandlers(state).includes(user)
  const duty: Duty | undefined = todo ? state.visit.duties.find((d) => !d.done && (d.user === user || d.delegate === user)) : undefined
  const { source, ...fields } = doc
  return {
    ...fields,
    kind: state.kind,
    step: state.visit.step,
    stepName: stepName(state.kind, state.visit.step),
    box: state.ended ? 'finished' : todo ? 'todo' : 'done',
    // a copy received by 分发 comes from the sending 机关 until someone here passes it on
    from: source && state.visit.by === state.drafter ? source : nameOf(state.visit.by),
    arrivedAt: state.visit.at,
    ...(state.visit.dueAt ? { dueAt: state.visit.dueAt } : {}),
    ...(state.docNumber ? { docNumber: state.docNumber } : {}),
    ...(duty ? { duty: duty.kind } : {}),
    seq: state.lastSeq,
  }
}
