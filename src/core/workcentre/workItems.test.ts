import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { InboxItem } from '../docflow/inbox'
import type { Booking, MeetingRoom } from '../meeting/model'
import type { FollowUp } from '../meeting/tasks'
import type { Loan } from '../archive/catalogue'
import { countBox, countByKind, queryWork } from './listQuery'
import { noticeFeed } from './notices'
import { workItems, type QueuedCommand, type WorkSources } from './workItems'
import { WORK_KINDS } from './model'

const NOW = new Date('2026-12-03T02:00:00Z') // 10:00 in Shanghai, a Thursday
const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

const docItem = (n: number, over: Partial<InboxItem> = {}): InboxItem => ({
  room: `doc:${uuid(n)}`, title: `关于第${n}号事项的通知`, docType: '通知', urgency: '平件', classification: '非密', kind: 'outgoing',
  step: 'review', stepName: '核稿', box: 'todo', from: '张三', arrivedAt: `2026-12-0${1 + (n % 2)}T01:00:00Z`, seq: n, ...over,
})
const room: MeetingRoom = { id: 'r1', name: '第一会议室', location: '三楼', seats: 20, equipment: [], approver: 'zhaoliu', available: true }
const booking = (n: number, over: Partial<Booking> = {}): Booking => ({
  id: uuid(100 + n), roomId: 'r1', title: `专题会${n}`, category: '工作会', start: '2026-12-04T01:00:00Z', end: '2026-12-04T03:00:00Z',
  organiser: 'zhangsan', invitees: ['lisi'], headcount: 3, setup: '', note: '', status: 'confirmed', requestedAt: '2026-12-01T00:00:00Z', ...over,
})
const task = (n: number, over: Partial<FollowUp> = {}): FollowUp => ({
  id: `t${n}`, room: `meeting:${uuid(100 + n)}`, meetingTitle: '年终会', text: `报送材料${n}`, owner: 'lisi', due: '2026-12-03', status: 'open', createdAt: '2026-12-01T00:00:00Z', ...over,
})
const loan = (n: number): Loan => ({ id: `l${n}`, code: `Z109-WS·2026-D30-BGS-000${n}`, title: '年度总结', borrower: 'zhangsan', reason: '编写', from: '2026-12-01', until: '2026-12-31', status: 'requested', requestedAt: '2026-12-02T00:00:00Z' })

function sources(over: Partial<WorkSources> = {}): WorkSources {
  return {
    user: { id: 'lisi', roles: [] }, items: [], tasks: [], venues: { rooms: { r1: room }, bookings: {} }, replies: {}, loans: [], queued: [],
    nameOf: (id) => ({ zhangsan: '张三', lisi: '李四' })[id] ?? id, ...over,
  }
}

