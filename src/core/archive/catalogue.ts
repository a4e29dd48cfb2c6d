// The archive (the `archive` room, server-written, read by archivists): its settings (全宗), the
// documents waiting to be filed (待归档), the catalogue (档案目录) with each record's package and
// latest 四性检测, and loans (借阅). Read the same way by server, CLI and desktop.
import type * as Y from 'yjs'
import type { Retention } from './archivalCode'
import type { CheckReport } from './fourChecks'

export const ARCHIVE_ROOM = 'archive'

export interface ArchiveSettings {
  fondsCode: string
  fondsName: string
  agencyName: string
  archiveName: string
  archiveCode: string
}

/** A 公文 that reached 办结 and waits for the archivist. */
export interface PendingRecord {
  room: string
  title: string
  docType: string
  docNumber: string
  unitId: string
  unitName: string
  classification: string
  doneAt: string
}

export interface CatalogueEntry {
  code: string
  room: string
  title: string
  responsible: string
  /** YYYYMMDD */
  date: string
  docType: string
  docNumber: string
  retention: Retention
  classification: string
  pages: number
  filedBy: string
  filedAt: string
  /** signing: numbered, waiting for the archivist's signature; filed: the package is kept */
  status: 'signing' | 'filed'
  /** SM3 of the 被签名对象 the archivist signs */
  tbsSm3: string
  packageSm3?: string
  packageSize?: number
  /** the packages this record's corrections replaced (修改型 keeps each whole inside the next), oldest first */
  revisions?: { previousSm3: string; at: string; by: string; reason: string }[]
  /** a correction numbered and built, waiting for the archivist's signature and 锁定签名 */
  revising?: RevisionPending
}

/** What the archivist's signature of a correction must name: the signature it locks and its SM3. */
export interface RevisionPending {
  /** 修改标识符: 修改1, 修改2 … */
  id: string
  reason: string
  at: string
  /** the archivist correcting it, who signs the correction */
  by: string
  previousSm3: string
  /** 签名标识符 of the signature being locked */
  locks: string
  /** SM3 of that signature's 签名结果 */
  lockedSm3: string
}

export type LoanStatus = 'requested' | 'approved' | 'refused' | 'returned'

export interface Loan {
  id: string
  code: string
  title: string
  borrower: string
  reason: string
  /** requested period, YYYY-MM-DD inclusive */
  from: string
  until: string
  status: LoanStatus
  requestedAt: string
  decidedBy?: string
  decidedAt?: string
  refusal?: string
  /** how often the borrower opened it (each view is also in the audit chain) */
  views?: number
  lastViewedAt?: string
}

export interface ArchiveState {
  settings: ArchiveSettings | null
  pending: PendingRecord[]
  catalogue: CatalogueEntry[]
  checks: Record<string, CheckReport>
  loans: Loan[]
}

export const EMPTY_ARCHIVE: ArchiveState = { settings: null, pending: [], catalogue: [], checks: {}, loans: [] }

export function readArchive(doc: Y.Doc): ArchiveState {
  const settings = doc.getMap('settings')
  return {
    settings: settings.size ? (settings.toJSON() as ArchiveSettings) : null,
    pending: [...doc.getMap<PendingRecord>('pending').values()].sort((a, b) => a.doneAt.localeCompare(b.doneAt)),
    catalogue: [...doc.getMap<CatalogueEntry>('catalogue').values()].sort((a, b) => a.code.localeCompare(b.code)),
    checks: Object.fromEntries(doc.getMap<CheckReport>('checks').entries()),
    loans: readLoans(doc),
  }
}

/** Loans, newest first: all of them in the archive room, a borrower's own in their inbox room. */
export const readLoans = (doc: Y.Doc): Loan[] => [...doc.getMap<Loan>('loans').values()].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))

/** Is a loan in force on `day` (YYYY-MM-DD, the agency's date)? It ends by itself after `until`. */
export const loanActive = (loan: Loan, day: string): boolean => loan.status === 'approved' && loan.from <= day && day <= loan.until
