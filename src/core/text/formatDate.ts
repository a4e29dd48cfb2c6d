// Dates as official documents write them: 2026年11月22日, Arabic digits, no leading zeros
// (GB/T 9704 §7.3.5.3). The time zone is the agency's (China Standard Time, UTC+8).
const CST_OFFSET_MS = 8 * 60 * 60 * 1000

function cst(date: Date): Date {
  return new Date(date.getTime() + CST_OFFSET_MS)
}

/** The agency's calendar day of an instant, YYYY-MM-DD. */
export function agencyDay(date: Date): string {
  return cst(date).toISOString().slice(0, 10)
}

export function formatDocDate(date: Date): string {
  const d = cst(date)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

export function formatDateTime(date: Date): string {
  const d = cst(date)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${formatDocDate(date)} ${hh}:${mm}`
}

/** A DA/T 46 日期 (YYYYMMDD, already the agency's day) as documents write it. */
export function formatRecordDate(yyyymmdd: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd)
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : yyyymmdd
}
