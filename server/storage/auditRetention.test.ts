// Audit retention: records older than the period go, cut at a signed checkpoint, and the pruning
// is itself recorded and signed — so a pruned log still verifies, and a prefix cut off by anyone
// else does not.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AuditRecord } from '../../src/core/audit/chain'
import { checkpointEntry, verifyAuditLog } from '../../src/core/audit/checkpoint'
import { generateSm2KeyPair } from '../../src/core/crypto/sm2'
import { EmbeddedStorage } from './EmbeddedStorage'

const DAY = 86_400_000
const key = generateSm2KeyPair()
const sign = (head: AuditRecord | null, at: Date) => checkpointEntry(head!, key.privateKey, key.publicKey, at)

async function logWithHistory(): Promise<{ storage: EmbeddedStorage; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'zt-audit-'))
  const storage = await EmbeddedStorage.open(dir)
  const now = Date.now()
  // 400, 300 and 10 days ago, each batch closed by a checkpoint
  for (const age of [400, 300, 10]) {
    const at = new Date(now - age * DAY)
    for (let i = 0; i < 3; i++) await storage.appendAudit({ at: at.toISOString(), type: 'login.ok', actor: `u${i}`, detail: { age } })
    await storage.appendAudit((head) => sign(head, at))
  }
  return { storage, file: join(dir, 'audit.log') }
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '')

describe('audit retention', () => {
  it('removes only records older than the period, at a checkpoint, and the pruned log verifies', async () => {
    const { storage, file } = await logWithHistory()
    const through = await storage.pruneAudit(new Date(Date.now() - 365 * DAY), 365)
    expect(through).toBe(3) // the 400-day batch; its checkpoint stays as the signed first record
    await storage.appendAudit((head) => sign(head, new Date()))
    await storage.close()
    const records = lines(file).map((l) => JSON.parse(l) as AuditRecord)
    expect(records[0]!.type).toBe('audit.checkpoint')
    expect(records.filter((r) => (r.detail as { age?: number }).age === 400)).toHaveLength(0)
    expect(records.filter((r) => (r.detail as { age?: number }).age === 300)).toHaveLength(3)
    const report = verifyAuditLog(lines(file), key.publicKey)
    expect(report.problem).toBeNull()
    expect(report.prunedThrough).toBe(3)
  })

  it('keeps everything younger than the period', async () => {
    const { storage, file } = await logWithHistory()
    const before = lines(file).length
    expect(await storage.pruneAudit(new Date(Date.now() - 500 * DAY), 500)).toBe(0)
    await storage.close()
    expect(lines(file)).toHaveLength(before)
  })

  it('detects a prefix cut off without a signed pruning record', async () => {
    const { storage, file } = await logWithHistory()
    await storage.close()
    // drop the first batch up to (not including) its checkpoint, as an intruder would
    writeFileSync(file, lines(file).slice(3).join('\n') + '\n')
    const report = verifyAuditLog(lines(file), key.publicKey)
    expect(report.problem).toMatchObject({ position: 1, reason: 'pruned' })
  })
})
