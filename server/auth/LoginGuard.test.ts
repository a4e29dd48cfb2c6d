import { describe, expect, it } from 'vitest'
import { LoginGuard } from './LoginGuard'

function guard(maxFailures = 5, lockMinutes = 15) {
  let now = 1_000_000
  const g = new LoginGuard({ maxFailures, lockMinutes, clock: () => now })
  const attempt = (user: string, ok: boolean, ip = '10.0.0.1') => {
    const a = g.begin(user, ip)
    if (!('done' in a)) return a.code
    return a.done(ok).locked ? 'locked' : ok ? 'ok' : 'failed'
  }
  return { g, attempt, advance: (ms: number) => (now += ms) }
}

describe('LoginGuard (登录失败处理)', () => {
  it('backs off after each failure, locks after N, and then refuses even the right password', () => {
    const { attempt, advance } = guard(5)
    expect(attempt('wangwu', false)).toBe('failed')
    // straight after a failure: wait (the attempt is not even tried)
    expect(attempt('wangwu', true)).toBe('login_backoff')
    const outcomes: string[] = []
    for (let i = 0; i < 4; i++) {
      advance(10_000)
      outcomes.push(attempt('wangwu', false))
    }
    expect(outcomes).toEqual(['failed', 'failed', 'failed', 'locked'])
    advance(10_000)
    expect(attempt('wangwu', true)).toBe('account_locked')
    advance(15 * 60_000)
    expect(attempt('wangwu', true)).toBe('ok')
  })

  it('counts attempts in flight, so 50 parallel guesses cannot slip past the bound', () => {
    const { g } = guard(5)
    const tickets = Array.from({ length: 50 }, () => g.begin('wangwu', '10.0.0.9'))
    expect(tickets.filter((t) => 'done' in t)).toHaveLength(5)
    for (const t of tickets) if ('done' in t) t.done(false)
    const after = g.begin('wangwu', '10.0.0.9')
    expect('code' in after && after.code).toBe('account_locked')
    expect('minutes' in after && after.minutes).toBe(15)
  })

  it('locks an address that sprays many accounts, and a success elsewhere does not clear it', () => {
    const { attempt, advance } = guard(2)
    const outcomes: string[] = []
    for (let i = 0; i < 8; i++) {
      outcomes.push(attempt(`user${i}`, false, '10.0.0.7'))
      advance(1000)
      attempt('mine', true, '10.0.0.7')
      advance(10_000)
    }
    expect(outcomes.at(-1)).toBe('locked')
    expect(attempt('user99', true, '10.0.0.7')).toBe('address_locked')
    expect(attempt('user99', true, '10.0.0.8')).toBe('ok')
  })

  it('an administrator unlock clears the account and the addresses that failed on it', () => {
    const { g, attempt, advance } = guard(2)
    attempt('wangwu', false)
    advance(10_000)
    expect(attempt('wangwu', false)).toBe('locked')
    expect(g.unlock('wangwu')).toBe(true)
    expect(attempt('wangwu', true)).toBe('ok')
    expect(g.unlock('nobody')).toBe(false)
  })
})
