// A token bucket: `rate` tokens a second, at most `burst` saved up. Used per connection for
// messages and bytes, and per address for unauthenticated failures (server/auth/UnauthBudget.ts).
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst
    this.last = now()
  }

  take(n = 1): boolean {
    if (this.available() < n) return false
    this.tokens -= n
    return true
  }

  /** tokens there are now (without taking any) */
  available(): number {
    const t = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate)
    this.last = t
    return this.tokens
  }

  get full(): boolean {
    return this.available() >= this.burst
  }
}
