// Signed checkpoints of the audit chain: every so often (and on shutdown) the server appends a
// record whose detail carries its SM2 signature over the hash of the record before it. A
// checkpoint that does not verify, or a chain edited behind one, is caught by verifyAuditLog.
import { fromHex, toHex } from '../crypto/bytes'
import { sm2Sign, sm2Verify } from '../crypto/sm2'
import { verifyChain, type AuditEntry, type AuditRecord, type ChainProblem } from './chain'

export const CHECKPOINT_TYPE = 'audit.checkpoint'

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

export type AuditLogProblem = ChainProblem | { position: number; seq: number | null; reason: 'unreadable' | 'checkpoint' }

export interface AuditLogReport {
  records: number
  checkpoints: number
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
  const chain = verifyChain(records)
  if (chain) return { records: records.length, checkpoints: 0, problem: chain }
  let checkpoints = 0
  for (const r of records) {
    if (r.type !== CHECKPOINT_TYPE) continue
    const d = r.detail as unknown as CheckpointDetail
    const signed = records[d.seq - 1]
    const ok = signed !== undefined && signed.hash === d.hash && d.seq === r.seq - 1 && sm2Verify(fromHex(d.hash), fromHex(d.sig), publicKey)
    if (!ok) return { records: records.length, checkpoints, problem: { position: r.seq, seq: r.seq, reason: 'checkpoint' } }
    checkpoints++
  }
  return { records: records.length, checkpoints, problem: null }
}
