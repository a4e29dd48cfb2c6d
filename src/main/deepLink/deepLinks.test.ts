import { describe, expect, it } from 'vitest'
import { DeepLinkInbox, deepLinkInArgv, parseDeepLink } from './deepLinks'
import { deepLinkOf, routeOfDeepLink } from '../../core/workcentre/route'

describe('zhengtong:// links', () => {
  it('accepts only our scheme, without credentials, bounded', () => {
    expect(parseDeepLink('zhengtong://doc/abc?tab=flow')).toBe('zhengtong://doc/abc?tab=flow')
    expect(parseDeepLink('ZHENGTONG://doc/abc')).toBe('zhengtong://doc/abc')
    expect(parseDeepLink('https://evil.example/')).toBeNull()
    expect(parseDeepLink('zhengtong://user:pw@doc/abc')).toBeNull()
    expect(parseDeepLink('zhengtong')).toBeNull()
    expect(parseDeepLink(`zhengtong://doc/${'a'.repeat(3000)}`)).toBeNull()
  })

  it('finds the link among the command-line arguments of a second instance', () => {
    expect(deepLinkInArgv(['/opt/政通/zhengtong', '--no-sandbox', 'zhengtong://meeting/m1'])).toBe('zhengtong://meeting/m1')
    expect(deepLinkInArgv(['/opt/政通/zhengtong', '--inspect=9229'])).toBeNull()
    expect(deepLinkInArgv(['/opt/政通/zhengtong', 'zhengtong://user:pw@x'])).toBeNull()
  })
})

describe('zhengtong:// links open the places the window addresses name', () => {
  const ID = '4f0c8a52-6d1e-4b8a-9c1e-2a7b3c4d5e6f'
  it('as main canonicalises them (the page routes what main forwards)', () => {
    const open = (raw: string) => routeOfDeepLink(parseDeepLink(raw) ?? '')
    expect(open(`zhengtong://doc/${ID}`)).toEqual({ page: 'doc', id: ID })
    expect(open(`ZHENGTONG://meeting/${ID}`)).toEqual({ page: 'meeting', id: ID })
    expect(open('zhengtong://archive/Z109-WS·2026-D30-BGS-0001')).toEqual({ page: 'record', code: 'Z109-WS·2026-D30-BGS-0001' })
    expect(open(deepLinkOf({ page: 'search', query: '数字 政府' }))).toEqual({ page: 'search', query: '数字 政府' })
    expect(open('zhengtong://inbox/toread')).toEqual({ page: 'inbox', box: 'toread' })
    // anything else only reaches the 工作台
    expect(open('zhengtong://doc/not-an-id')).toEqual({ page: 'workbench' })
  })
})

describe('deep-link inbox', () => {
  it('answers a waiting ask at once, and keeps links that came before anyone asked, in order', async () => {
    const inbox = new DeepLinkInbox()
    const asked = inbox.next()
    expect(inbox.push('zhengtong://doc/1')).toBe(true)
    expect(await asked).toBe('zhengtong://doc/1')
    inbox.push('zhengtong://doc/2')
    inbox.push('zhengtong://doc/3')
    expect(await inbox.next()).toBe('zhengtong://doc/2')
    expect(await inbox.next()).toBe('zhengtong://doc/3')
  })

  it('drops what is not a link of ours, and keeps only the latest few while nobody listens', async () => {
    const inbox = new DeepLinkInbox(2)
    expect(inbox.push('javascript:alert(1)')).toBe(false)
    for (const n of [1, 2, 3]) inbox.push(`zhengtong://doc/${n}`)
    expect(await inbox.next()).toBe('zhengtong://doc/2')
    expect(await inbox.next()).toBe('zhengtong://doc/3')
  })

  it('after a reload, keeps a link for the new page instead of handing it to the old one', async () => {
    const inbox = new DeepLinkInbox()
    let oldPageGot: string | null = null
    void inbox.next().then((url) => (oldPageGot = url))
    inbox.forgetWaiters()
    inbox.push('zhengtong://doc/9')
    expect(await inbox.next()).toBe('zhengtong://doc/9')
    expect(oldPageGot).toBeNull()
  })
})
