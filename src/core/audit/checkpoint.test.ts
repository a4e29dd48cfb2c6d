import { describe, expect, it } from 'vitest'
import { generateSm2KeyPair } from '../crypto/sm2'
import { chainRecord, type AuditRecord } from './chain'
import { checkpointEntry, verifyAuditLog } from './checkpoint'

const server = generateSm2KeyPair()

function log(n: number, everyN = 5): AuditRecord[] {
  const out: AuditRecord[] = []
  for (let i = 0; i < n; i++) {
    out.push(chainRecord(out.at(-1) ?? null, { at: '2026-11-22T10:00:00Z', type: 'login.ok', actor: 'zhangsan', detail: { i } }))
    if ((i + 1) % everyN === 0) out.push(chainRecord(out.at(-1)!, checkpointEntry(out.at(-1)!, server.privateKey, server.publicKey, new Date('2026-11-22T10:00:00Z'))))
  }
  return out
}

const lines = (records: AuditRecord[]): string[] => records.map((r) => JSON.stringify(r))

describe('signed audit checkpoints', () => {
  it('accepts an untouched log and counts its checkpoints', () => {
    expect(verifyAuditLog(lines(log(12)), server.publicKey)).toEqual({ records: 14, checkpoints: 2, problem: null })
  })

  it('refuses a checkpoint signed by another key', () => {
    expect(verifyAuditLog(lines(log(12)), generateSm2KeyPair().publicKey).problem).toMatchObject({ position: 6, reason: 'checkpoint' })
  })

  it('names an unreadable line by position', () => {
    const l = lines(log(6))
    l[2] = '{"seq":3,'
    expect(verifyAuditLog(l, server.publicKey).problem).toEqual({ position: 3, seq: null, reason: 'unreadable' })
  })

  it('catches a record edited and re-hashed behind a checkpoint', () => {
    const records = log(10)
    // an attacker rewrites record 2 and re-chains everything after it, but cannot re-sign
    const forged: AuditRecord[] = []
    for (const r of records) {
      const { seq: _s, prev: _p, hash: _h, ...entry } = r.seq === 2 ? { ...r, actor: 'mallory' } : r
      forged.push(chainRecord(forged.at(-1) ?? null, entry))
    }
    expect(verifyAuditLog(lines(forged), server.publicKey).problem).toMatchObject({ position: 6, reason: 'checkpoint' })
  })
})
