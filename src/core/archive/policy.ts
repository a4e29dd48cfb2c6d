// Who may do what in the archive, and within which bounds: policy, not I/O, so it lives here once
// for the server's rules (server/archive/), the 利用 routes and any client that pre-judges.
import { isClearance, mayRead, type Clearance } from '../directory/model'
import type { Refusal } from '../docflow/flow'
import type { RoomRecord, UserRecord } from '../storage/types'

type Person = Pick<UserRecord, 'roles' | 'clearance'>

/** the longest 借阅, in days */
export const MAX_LOAN_DAYS = 90

export const isArchivist = (person: Pick<UserRecord, 'roles'>): boolean => person.roles.includes('archivist')

/** May a person cleared for `clearance` read a record at `level`? An unknown 密级 is read by nobody. */
export function clearedForRecord(clearance: Clearance, level: string): boolean {
  return isClearance(level) && mayRead(clearance, level)
}

/** 归档: why `actor` may not file the 公文 `record` (undefined: no such room); null when they may. */
export function fileProblem(actor: Person, record: RoomRecord | undefined): Refusal | null {
  if (!isArchivist(actor)) return { code: 'not_archivist' }
  if (!record?.flowKind || record.flowKind === 'sealrequest') return { code: 'not_found' }
  if (record.step !== 'done') return { code: 'not_finished' }
  // the archivist reads what they file: never above their clearance (a document without a 密级 is 非密)
  if (record.classification && !clearedForRecord(actor.clearance, record.classification)) return { code: 'record_above_clearance', params: { level: record.classification } }
  return null
}

/** 借阅: why `actor` may not borrow a record at `level` for this period; null when they may. */
export function loanProblem(actor: Person, level: string, loan: { reason: string; from: string; until: string }, today: string): Refusal | null {
  if (!clearedForRecord(actor.clearance, level)) return { code: 'record_above_clearance', params: { level } }
  const days = (Date.parse(loan.until) - Date.parse(loan.from)) / 86_400_000
  if (!loan.reason.trim() || loan.until < loan.from || loan.until < today || days > MAX_LOAN_DAYS) return { code: 'bad_loan' }
  return null
}

/** 审批借阅: only an archivist decides a loan. */
export function lendProblem(actor: Person): Refusal | null {
  return isArchivist(actor) ? null : { code: 'not_archivist_lend' }
}

/** May `person` read a filed record's package or 正本 by role, without a loan? An archivist cleared for it. */
export function archivistMayRead(person: Person, level: string): boolean {
  return isArchivist(person) && clearedForRecord(person.clearance, level)
}
