// Search, filters, sort and counts over the work list, as pure functions: the desk's tabs and
// `zt inbox` show the same order and the same numbers.
import { foldScript } from '../text/foldScript'
import type { DueState } from '../docflow/flow'
import { WORK_KINDS, type WorkBox, type WorkItem, type WorkKind } from './model'

export type WorkSort = 'urgency' | 'arrived' | 'due'

export interface WorkQuery {
  box: WorkBox
  /** words to find in the title, what is asked, the sender or the 文号 (either script) */
  text?: string
  kinds?: readonly WorkKind[]
  urgencies?: readonly string[]
  dues?: readonly DueState[]
  sort?: WorkSort
}

const URGENCY_RANK: Record<string, number> = { 特急: 0, 加急: 1 }
const DUE_RANK: Record<DueState, number> = { overdue: 0, soon: 1, ok: 2, none: 3 }
const dueTime = (d: string | undefined): number => (!d ? Infinity : Date.parse(d.length === 10 ? `${d}T23:59:59+08:00` : d))

/** The default order of 待办: 特急 first, then what is late or nearly late, then the newest. */
export function compareWork(sort: WorkSort): (a: WorkItem, b: WorkItem) => number {
  const arrived = (a: WorkItem, b: WorkItem): number => b.arrivedAt.localeCompare(a.arrivedAt) || a.key.localeCompare(b.key)
  if (sort === 'arrived') return arrived
  if (sort === 'due') return (a, b) => dueTime(a.dueAt) - dueTime(b.dueAt) || arrived(a, b)
  return (a, b) => (URGENCY_RANK[a.urgency] ?? 2) - (URGENCY_RANK[b.urgency] ?? 2) || DUE_RANK[a.due] - DUE_RANK[b.due] || arrived(a, b)
}

export function matchesText(item: WorkItem, text: string): boolean {
  const words = foldScript(text.trim().toLowerCase()).split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const hay = foldScript([item.title, item.action, item.from, item.docNumber ?? ''].join(' ').toLowerCase())
  return words.every((w) => hay.includes(w))
}

/** The items of one box that pass the query, in its order. */
export function queryWork(items: readonly WorkItem[], q: WorkQuery): WorkItem[] {
  return items
    .filter((i) => i.box === q.box
      && (!q.kinds?.length || q.kinds.includes(i.kind))
      && (!q.urgencies?.length || q.urgencies.includes(i.urgency))
      && (!q.dues?.length || q.dues.includes(i.due))
      && (!q.text || matchesText(i, q.text)))
    .sort(compareWork(q.sort ?? 'urgency'))
}

/** How many items of each kind a box holds. */
export function countByKind(items: readonly WorkItem[], box: WorkBox): Record<WorkKind, number> {
  const counts = Object.fromEntries(WORK_KINDS.map((k) => [k, 0])) as Record<WorkKind, number>
  for (const i of items) if (i.box === box) counts[i.kind]++
  return counts
}

export function countBox(items: readonly WorkItem[], box: WorkBox): number {
  return items.reduce((n, i) => n + (i.box === box ? 1 : 0), 0)
}
