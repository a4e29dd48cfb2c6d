// Unauthenticated failures — a wrong password, a bad token, a socket without a session — are
// audited, but each record is fsync'd, so one address may only have so many written: beyond its
// budget (and beyond a budget for all addresses together) the request is answered 429 and nothing
// is written for it. One `audit.suppressed` record per window says how many were turned away, and
// from where.
import type { AuditFn } from '../audit/AuditLog'
import { TokenBucket } from '../sync/TokenBucket'

export const SUPPRESSED_TYPE = 'audit.suppressed'

export interface UnauthBudgetOptions {
  /** recorded failures per address and minute (also the burst) */
  perAddressPerMinute: number
  /** recorded failures per minute for all addresses together (many addresses, one attacker) */
  allPerMinute: number
  /** how often the summary of what was turned away is written */
  windowMs: number
}

export const DEFAULT_UNAUTH_BUDGET: UnauthBudgetOptions = { perAddressPerMinute: 30, allPerMinute: 600, windowMs: 60_000 }

/** addresses named in one summary record (the rest are only counted) */
const NAMED_ADDRESSES = 20

export class UnauthBudget {
  private readonly addresses = new Map<string, TokenBucket>()
  private readonly all: TokenBucket
  private suppressed = new Map<string, number>()
  private suppressedTotal = 0
  private windowStart = new Date()
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly record: AuditFn,
    private readonly options: UnauthBudgetOptions = DEFAULT_UNAUTH_BUDGET,
  ) {
    this.all = new TokenBucket(options.allPerMinute / 60, options.allPerMinute)
  }

  private bucket(ip: string): TokenBucket {
    let bucket = this.addresses.get(ip)
    if (!bucket) this.addresses.set(ip, (bucket = new TokenBucket(this.options.perAddressPerMinute / 60, this.options.perAddressPerMinute)))
    return bucket
  }

  /** Whether a failure from `ip` would still be recorded; if not, the request is counted as turned away (answer 429). */
  admits(ip: string): boolean {
    if (this.bucket(ip).available() >= 1 && this.all.available() >= 1) return true
    this.turnedAway(ip)
    return false
  }

  /** Spends one recorded failure of `ip`: true if it may be recorded, false if over budget (turned away, answer 429). */
  spend(ip: string): boolean {
    const bucket = this.bucket(ip)
    if (bucket.available() >= 1 && this.all.take(1)) {
      bucket.take(1)
      return true
    }
    this.turnedAway(ip)
    return false
  }

  private turnedAway(ip: string): void {
    if (this.suppressedTotal === 0) this.windowStart = new Date()
    this.suppressedTotal++
    if (this.suppressed.size < NAMED_ADDRESSES || this.suppressed.has(ip)) this.suppressed.set(ip, (this.suppressed.get(ip) ?? 0) + 1)
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.options.windowMs)
      this.timer.unref()
    }
  }

  /** Writes the window's summary (if anything was turned away) and forgets addresses back to a full budget. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    for (const [ip, bucket] of this.addresses) if (bucket.full) this.addresses.delete(ip)
    if (this.suppressedTotal === 0) return Promise.resolve()
    const detail = { count: this.suppressedTotal, since: this.windowStart.toISOString(), addresses: Object.fromEntries(this.suppressed) }
    this.suppressed = new Map()
    this.suppressedTotal = 0
    return this.record(SUPPRESSED_TYPE, detail)
  }

  close(): Promise<void> {
    return this.flush().catch(() => undefined)
  }
}