describe('one 待办 from every capability', () => {
  it('gathers 公文 steps, 收文 to 签收, 用印 approvals, meeting notices, bookings, loans and 督办 with their kinds', () => {
    const m = booking(1)
    const items = workItems(sources({
      user: { id: 'lisi', roles: [] },
      items: [docItem(1), docItem(2, { kind: 'incoming', step: 'receive', stepName: '签收' }), docItem(3, { kind: 'sealrequest', step: 'signoff', stepName: '审批' }), docItem(4, { kind: 'incoming', step: 'handle', stepName: '承办', duty: 'read' })],
      tasks: [task(1)],
      venues: { rooms: { r1: { ...room, approver: 'lisi' } }, bookings: { [m.id]: m, [uuid(200)]: booking(2, { id: uuid(200), status: 'pending' }) } },
      replies: { [m.id]: {} },
      loans: [loan(1)],
    }), NOW)
    const todo = items.filter((i) => i.box === 'todo').map((i) => i.kind).sort()
    expect(todo).toEqual(['booking', 'doc', 'loan', 'receive', 'reply', 'sealrequest', 'task'])
    expect(items.find((i) => i.key === `doc:doc:${uuid(4)}`)).toMatchObject({ box: 'toread', batch: 'read', action: '传阅' })
    expect(items.find((i) => i.kind === 'receive')).toMatchObject({ batch: 'receive' })
    expect(items.find((i) => i.kind === 'reply')).toMatchObject({ route: { page: 'meeting', id: m.id }, due: 'soon' })
    expect(items.find((i) => i.kind === 'task')).toMatchObject({ due: 'soon' })
    expect(countByKind(items, 'todo')).toMatchObject({ doc: 1, receive: 1, sealrequest: 1, reply: 1, booking: 1, loan: 1, task: 1 })
  })

  it('drops the meeting notice once the user has replied, and asks the named 代会 substitute instead', () => {
    const m = booking(1)
    const replies = { [m.id]: { lisi: { answer: 'substitute' as const, substitute: 'chenshi', at: '2026-12-02T00:00:00Z' } } }
    const lisi = workItems(sources({ venues: { rooms: { r1: room }, bookings: { [m.id]: m } }, replies }), NOW)
    expect(lisi.filter((i) => i.box === 'todo')).toEqual([])
    expect(lisi.find((i) => i.kind === 'reply')).toMatchObject({ box: 'done', action: '已回执' })
    const chenshi = workItems(sources({ user: { id: 'chenshi', roles: [] }, venues: { rooms: { r1: room }, bookings: { [m.id]: m } }, replies }), NOW)
    expect(chenshi.filter((i) => i.box === 'todo').map((i) => i.kind)).toEqual(['reply'])
  })

  it('asks nobody about a meeting that is over, or one whose 回执 are not held here', () => {
    const past = booking(1, { start: '2026-12-01T01:00:00Z', end: '2026-12-01T02:00:00Z' })
    const unknown = booking(2)
    const items = workItems(sources({ venues: { rooms: { r1: room }, bookings: { [past.id]: past, [unknown.id]: unknown } }, replies: { [past.id]: {} } }), NOW)
    expect(items).toEqual([])
  })

  it('moves an item the user acted on to 已办 as 待同步 while the command waits, and back when it is gone from the outbox', () => {
    const src = sources({ items: [docItem(1)], tasks: [task(1)] })
    const queued: QueuedCommand[] = [{ type: 'doc.approve', room: `doc:${uuid(1)}`, payload: {} }, { type: 'meeting.done', room: `meeting:${uuid(101)}`, payload: { task: 't1' } }]
    const acted = workItems({ ...src, queued }, NOW)
    expect(acted.every((i) => i.box === 'done' && i.queued)).toBe(true)
    // opening or urging a document does not discharge the duty
    const opened = workItems({ ...src, queued: [{ type: 'doc.open', room: `doc:${uuid(1)}`, payload: {} }] }, NOW)
    expect(opened.find((i) => i.kind === 'doc')?.box).toBe('todo')
    expect(workItems(src, NOW).filter((i) => i.box === 'todo')).toHaveLength(2)
  })

  it('marks 已超时 and 即将超时 on open items only', () => {
    const items = workItems(sources({ items: [docItem(1, { dueAt: '2026-12-01' }), docItem(2, { dueAt: '2026-12-03' }), docItem(3, { dueAt: '2026-12-01', box: 'done' })] }), NOW)
    expect(items.map((i) => i.due)).toEqual(['overdue', 'soon', 'none'])
  })
})

// arbitrary 公文 items, tasks and queued commands
const arbItems = fc.array(fc.record({
  n: fc.integer({ min: 1, max: 40 }),
  urgency: fc.constantFrom('平件', '加急', '特急'),
  box: fc.constantFrom('todo', 'done', 'finished') as fc.Arbitrary<InboxItem['box']>,
  read: fc.boolean(),
  due: fc.option(fc.constantFrom('2026-12-01', '2026-12-03', '2026-12-20'), { nil: undefined }),
  day: fc.integer({ min: 1, max: 9 }),
}), { maxLength: 30 }).map((rs) => {
  const seen = new Set<number>()
  return rs.filter((r) => !seen.has(r.n) && seen.add(r.n)).map((r) => docItem(r.n, { urgency: r.urgency, box: r.box, ...(r.read ? { duty: 'read' as const } : {}), ...(r.due ? { dueAt: r.due } : {}), arrivedAt: `2026-12-0${r.day}T00:00:00Z` }))
})
const arbQueued = fc.array(fc.record({ n: fc.integer({ min: 1, max: 40 }), type: fc.constantFrom('doc.approve', 'doc.read', 'doc.open', 'doc.urge') }), { maxLength: 10 })
  .map((qs) => qs.map((q) => ({ type: q.type, room: `doc:${uuid(q.n)}`, payload: {} })))

