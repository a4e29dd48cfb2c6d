// 档号 (DA/T 22-2015, DA/T 13-2022): 全宗号-门类代码·年度-保管期限代码-机构(问题)代码-件号, filed
// item by item, e.g. Z109-WS·2011-Y-BGS-0001. 件号 runs gap-free within 全宗-年度-期限-机构.

export type Retention = 'Y' | 'D30' | 'D10'
export const RETENTIONS: readonly Retention[] = ['Y', 'D30', 'D10']
export const RETENTION_NAMES: Record<Retention, string> = { Y: '永久', D30: '定期30年', D10: '定期10年' }

export interface ArchivalCode {
  fonds: string
  /** 门类: WS 文书 (the only one we file) */
  category: 'WS'
  year: number
  retention: Retention
  /** 机构(问题)代码 */
  org: string
  /** 件号, from 1 */
  item: number
}

const FONDS = /^[A-Z0-9]{1,8}$/
const ORG = /^[A-Z0-9]{1,10}$/
const PATTERN = /^([A-Z0-9]{1,8})-WS·(\d{4})-(Y|D30|D10)-([A-Z0-9]{1,10})-(\d{4})$/

export function formatArchivalCode(c: ArchivalCode): string {
  return `${c.fonds}-${c.category}·${c.year}-${c.retention}-${c.org}-${String(c.item).padStart(4, '0')}`
}

export function parseArchivalCode(code: string): ArchivalCode | null {
  const m = PATTERN.exec(code)
  if (!m) return null
  const item = Number(m[5])
  const year = Number(m[2])
  if (item < 1 || year < 1900 || year > 2999) return null
  return { fonds: m[1]!, category: 'WS', year, retention: m[3] as Retention, org: m[4]!, item }
}

export const isFondsCode = (s: string): boolean => FONDS.test(s)
export const isOrgCode = (s: string): boolean => ORG.test(s)

/** The series a 件号 counts in: 全宗-年度-期限-机构. */
export const seriesOf = (c: Pick<ArchivalCode, 'fonds' | 'year' | 'retention' | 'org'>): string => `${c.fonds}-WS·${c.year}-${c.retention}-${c.org}`

/** The next 件号 in a series, given the codes already filed: one past the highest, so never a gap. */
export function nextItem(filed: Iterable<string>, series: string): number {
  let max = 0
  for (const code of filed) {
    const c = parseArchivalCode(code)
    if (c && seriesOf(c) === series) max = Math.max(max, c.item)
  }
  return max + 1
}

/**
 * The 件号 to give: one past the larger of the series' durable counter and the highest filed —
 * the counter moves only when a filing is accepted, in the same write, so a refused filing
 * (a package that failed its checks) leaves no gap.
 */
export function assignItem(counter: number, filed: Iterable<string>, series: string): number {
  return Math.max(counter, nextItem(filed, series) - 1) + 1
}

/** Gaps and duplicates of 件号 within each series: what GD-2-6 looks for in the catalogue. */
export function itemContinuity(codes: readonly string[]): { series: string; missing: number[]; duplicated: number[] }[] {
  const bySeries = new Map<string, number[]>()
  for (const code of codes) {
    const c = parseArchivalCode(code)
    if (!c) continue
    const s = seriesOf(c)
    bySeries.set(s, [...(bySeries.get(s) ?? []), c.item])
  }
  return [...bySeries].map(([series, items]) => {
    const sorted = [...items].sort((a, b) => a - b)
    const duplicated = sorted.filter((n, i) => i > 0 && sorted[i - 1] === n)
    const present = new Set(sorted)
    const missing: number[] = []
    for (let n = 1; n <= (sorted[sorted.length - 1] ?? 0); n++) if (!present.has(n)) missing.push(n)
    return { series, missing, duplicated: [...new Set(duplicated)] }
  })
}

/**
 * 保管期限 by 文种 (the agency's 归档范围和保管期限表): what binds or records policy is kept for
 * ever, routine correspondence ten years, the rest thirty; what the agency's leadership issues is
 * kept one grade longer. The archivist may change it when filing.
 */
const BY_TYPE: Record<string, Retention> = {
  决议: 'Y', 决定: 'Y', 命令: 'Y', 令: 'Y', 公报: 'Y', 公告: 'Y', 通告: 'Y', 议案: 'Y', 纪要: 'Y', 批复: 'Y',
  意见: 'D30', 通知: 'D30', 通报: 'D30', 报告: 'D30', 请示: 'D30',
  函: 'D10',
}

export function defaultRetention(docType: string, leadershipUnit: boolean): Retention {
  return leadershipUnit ? oneGradeLonger(BY_TYPE[docType] ?? 'D30') : (BY_TYPE[docType] ?? 'D30')
}

/** The agency's leadership (厅领导): what its units issue is kept one grade longer. */
export const LEADERSHIP_UNITS: ReadonlySet<string> = new Set(['tld'])

/** The default 保管期限 of a 文种 issued by a unit. */
export const retentionFor = (docType: string, unitId: string): Retention => defaultRetention(docType, LEADERSHIP_UNITS.has(unitId))

function oneGradeLonger(base: Retention): Retention {
  return base === 'D10' ? 'D30' : 'Y'
}
