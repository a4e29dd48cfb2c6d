// The audit log as a hash chain (ARCHITECTURE.md §3.8): each record carries SM3 of the previous
// record, and checkpoints sign the head. Editing, deleting, reordering or inserting any record
// breaks the chain at that position; `verifyChain` names the first one that does not fit.
import { canonicalJson, type Json } from '../crypto/canonicalJson'
import { utf8 } from '../crypto/bytes'
import { sm3Hex } from '../crypto/sm3'

export const GENESIS_HASH = '0'.repeat(64)

export interface AuditRecord {
  seq: number
  at: string
  type: string
  actor?: string
  detail: Json
  /** SM3 hex of the previous record (GENESIS_HASH for the first) */
  prev: string
  /** SM3 hex of this record's canonical JSON without `hash` */
  hash: string
}

export type AuditEntry = Omit<AuditRecord, 'seq' | 'prev' | 'hash'>

export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  const { seq, at, type, actor, detail, prev } = record
  return sm3Hex(utf8(canonicalJson({ seq, at, type, actor, detail, prev })))
}

/** The record that follows `head` (null for an empty log). */
export function chainRecord(head: AuditRecord | null, entry: AuditEntry): AuditRecord {
  const unhashed = { ...entry, seq: head ? head.seq + 1 : 1, prev: head ? head.hash : GENESIS_HASH }
  return { ...unhashed, hash: hashRecord(unhashed) }
}

export type ChainProblem = { position: number; seq: number | null; reason: 'hash' | 'link' | 'sequence' }

/**
 * Checks every record in order; returns the first problem, or null when the chain is whole. A log
 * whose older records were pruned (retention) starts at a later seq; its first record's `prev` is
 * then taken as given here (with `prunedStart`), and `verifyAuditLog` requires that record to be a signed checkpoint.
 */
export function verifyChain(records: readonly AuditRecord[], options: { prunedStart?: boolean } = {}): ChainProblem | null {
  const first = records[0]
  const start = options.prunedStart && first && Number.isInteger(first.seq) && first.seq > 1 ? first.seq : 1
  let prev = start > 1 ? first!.prev : GENESIS_HASH
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!
    if (r.seq !== start + i) return { position: i + 1, seq: r.seq ?? null, reason: 'sequence' }
    if (r.prev !== prev) return { position: i + 1, seq: r.seq, reason: 'link' }
    if (hashRecord(r) !== r.hash) return { position: i + 1, seq: r.seq, reason: 'hash' }
    prev = r.hash
  }
  return null
}
