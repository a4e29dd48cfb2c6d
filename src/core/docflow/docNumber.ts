// 发文字号 (STANDARDS.md §1): 机关代字 +〔年份〕+ 顺序号 + 号, e.g. 办发〔2026〕1号 — year in full,
// 六角括号, no leading zeros, no 「第」. One counter per 代字 per year, kept by the server.
export function formatDocNumber(prefix: string, year: number, serial: number): string {
  return `${prefix}〔${year}〕${serial}号`
}

export function parseDocNumber(text: string): { prefix: string; year: number; serial: number } | null {
  const m = /^(.+)〔(\d{4})〕([1-9]\d*)号$/.exec(text)
  return m ? { prefix: m[1]!, year: Number(m[2]), serial: Number(m[3]) } : null
}

/** The year of a date in the agency's time zone (UTC+8): numbering on 1 January starts afresh. */
export function cstYear(date: Date): number {
  return new Date(date.getTime() + 8 * 3_600_000).getUTCFullYear()
}
