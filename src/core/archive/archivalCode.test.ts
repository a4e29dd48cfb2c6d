import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assignItem, defaultRetention, formatArchivalCode, itemContinuity, parseArchivalCode, seriesOf, type Retention } from './archivalCode'

describe('档号', () => {
  it('is written 全宗号-WS·年度-期限-机构-件号 with a four-digit 件号, and read back', () => {
    const code = { fonds: 'Z109', category: 'WS' as const, year: 2011, retention: 'Y' as const, org: 'BGS', item: 1 }
    expect(formatArchivalCode(code)).toBe('Z109-WS·2011-Y-BGS-0001')
    expect(parseArchivalCode('Z109-WS·2011-Y-BGS-0001')).toEqual(code)
    for (const bad of ['Z109-WS2011-Y-BGS-0001', 'Z109-WS·2011-D20-BGS-0001', 'Z109-WS·2011-Y-BGS-1', 'Z109-WS·2011-Y-BGS-0000', 'z109-WS·2011-Y-BGS-0001']) expect(parseArchivalCode(bad)).toBeNull()
  })

  it('keeps what binds for ever, correspondence ten years, and the leadership’s one grade longer', () => {
    expect(defaultRetention('决定', false)).toBe('Y')
    expect(defaultRetention('通知', false)).toBe('D30')
    expect(defaultRetention('函', false)).toBe('D10')
    expect(defaultRetention('函', true)).toBe('D30')
    expect(defaultRetention('通知', true)).toBe('Y')
  })

  it('finds gaps and duplicates of 件号 per series', () => {
    expect(itemContinuity(['Z1-WS·2026-Y-BGS-0001', 'Z1-WS·2026-Y-BGS-0003', 'Z1-WS·2026-Y-BGS-0003', 'Z1-WS·2026-D10-BGS-0001'])).toEqual([
      { series: 'Z1-WS·2026-Y-BGS', missing: [2], duplicated: [3] },
      { series: 'Z1-WS·2026-D10-BGS', missing: [], duplicated: [] },
    ])
  })

  it('never gives a 件号 twice nor skips one, whatever order filings arrive in and whichever fail their checks', () => {
    const request = fc.record({ retention: fc.constantFrom<Retention>('Y', 'D30', 'D10'), org: fc.constantFrom('BGS', 'CWC'), year: fc.constantFrom(2025, 2026), passes: fc.boolean() })
    fc.assert(fc.property(fc.array(request, { maxLength: 60 }), (requests) => {
      // the server: one command at a time; the counter moves only with an accepted filing
      const counters = new Map<string, number>()
      const filed: string[] = []
      for (const r of requests) {
        const series = seriesOf({ fonds: 'Z109', ...r })
        const item = assignItem(counters.get(series) ?? 0, filed, series)
        if (!r.passes) continue
        counters.set(series, item)
        filed.push(formatArchivalCode({ fonds: 'Z109', category: 'WS', ...r, item }))
      }
      expect(new Set(filed).size).toBe(filed.length)
      for (const s of itemContinuity(filed)) expect(s).toMatchObject({ missing: [], duplicated: [] })
    }))
  })
})
