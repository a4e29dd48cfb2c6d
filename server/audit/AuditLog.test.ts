// The audit log's appends: a failure is the awaiting caller's to see and nobody else's (no
// unhandled rejection), no space is counted rather than thrown, and the checkpoint timer signs.
import { describe, expect, it, vi } from 'vitest'
import type { AuditEntry, AuditRecord } from '../../src/core/audit/chain'
import type { Storage } from '../../src/core/storage/types'
import { SpaceGuard } from '../storage/spaceGuard'
import { UnauthBudget } from '../auth/UnauthBudget'
import { AuditLog } from './AuditLog'

/** A store whose appends do what `append` says; records what was appended. */
function fakeStore(append: (entry: AuditEntry) => void): { storage: Storage; entries: AuditEntry[] } {
  const entries: AuditEntry[] = []
  let seq = 0
  const storage = {
    appendAudit: async (entry: AuditEntry | ((head: AuditRecord | null) => AuditEntry)) => {
      const e = typeof entry === 'function' ? entry({ seq, at: '', type: 'x', detail: null, prev: '', hash: '00' } as AuditRecord) : entry
      append(e)
      entries.push(e)
      return { ...e, seq: ++seq, prev: '', hash: '00' } as AuditRecord
    },
  } as unknown as Storage
  return { storage, entries }
}

const sign = (head: AuditRecord): AuditEntry => ({ at: new Date().toISOString(), type: 'audit.checkpoint', detail: { seq: head.seq } })

describe('AuditLog', () => {
  it('rejects to an awaiting caller, and leaves no unhandled rejection for one that does not await', async () => {
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const { storage } = fakeStore(() => {
        throw Object.assign(new Error('EIO'), { code: 'EIO' })
      })
      const log = new AuditLog(storage, new SpaceGuard(async () => undefined, 1000), { checkpointEvery: 100, checkpointSeconds: 60, sign })
      await expect(log.record('login.ok', {})).rejects.toThrow('EIO')
      void log.record('login.ok', {})
      await new Promise((r) => setTimeout(r, 50))
      expect(unhandled).not.toHaveBeenCalled()
      await log.close()
    } finally {
      process.off('unhandledRejection', unhandled)
      quiet.mockRestore()
    }
  })

  it('counts records it cannot write for want of space, writes the count when the probe finds space, then signs it', async () => {
    let full = true
    const { storage, entries } = fakeStore(() => {
      if (full) throw Object.assign(new Error('no space'), { code: 'ENOSPC' })
    })
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const space: SpaceGuard = new SpaceGuard((since) => log.recovered(since), 20)
    const log: AuditLog = new AuditLog(storage, space, { checkpointEvery: 100, checkpointSeconds: 0.05, sign })
    await log.record('doc.open', {})
    expect(space.full).toBe(true)
    await log.record('doc.open', {})
    full = false
    await vi.waitFor(() => expect(space.full).toBe(false))
    expect(entries[0]).toMatchObject({ type: 'storage.recovered', detail: { recordsLost: 2 } })
    await vi.waitFor(() => expect(entries.at(-1)?.type).toBe('audit.checkpoint'))
    quiet.mockRestore()
    space.close()
    await log.close()
  })
})

describe('UnauthBudget', () => {
  it('records an address up to its budget, turns away the rest, and sums them up in one record', async () => {
    const records: { type: string; detail: Record<string, unknown> }[] = []
    const budget = new UnauthBudget(async (type, detail) => void records.push({ type, detail }), { perAddressPerMinute: 3, allPerMinute: 100, windowMs: 60_000 })
    const spent = Array.from({ length: 10 }, () => budget.spend('10.0.0.1'))
    expect(spent.filter(Boolean)).toHaveLength(3)
    expect(budget.admits('10.0.0.1')).toBe(false)
    expect(budget.admits('10.0.0.2')).toBe(true)
    await budget.flush()
    expect(records).toEqual([{ type: 'audit.suppressed', detail: expect.objectContaining({ count: 8, addresses: { '10.0.0.1': 8 } }) }])
    await budget.flush()
    expect(records).toHaveLength(1)
  })

  it('bounds all addresses together, so many addresses cannot fill the log either', () => {
    const budget = new UnauthBudget(async () => undefined, { perAddressPerMinute: 3, allPerMinute: 5, windowMs: 60_000 })
    const spent = Array.from({ length: 20 }, (_, i) => budget.spend(`10.0.0.${i}`))
    expect(spent.filter(Boolean)).toHaveLength(5)
    void budget.close()
  })
})
