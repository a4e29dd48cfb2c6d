// Signed checkpoints of the audit chain: every so often (and on shutdown) the server appends a
// record whose detail carries its SM2 signature over the hash of the record before it. A
// checkpoint that does not verify, or a chain edited behind one, is caught by verifyAuditLog.
import { fromHex, toHex } from '../crypto/bytes'
import { sm2Sign, sm2Verify } from '../crypto/sm2'
import { verifyChain, type AuditEntry, type AuditRecord, type ChainProblem } from './chain'

export const CHECKPOINT_TYPE = 'audit.checkpoint'
/** written when records older than the retention period are removed; a checkpoint follows it */
export const PRUNED_TYPE = 'audit.pruned'

export interface PrunedDetail {
  /** the last seq removed */
  throughSeq: number
  retentionDays: number
}

export interface CheckpointDetail {
  /** seq and hash of the record this checkpoint signs */
  seq: number
  hash: string
  sig: string
}

export function checkpointEntry(head: AuditRecord, privateKey: string, publicKey: string, at: Date): AuditEntry {
  const sig = toHex(sm2Sign(fromHex(head.hash), privateKey, { publicKey }))
  const detail: CheckpointDetail = { seq: head.seq, hash: head.hash, sig }
  return { at: at.toISOString(), type: CHECKPOINT_TYPE, detail: { ...detail } }
}

export type AuditLogProblem = ChainProblem | { position: number; seq: number | null; reason: 'unreadable' | 'checkpoint' | 'pruned' }

export interface AuditLogReport {
  records: number
  checkpoints: number
  /** records 1…n were removed under the retention period (and the log says so, signed) */
  prunedThrough?: number
  problem: AuditLogProblem | null
}

/** Checks a stored log (one JSON record a line): readable, chained, and every checkpoint signed by `publicKey`. */
export function verifyAuditLog(lines: readonly string[], publicKey: string): AuditLogReport {
  const records: AuditRecord[] = []
  for (let i = 0; i < lines.length; i++) {
    try {
      records.push(JSON.parse(lines[i]!) as AuditRecord)
    } catch {
      return { records: i, checkpoints: 0, problem: { position: i + 1, seq: null, reason: 'unreadable' } }
    }
  }
  const chain = verifyChain(records, { prunedStart: true })
  if (chain) return { records: records.length, checkpoints: 0, problem: chain }
  const start = records[0]?.seq ?? 1
  // A pruned log must begin at a checkpoint (its signature vouches for the link to what was
  // removed) and must record the pruning itself, under a later checkpoint: cutting a prefix off
  // is otherwise indistinguishable from pruning.
  if (start > 1) {
    const anchor = records[0]!
    const prunedAt = records.findIndex((r) => r.type === PRUNED_TYPE && (r.detail as unknown as PrunedDetail).throughSeq === start - 1)
    const signedAfter = prunedAt >= 0 && records.slice(prunedAt + 1).some((r) => r.type === CHECKPOINT_TYPE)
    if (anchor.type !== CHECKPOINT_TYPE || !signedAfter) return { records: records.length, checkpoints: 0, problem: { position: 1, seq: anchor.seq, reason: 'pruned' } }
  }
  let checkpoints = 0
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!
    if (r.type !== CHECKPOINT_TYPE) continue
    const d = r.detail as unknown as CheckpointDetail
    // the record signed is the one before; for the first record of a pruned log it is gone, and
    // the checkpoint's own `prev` names its hash
    const signedHash = i === 0 ? r.prev : records[i - 1]!.hash
    const ok = d.seq === r.seq - 1 && signedHash === d.hash && sm2Verify(fromHex(d.hash), fromHex(d.sig), publicKey)
    if (!ok) return { records: records.length, checkpoints, problem: { position: i + 1, seq: r.seq, reason: 'checkpoint' } }
    checkpoints++
  }
  return { records: records.length, checkpoints, ...(start > 1 ? { prunedThrough: start - 1 } : {}), problem: null }
}
