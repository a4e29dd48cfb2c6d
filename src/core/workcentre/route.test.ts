import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deepLinkOf, formatRoute, parseRoute, routeOfDeepLink, type Route } from './route'
import { agencyDayRange, agencyWeekRange, meetingPanels, tasksDueSoon } from './workbench'
import { drafts } from './drafts'

const ID = '4f0c8a52-6d1e-4b8a-9c1e-2a7b3c4d5e6f'

const arbRoute: fc.Arbitrary<Route> = fc.oneof(
  fc.constantFrom<Route>({ page: 'workbench' }, { page: 'docs' }, { page: 'meetings' }, { page: 'archive' }, { page: 'borrow' }, { page: 'directory' }, { page: 'seals' }, { page: 'verify' }, { page: 'bulletin' }, { page: 'inbox' }),
  fc.constantFrom('todo', 'toread', 'done', 'drafts' as const).map((box) => ({ page: 'inbox', box }) as Route),
  fc.uuid().map((id) => ({ page: 'doc', id }) as Route),
  fc.uuid().map((id) => ({ page: 'meeting', id }) as Route),
  fc.tuple(fc.constantFrom('Z109', 'A001'), fc.integer({ min: 2000, max: 2099 }), fc.constantFrom('Y', 'D30', 'D10'), fc.integer({ min: 1, max: 9999 })).map(([f, y, r, n]) => ({ page: 'record', code: `${f}-WS·${y}-${r}-BGS-${String(n).padStart(4, '0')}` }) as Route),
  fc.string({ maxLength: 30 }).map((query) => ({ page: 'search', query }) as Route),
)

describe('routes', () => {
  it('every route survives the address bar and a zhengtong:// link', () => {
    fc.assert(fc.property(arbRoute, (r) => {
      expect(parseRoute(formatRoute(r))).toEqual(r)
      expect(routeOfDeepLink(deepLinkOf(r))).toEqual(r)
    }))
  })

  it('reads the addresses people type and links they are sent', () => {
    expect(parseRoute(`#/doc/${ID}`)).toEqual({ page: 'doc', id: ID })
    expect(parseRoute('#/archive/Z109-WS%C2%B72026-D30-BGS-0001')).toEqual({ page: 'record', code: 'Z109-WS·2026-D30-BGS-0001' })
    expect(parseRoute('#/archive/Z109-WS·2026-D30-BGS-0001')).toEqual({ page: 'record', code: 'Z109-WS·2026-D30-BGS-0001' })
    expect(routeOfDeepLink(`zhengtong://doc/${ID}`)).toEqual({ page: 'doc', id: ID })
    expect(routeOfDeepLink(`zhengtong://app/#/meeting/${ID}`)).toEqual({ page: 'meeting', id: ID })
    expect(routeOfDeepLink('https://example.org/doc/x')).toBeNull()
  })

  it('routes anything else to the 工作台 and never carries what is not an id', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const r = parseRoute(s)
      if (r.page === 'doc' || r.page === 'meeting') expect(r.id).toMatch(/^[0-9a-f-]{36}$/)
      if (r.page === 'record') expect(r.code).not.toMatch(/[/<>"'\s]/)
    }))
    expect(parseRoute('#/doc/../../etc')).toEqual({ page: 'workbench' })
    expect(parseRoute('#/archive/<script>')).toEqual({ page: 'workbench' })
    expect(parseRoute('#/%E0%A4%A')).toEqual({ page: 'workbench' })
  })
})

describe('工作台 panels', () => {
  it("cuts today and this week at the agency's midnight (UTC+8), weeks from Monday", () => {
    const late = new Date('2026-12-03T17:30:00Z') // Friday 01:30 in Shanghai
    expect(agencyDayRange(late).map((d) => d.toISOString())).toEqual(['2026-12-03T16:00:00.000Z', '2026-12-04T16:00:00.000Z'])
    expect(agencyWeekRange(late).map((d) => d.toISOString())).toEqual(['2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z'])
    const b = (id: string, start: string, end: string) => ({ id, roomId: 'r', title: id, category: '', start, end, organiser: 'a', invitees: [], headcount: 1, setup: '', note: '', status: 'confirmed' as const, requestedAt: start })
    const p = meetingPanels([b('next-week', '2026-12-07T01:00:00Z', '2026-12-07T02:00:00Z'), b('sat', '2026-12-05T01:00:00Z', '2026-12-05T02:00:00Z'), b('today', '2026-12-04T01:00:00Z', '2026-12-04T02:00:00Z')], late)
    expect(p.today.map((x) => x.id)).toEqual(['today'])
    expect(p.week.map((x) => x.id)).toEqual(['sat'])
  })

  it('lists 督办 late or due within the week, soonest first', () => {
    const t = (id: string, due: string, status: 'open' | 'done' = 'open') => ({ id, room: 'meeting:x', meetingTitle: '', text: id, owner: 'a', due, status, createdAt: '' })
    const now = new Date('2026-12-03T02:00:00Z')
    expect(tasksDueSoon([t('later', '2026-12-30'), t('soon', '2026-12-08'), t('late', '2026-12-01'), t('done', '2026-12-02', 'done')], now).map((x) => x.id)).toEqual(['late', 'soon'])
  })

  it('草稿箱 holds the user’s own 公文 that never entered the flow', () => {
    const row = (room: string, owner: string, updatedAt = '2026-12-01') => ({ room, kind: 'doc', owner, title: room, docType: '通知', updatedAt })
    expect(drafts([row('doc:a', 'me'), row('doc:b', 'me', '2026-12-02'), row('doc:c', 'other'), row('doc:d', 'me')], 'me', new Set(['doc:d'])).map((r) => r.room)).toEqual(['doc:b', 'doc:a'])
  })
})
