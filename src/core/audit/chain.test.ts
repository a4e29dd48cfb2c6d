import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { chainRecord, verifyChain, type AuditRecord } from './chain'

function build(n: number): AuditRecord[] {
  const out: AuditRecord[] = []
  for (let i = 0; i < n; i++) {
    out.push(chainRecord(out.at(-1) ?? null, { at: `2026-11-22T10:${String(i % 60).padStart(2, '0')}:00Z`, type: 'login.ok', actor: `user${i}`, detail: { ip: '127.0.0.1', n: i } }))
  }
  return out
}

describe('audit hash chain', () => {
  it('accepts an untouched chain', () => {
    expect(verifyChain(build(20))).toBeNull()
    expect(verifyChain([])).toBeNull()
  })

  it('names the first bad record after any edit, deletion, reorder or insertion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.nat(), fc.constantFrom('edit', 'delete', 'swap', 'insert'), (n, pick, kind) => {
        const log = build(n)
        const at = pick % (n - 1) // 0-based position of the damage
        switch (kind) {
          case 'edit':
            log[at] = { ...log[at]!, actor: 'mallory' }
            break
          case 'delete':
            log.splice(at, 1)
            break
          case 'swap':
            ;[log[at], log[at + 1]] = [log[at + 1]!, log[at]!]
            break
          case 'insert':
            log.splice(at, 0, { ...log[at]! })
            break
        }
        const problem = verifyChain(log)
        expect(problem).not.toBeNull()
        expect(problem!.position).toBe(kind === 'insert' ? at + 2 : at + 1)
      }),
    )
  })
})
