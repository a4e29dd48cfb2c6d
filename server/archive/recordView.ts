// 利用: a borrower reads the 正本 of a record while their loan is in force; an archivist always
// may. Every view is logged (the audit chain, and a count on the loan the archivist sees).
import { ARCHIVE_ROOM, loanActive, readArchive, type Loan } from '../../src/core/archive/catalogue'
import { agencyDay } from '../../src/core/text/formatDate'
import { readEep } from '../../src/core/archive/eepRead'
import { FILE_NAMES } from '../../src/core/archive/recordFiles'
import { fromUtf8 } from '../../src/core/crypto/bytes'
import { archivistMayRead, isArchivist } from '../../src/core/archive/policy'
import type { Storage, UserRecord } from '../../src/core/storage/types'

export interface ViewDeps {
  storage: Storage
  readRoom<T>(room: string, read: (doc: import('yjs').Doc) => T): Promise<T>
  writeRoom(room: string, change: (doc: import('yjs').Doc) => void): Promise<void>
}

export type ViewOutcome = { pdf: Uint8Array; loan?: Loan } | { error: 'no_such_record' | 'no_active_loan' }

/**
 * May `user` fetch the archive blob `sm3` (a package, or one waiting for its signature)? Only an
 * archivist cleared for the record's 密级: the archive room alone does not say so.
 */
export async function mayReadArchiveBlob(deps: ViewDeps, user: UserRecord, sm3: string): Promise<boolean> {
  if (!isArchivist(user)) return false
  const { catalogue } = await deps.readRoom(ARCHIVE_ROOM, readArchive)
  const entry = catalogue.find((e) => e.packageSm3 === sm3 || e.tbsSm3 === sm3 || e.revisions?.some((r) => r.previousSm3 === sm3))
  return !!entry && archivistMayRead(user, entry.classification)
}

export async function viewOriginal(deps: ViewDeps, user: UserRecord, code: string, now: Date): Promise<ViewOutcome> {
  const archive = await deps.readRoom(ARCHIVE_ROOM, readArchive)
  const entry = archive.catalogue.find((e) => e.code === code && e.packageSm3)
  if (!entry) return { error: 'no_such_record' }
  const archivist = archivistMayRead(user, entry.classification)
  const loan = archive.loans.find((l) => l.code === code && l.borrower === user.id && loanActive(l, agencyDay(now)))
  if (!archivist && !loan) return { error: 'no_active_loan' }
  const read = readEep(fromUtf8(await deps.storage.readBlob(entry.packageSm3!)))
  const pdf = read.ok ? read.eep.carried.find((f) => f.name === FILE_NAMES.original)?.bytes : null
  if (!pdf) return { error: 'no_such_record' }
  if (loan) {
    const viewed: Loan = { ...loan, views: (loan.views ?? 0) + 1, lastViewedAt: now.toISOString() }
    await deps.writeRoom(ARCHIVE_ROOM, (doc) => doc.getMap('loans').set(loan.id, viewed))
  }
  return { pdf, ...(loan ? { loan } : {}) }
}