describe('work list properties', () => {
  it('every item is in exactly one box; acting moves it out of 待办 and never loses it', () => {
    fc.assert(fc.property(arbItems, arbQueued, (items, queued) => {
      const before = workItems(sources({ items }), NOW)
      const after = workItems(sources({ items, queued }), NOW)
      expect(after.map((i) => i.key).sort()).toEqual(before.map((i) => i.key).sort())
      for (const i of after) {
        const was = before.find((b) => b.key === i.key)!
        if (i.box !== was.box) expect(i).toMatchObject({ box: 'done', queued: true })
        if (i.queued) expect(queued.some((q) => q.room === i.room && q.type !== 'doc.open' && q.type !== 'doc.urge')).toBe(true)
      }
      expect(countBox(after, 'todo') + countBox(after, 'toread') + countBox(after, 'done')).toBe(after.length)
      const counts = countByKind(after, 'todo')
      expect(WORK_KINDS.reduce((s, k) => s + counts[k], 0)).toBe(countBox(after, 'todo'))
    }))
  })

  it('a query returns a sorted subset of its box that passes every filter', () => {
    fc.assert(fc.property(arbItems, fc.constantFrom('urgency', 'arrived', 'due') as fc.Arbitrary<'urgency' | 'arrived' | 'due'>, fc.subarray(['平件', '加急', '特急']), fc.subarray(['soon', 'overdue', 'ok', 'none'] as const), (items, sort, urgencies, dues) => {
      const all = workItems(sources({ items }), NOW)
      const got = queryWork(all, { box: 'todo', sort, urgencies, dues })
      for (const i of got) {
        expect(i.box).toBe('todo')
        if (urgencies.length) expect(urgencies).toContain(i.urgency)
        if (dues.length) expect(dues).toContain(i.due)
      }
      const expected = all.filter((i) => i.box === 'todo' && (!urgencies.length || urgencies.includes(i.urgency)) && (!dues.length || dues.includes(i.due)))
      expect(got.length).toBe(expected.length)
      if (sort === 'urgency') {
        const rank = (u: string): number => ({ 特急: 0, 加急: 1 })[u] ?? 2
        for (let k = 1; k < got.length; k++) expect(rank(got[k - 1]!.urgency)).toBeLessThanOrEqual(rank(got[k]!.urgency))
      }
      if (sort === 'arrived') for (let k = 1; k < got.length; k++) expect(got[k - 1]!.arrivedAt >= got[k]!.arrivedAt).toBe(true)
    }))
  })

  it('finds by title in either script, by sender and by 文号', () => {
    const items = workItems(sources({ items: [docItem(1, { title: '关于数字政府建设的通知' }), docItem(2, { title: '年终总结', docNumber: '办发〔2026〕3号', from: '周九' })] }), NOW)
    expect(queryWork(items, { box: 'todo', text: '數字政府' }).map((i) => i.title)).toEqual(['关于数字政府建设的通知'])
    expect(queryWork(items, { box: 'todo', text: '周九' })).toHaveLength(1)
    expect(queryWork(items, { box: 'todo', text: '办发〔2026〕3号' })).toHaveLength(1)
    expect(queryWork(items, { box: 'todo', text: '数字 总结' })).toHaveLength(0)
  })
})

describe('notices beside the list', () => {
  it('never shows a request the list carries (请回执, 请审核, 借阅), nor a 催办 of work done, nor one dismissed', () => {
    const items = workItems(sources({ items: [docItem(1)] }), NOW)
    const notice = (id: string, kind: 'urge' | 'returned' | 'meeting' | 'archive', room: string, message: string, at = '2026-12-02T00:00:00Z') => ({ id, room, title: 't', kind, from: '张三', message, at })
    const feed = noticeFeed([
      notice('a', 'meeting', `meeting:${uuid(9)}`, '会议通知：12月4日，请回执'),
      notice('b', 'meeting', 'venues', '申请使用会议室（…），请审核'),
      notice('c', 'archive', 'archive', '申请借阅档案 Z109'),
      notice('d', 'urge', `doc:${uuid(1)}`, '请尽快办理'),
      notice('e', 'urge', `doc:${uuid(2)}`, '请尽快办理'),
      notice('f', 'meeting', 'venues', '会议申请未通过（…）：时间冲突', '2026-12-02T05:00:00Z'),
      notice('g', 'returned', `doc:${uuid(3)}`, '退回：请修改'),
    ], items, new Set(['g']))
    expect(feed.map((n) => n.id)).toEqual(['f', 'd'])
  })
})
