// 登录失败处理 (等保 2.0 三级): failed sign-ins are counted per account and per address. After each
// failure the account's next attempt waits a little longer (back-off); after `maxFailures` the account is
// locked for `lockMinutes` (the address after four times as many, so one machine cannot spray
// every account). An attempt in flight counts already, so parallel guesses cannot slip past the
// bound. While locked even the right password is refused. An administrator unlocks an account
// (`zt admin unlock`). The counts live in this process (a restart forgets them; see decisions.md).

export interface LoginGuardOptions {
  maxFailures: number
  lockMinutes: number
  clock?: () => number
}

interface Tally {
  failures: number
  pending: number
  /** when the first counted failure happened: failures older than the lock period are forgotten */
  since: number
  /** no attempt before this time (back-off) */
  notBefore: number
  lockedUntil: number
  /** for an address: the accounts it failed on (an unlock of one clears the address too) */
  accounts: Set<string>
}

export type LoginRefusal =
  | { code: 'account_locked' | 'address_locked'; minutes: number; retryAfterSeconds: number }
  | { code: 'login_backoff'; seconds: number; retryAfterSeconds: number }

/** the address bound, in multiples of the account bound */
const ADDRESS_FACTOR = 4
/** back-off after the k-th failure: 2^(k-1) × this, at most BACKOFF_MAX_MS */
const BACKOFF_BASE_MS = 250
const BACKOFF_MAX_MS = 8000
/** tallies kept at most (oldest forgotten first), so a flood of names cannot fill memory */
const MAX_TALLIES = 50_000

export class LoginGuard {
  private readonly tallies = new Map<string, Tally>()
  private readonly clock: () => number

  constructor(private readonly options: LoginGuardOptions) {
    this.clock = options.clock ?? Date.now
  }

  get lockMinutes(): number {
    return this.options.lockMinutes
  }

  /**
   * Asks to try a password for `username` from `address`: a refusal, or a ticket to report the
   * outcome with (exactly once).
   */
  begin(username: string, address: string): LoginRefusal | { done(ok: boolean): { locked: 'account' | 'address' | null } } {
    const now = this.clock()
    const account = this.tally(`u:${username}`, now)
    const from = this.tally(`a:${address}`, now)
    const refusal = this.refusal(account, this.options.maxFailures, 'account_locked', now) ?? this.refusal(from, this.options.maxFailures * ADDRESS_FACTOR, 'address_locked', now)
    if (refusal) return refusal
    account.pending++
    from.pending++
    let reported = false
    return {
      done: (ok) => {
        if (reported) return { locked: null }
        reported = true
        account.pending--
        from.pending--
        const at = this.clock()
        if (ok) {
          // the address keeps its count: one good account must not launder guesses at others
          this.tallies.delete(`u:${username}`)
          return { locked: null }
        }
        from.accounts.add(username)
        const lockedAccount = this.fail(account, this.options.maxFailures, at, true)
        // no back-off per address: colleagues behind one NAT must not wait for each other's typos
        const lockedAddress = this.fail(from, this.options.maxFailures * ADDRESS_FACTOR, at, false)
        return { locked: lockedAccount ? 'account' : lockedAddress ? 'address' : null }
      },
    }
  }

  /** Clears an account's lock and count, and those of the addresses that failed on it. */
  unlock(username: string): boolean {
    const had = this.tallies.delete(`u:${username}`)
    for (const [key, tally] of this.tallies) {
      if (key.startsWith('a:') && tally.accounts.has(username)) this.tallies.delete(key)
    }
    return had
  }

  private tally(key: string, now: number): Tally {
    let tally = this.tallies.get(key)
    const lockMs = this.options.lockMinutes * 60_000
    if (tally && tally.pending === 0 && tally.lockedUntil <= now && now - tally.since > lockMs) {
      this.tallies.delete(key)
      tally = undefined
    }
    if (!tally) {
      tally = { failures: 0, pending: 0, since: now, notBefore: 0, lockedUntil: 0, accounts: new Set() }
      if (this.tallies.size >= MAX_TALLIES) this.tallies.delete(this.tallies.keys().next().value!)
      this.tallies.set(key, tally)
    }
    return tally
  }

  private refusal(tally: Tally, max: number, code: 'account_locked' | 'address_locked', now: number): LoginRefusal | null {
    if (tally.lockedUntil > now) {
      const seconds = Math.ceil((tally.lockedUntil - now) / 1000)
      return { code, minutes: Math.max(1, Math.ceil(seconds / 60)), retryAfterSeconds: seconds }
    }
    // the attempts in flight could reach the bound: wait for their outcome
    if (tally.notBefore > now || tally.failures + tally.pending >= max) {
      const seconds = Math.max(1, Math.ceil((tally.notBefore - now) / 1000))
      return { code: 'login_backoff', seconds, retryAfterSeconds: seconds }
    }
    return null
  }

  /** Counts a failure; true when it locks. */
  private fail(tally: Tally, max: number, now: number, backOff: boolean): boolean {
    if (tally.failures === 0) tally.since = now
    tally.failures++
    if (backOff) tally.notBefore = now + Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (tally.failures - 1))
    if (tally.failures >= max && tally.lockedUntil <= now) {
      tally.lockedUntil = now + this.options.lockMinutes * 60_000
      return true
    }
    return false
  }
}
