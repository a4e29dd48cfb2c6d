import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Clearance } from '../directory/model'
import { errorMessage } from '../messages/errors'
import {
  applyEvent, checkCommand, currentHandlers, dueState, initialState, mayEdit, reduceFlow, unitReceivers,
  type FlowCommand, type FlowContext, type FlowEvent, type FlowState, type FlowUser,
} from './flow'

const PEOPLE: FlowUser[] = [
  { id: 'zhangsan', name: '张三', clearance: '秘密', roles: ['drafter'], unitId: 'office' },
  { id: 'lisi', name: '李四', clearance: '机密', roles: ['reviewer'], unitId: 'office' },
  { id: 'zhoujiu', name: '周九', clearance: '机密', roles: ['countersigner'], unitId: 'finance' },
  { id: 'wangwu', name: '王五', clearance: '绝密', roles: ['signer'], unitId: 'leaders' },
  { id: 'chenshi', name: '陈十', clearance: '绝密', roles: ['signer'], unitId: 'leaders' },
  { id: 'zhaoliu', name: '赵六', clearance: '机密', roles: ['clerk'], unitId: 'office' },
  { id: 'sunba', name: '孙八', clearance: '非密', roles: ['archivist'], unitId: 'archive' },
]
const byId = new Map(PEOPLE.map((u) => [u.id, u]))
const HASH = 'a'.repeat(64)

function ctx(over: Partial<FlowContext> = {}): FlowContext {
  return { kind: 'outgoing', drafter: 'zhangsan', createdAt: '2026-11-22T01:00:00Z', docType: '通知', classification: '非密', user: (id) => byId.get(id), ...over }
}

/** Runs commands through check → apply, as the server does; returns the state and the refusals. */
class Flow {
  state: FlowState
  log: FlowEvent[] = []
  private seq = 0
  constructor(readonly c: FlowContext) {
    this.state = initialState(c)
  }
  cmd(actor: string, verb: string, payload: Record<string, unknown> = {}, extra: Partial<FlowCommand> = {}): FlowCommand {
    return { id: `c${this.seq + 1}-${Math.random()}`, type: `doc.${verb}`, actor, at: new Date(Date.UTC(2026, 10, 22, 2, this.seq)).toISOString(), payload: { visit: this.state.visit.seq, ...payload }, ...extra }
  }
  run(command: FlowCommand, result?: Record<string, unknown>): ReturnType<typeof checkCommand> {
    const refusal = checkCommand(this.state, command, this.c)
    if (refusal) return refusal
    const event: FlowEvent = { ...command, seq: ++this.seq, ...(result ? { result } : {}) }
    this.log.push(event)
    this.state = applyEvent(this.state, event, this.c)
    return null
  }
  act(actor: string, verb: string, payload: Record<string, unknown> = {}, extra: Partial<FlowCommand> = {}, result?: Record<string, unknown>): void {
    const refusal = this.run(this.cmd(actor, verb, payload, extra), result)
    if (refusal) throw new Error(`${actor} ${verb} refused: ${refusal.code}`)
  }
}

describe('发文 flow', () => {
  it('goes from 拟稿 through 核稿, parallel 会签, 签发, 编号, 用印 and 分发 to 办结', () => {
    const f = new Flow(ctx())
    expect(f.state.visit.step).toBe('draft')
    expect(mayEdit(f.state, 'zhangsan')).toBe(true)
    f.act('zhangsan', 'submit', { to: ['lisi'] })
    expect(f.state.visit.step).toBe('review')
    expect(mayEdit(f.state, 'lisi')).toBe(true)
    expect(mayEdit(f.state, 'zhangsan')).toBe(false)
    f.act('lisi', 'approve', { opinion: '拟同意，请财务处会签', next: 'countersign', to: ['zhoujiu', 'chenshi'], mode: 'parallel', edit: false })
    expect(f.state.visit.step).toBe('countersign')
    expect(currentHandlers(f.state).sort()).toEqual(['chenshi', 'zhoujiu'])
    expect(mayEdit(f.state, 'zhoujiu')).toBe(false) // comment-only 会签, as the sender chose
    f.act('zhoujiu', 'countersign', { opinion: '同意' })
    expect(f.state.visit.step).toBe('countersign')
    f.act('chenshi', 'countersign', { opinion: '同意' })
    // back to the reviewer who sent it out
    expect(f.state.visit.step).toBe('review')
    expect(currentHandlers(f.state)).toEqual(['lisi'])
    f.act('lisi', 'approve', { next: 'signoff', to: ['wangwu'] })
    expect(f.state.visit.step).toBe('signoff')
    f.act('wangwu', 'signoff', { opinion: '同意印发', to: ['zhaoliu'] }, { contentHash: HASH })
    expect(f.state.frozen).toBe(true)
    expect(f.state.approvedHash).toBe(HASH)
    expect(f.state.signoffs[0]).toMatchObject({ user: 'wangwu', opinion: '同意印发', circled: false })
    expect(f.state.visit.step).toBe('number')
    f.act('zhaoliu', 'number', {}, {}, { docNumber: '办发〔2026〕1号' })
    expect(f.state.docNumber).toBe('办发〔2026〕1号')
    expect(f.state.visit.step).toBe('seal')
    f.act('zhaoliu', 'seal')
    f.act('zhaoliu', 'distribute', { to: ['zhoujiu'] })
    expect(f.state.ended).toBe('done')
    expect(f.state.visit.step).toBe('done')
    expect(f.state.records.map((r) => r.action)).toEqual(['submit', 'approve', 'countersign', 'countersign', 'approve', 'signoff', 'number', 'seal', 'distribute'])
    // replaying the accepted log reproduces the state
    expect(reduceFlow(f.c, f.log)).toEqual(f.state)
  })

  it('sends 纪要 from 编号 straight to 分发 (no seal), and takes 圈阅 as consent', () => {
    const f = new Flow(ctx({ docType: '纪要' }))
    f.act('zhangsan', 'submit', { to: ['lisi'] })
    f.act('lisi', 'approve', { next: 'signoff', to: ['wangwu'] })
    f.act('wangwu', 'read', { to: ['zhaoliu'] }, { contentHash: HASH })
    expect(f.state.signoffs[0]).toMatchObject({ circled: true, opinion: '阅' })
    f.act('zhaoliu', 'number', {}, {}, { docNumber: '办纪〔2026〕1号' })
    expect(f.state.visit.step).toBe('distribute')
  })

  it('refuses the second of two offline sign-offs, naming who signed and when', () => {
    const f = new Flow(ctx())
    f.act('zhangsan', 'submit', { to: ['lisi'] })
    f.act('lisi', 'approve', { next: 'signoff', to: ['wangwu', 'chenshi'], mode: 'any' })
    // both leaders act on the same visit while apart
    const second = f.cmd('chenshi', 'signoff', { to: ['zhaoliu'] }, { contentHash: HASH })
    f.act('wangwu', 'signoff', { opinion: '同意', to: ['zhaoliu'] }, { contentHash: HASH })
    const refusal = f.run(second)
    expect(refusal?.code).toBe('step_moved')
    expect(errorMessage(refusal!.code, refusal!.params)).toMatch(/^王五已于 2026年11月22日 \d\d:\d\d 签发，您的操作未生效$/)
    expect(f.state.signoffs).toHaveLength(1)
  })

  it('refuses 签发 without the hash of what was approved', () => {
    const f = new Flow(ctx())
    f.act('zhangsan', 'submit', { to: ['lisi'] })
    f.act('lisi', 'approve', { next: 'signoff', to: ['wangwu'] })
    expect(f.run(f.cmd('wangwu', 'signoff', { to: ['zhaoliu'] }))?.code).toBe('content_hash_required')
  })

  it('退回 needs a reason; back to the drafter unfreezes and asks for a new sign-off', () => {
    const f = new Flow(ctx())
    f.act('zhangsan', 'submit', { to: ['lisi'] })
    f.act('lisi', 'approve', { next: 'signoff', to: ['wangwu'] })
    f.act('wangwu', 'signoff', { to: ['zhaoliu'] }, { contentHash: HASH })
    expect(f.state.frozen).toBe(true)
    expect(f.run(f.cmd('zhaoliu', 'return', {}))?.code).toBe('reason_required')
    // the clerk finds a substantive problem: back to the signer
    f.act('zhaoliu', 'return', { reason: '数据有误，请领导重新审定' })
    expect(f.state.visit.step).toBe('signoff')
    expect(f.state.frozen).toBe(false)
    expect(f.state.signoffs).toEqual([])
    f.act('wangwu', 'return', { reason: '请修改第二段', to: 'drafter' })
    expect(f.state.visit.step).toBe('draft')
    expect(mayEdit(f.state, 'zhangsan')).toBe(true)
  })

  it('撤回 only until the next holder opened it', () => {
    const f = new Flow(ctx())
    f.act('zhangsan', 'submit', { to: ['lisi'] })
    f.act('zhangsan', 'withdraw')
    expect(f.state.visit.step).toBe('draft')
    expect(mayEdit(f.state, 'zhangsan')).toBe(true)
    f.act('zhangsan', 'submit', { to: ['lisi'] })
    f.act('lisi', 'open')
    expect(f.run(f.cmd('zhangsan', 'withdraw'))?.code).toBe('already_opened')
    expect(f.run(f.cmd('lisi', 'withdraw'))?.code).toBe('cannot_withdraw')
  })

  it('加签, 转办 and 委托 (the record shows 代), and 催办 from anyone on the route', () => {
    const f = new Flow(ctx())
    f.act('zhangsan', 'submit', { to: ['lisi'] })
    f.act('lisi', 'addsigner', { to: ['zhoujiu'].at(0) })
    expect(currentHandlers(f.state).sort()).toEqual(['lisi', 'zhoujiu'])
    f.act('zhoujiu', 'transfer', { to: 'zhaoliu' })
    expect(currentHandlers(f.state).sort()).toEqual(['lisi', 'zhaoliu'])
    f.act('zhaoliu', 'approve', { next: 'signoff', to: ['wangwu'] })
    f.act('lisi', 'delegate', { to: 'chenshi' })
    expect(currentHandlers(f.state)).toEqual(['chenshi'])
    expect(f.run(f.cmd('lisi', 'approve', { next: 'signoff', to: ['wangwu'] }))?.code).toBe('not_your_step')
    f.act('chenshi', 'approve', { next: 'signoff', to: ['wangwu'], onBehalfOf: 'lisi' })
    const last = f.state.records.at(-1)!
    expect(last).toMatchObject({ actor: 'chenshi', onBehalfOf: 'lisi', action: 'approve' })
    expect(f.state.visit.step).toBe('signoff')
    f.act('zhangsan', 'urge', { message: '请尽快签发' })
    expect(f.state.records.at(-1)).toMatchObject({ action: 'urge', opinion: '请尽快签发' })
    expect(f.run(f.cmd('sunba', 'urge', { message: 'x' }))?.code).toBe('forbidden')
  })

  it('refuses to route a document to someone cleared below its 密级', () => {
    const f = new Flow(ctx({ classification: '机密' }))
    const refusal = f.run(f.cmd('zhangsan', 'submit', { to: ['sunba'] }))
    expect(refusal).toEqual({ code: 'clearance_too_low', params: { name: '孙八', level: '机密' } })
    expect(errorMessage(refusal!.code, refusal!.params)).toContain('孙八的涉密等级低于本文密级（机密）')
  })

  it('runs 会签 in sequence when asked', () => {
    const f = new Flow(ctx())
    f.act('zhangsan', 'submit', { to: ['lisi'] })
    f.act('lisi', 'approve', { next: 'countersign', to: ['zhoujiu', 'chenshi'], mode: 'sequential', edit: true })
    expect(currentHandlers(f.state)).toEqual(['zhoujiu'])
    expect(mayEdit(f.state, 'zhoujiu')).toBe(true)
    expect(f.run(f.cmd('chenshi', 'countersign'))?.code).toBe('not_your_step')
    f.act('zhoujiu', 'countersign')
    expect(currentHandlers(f.state)).toEqual(['chenshi'])
  })
})

describe('收文 flow', () => {
  it('goes from 签收 through 登记, 初审, 拟办, 批办 to 承办 and 传阅, then 办结', () => {
    const f = new Flow(ctx({ kind: 'incoming', drafter: 'zhaoliu' }))
    expect(f.state.visit.step).toBe('receive')
    f.act('zhaoliu', 'receive')
    f.act('zhaoliu', 'register', { fields: { serial: '收〔2026〕8号', sourceOrg: '海州市人民政府', sourceNumber: '海政发〔2022〕114号', copies: 2, limit: '2026-11-30' } })
    f.act('zhaoliu', 'approve')
    expect(f.state.visit.step).toBe('propose')
    f.act('zhaoliu', 'propose', { opinion: '拟请财务处主办，办公室协办', to: ['wangwu'] })
    f.act('wangwu', 'instruct', { opinion: '同意', main: ['zhoujiu'], assist: ['lisi'], circulate: ['chenshi'], limit: '2026-11-30' })
    expect(f.state.visit.step).toBe('handle')
    expect(f.state.visit.dueAt).toBe('2026-11-30')
    expect(f.run(f.cmd('chenshi', 'handle', { result: 'x' }))?.code).toBe('not_allowed_here')
    f.act('lisi', 'handle', { result: '已提供资料' })
    f.act('chenshi', 'read')
    expect(f.state.visit.step).toBe('handle')
    f.act('zhoujiu', 'handle', { result: '已按要求落实' })
    expect(f.state.visit.step).toBe('finish')
    expect(currentHandlers(f.state)).toEqual(['zhaoliu'])
    f.act('zhaoliu', 'complete')
    expect(f.state.ended).toBe('done')
    expect(f.state.register).toMatchObject({ sourceOrg: '海州市人民政府' })
  })

  it('lets 初审 退回来文 with a reason, ending the flow', () => {
    const f = new Flow(ctx({ kind: 'incoming', drafter: 'zhaoliu' }))
    f.act('zhaoliu', 'receive')
    f.act('zhaoliu', 'register', { fields: { sourceOrg: '某局' } })
    f.act('zhaoliu', 'return', { reason: '来文不符合行文规则' })
    expect(f.state.ended).toBe('returned')
  })

  it('skips 登记 for a document distributed internally (already registered)', () => {
    const f = new Flow(ctx({ kind: 'incoming', drafter: 'zhaoliu', registered: true }))
    f.act('zhaoliu', 'receive', { fields: { sourceOrg: '办公室' } })
    expect(f.state.visit.step).toBe('screen')
  })

  it('a 正本 copy runs 签收 → 登记 → 初审, and 登记 keeps the 来文 fields the 正本 brought', () => {
    const f = new Flow(ctx({ kind: 'incoming', drafter: 'zhaoliu', registered: true, original: true }))
    const source = { sourceOrg: '政通示范厅', sourceNumber: '办发〔2026〕3号', sourceDate: '2026-12-01', senderUnit: '办公室' }
    f.act('zhaoliu', 'receive', { fields: source })
    expect(f.state.visit.step).toBe('register')
    f.act('zhaoliu', 'register', { fields: { serial: '财收〔2026〕1号', sourceOrg: '别的机关', sourceNumber: '假的', copies: 2 } })
    expect(f.state.visit.step).toBe('screen')
    expect(f.state.register).toEqual({ ...source, serial: '财收〔2026〕1号', copies: 2 })
  })

  it('退文: the 收发员 returns a distributed copy before 签收, with a reason; not after, not an ordinary 收文', () => {
    const f = new Flow(ctx({ kind: 'incoming', drafter: 'zhaoliu', registered: true }))
    expect(f.run(f.cmd('zhaoliu', 'reject', {}))).toEqual({ code: 'reject_reason_required' })
    expect(f.run(f.cmd('lisi', 'reject', { reason: '不是我' }))?.code).toBe('not_your_step')
    f.act('zhaoliu', 'reject', { reason: '非我单位主管事项' })
    expect(f.state.ended).toBe('returned')
    expect(f.state.records.at(-1)).toMatchObject({ action: 'reject', opinion: '非我单位主管事项' })
    const signed = new Flow(ctx({ kind: 'incoming', drafter: 'zhaoliu', registered: true }))
    signed.act('zhaoliu', 'receive')
    expect(signed.run(signed.cmd('zhaoliu', 'reject', { reason: '晚了' }))?.code).toBe('not_allowed_here')
    const own = new Flow(ctx({ kind: 'incoming', drafter: 'zhaoliu' }))
    expect(own.run(own.cmd('zhaoliu', 'reject', { reason: '来文有误' }))?.code).toBe('not_allowed_here')
  })

  it('a unit\'s copy waits on every 收发员 of it; one signs for the unit, it leaves the others\' 待办, and a late 签收 learns who did', () => {
    const c = ctx({ kind: 'incoming', drafter: 'zhaoliu', registered: true, original: true, receivers: ['zhaoliu', 'zhangsan'] })
    const f = new Flow(c)
    expect(currentHandlers(f.state).sort()).toEqual(['zhangsan', 'zhaoliu'])
    const late = f.cmd('zhaoliu', 'receive')
    f.act('zhangsan', 'receive')
    expect(f.state.visit).toMatchObject({ step: 'register', duties: [{ user: 'zhangsan' }] })
    expect(currentHandlers(f.state)).toEqual(['zhangsan'])
    expect(f.state.participants).toEqual(['zhaoliu', 'zhangsan'])
    expect(f.run(late)).toMatchObject({ code: 'step_moved', params: { name: '张三', action: 'receive' } })
    // the one who signed is the 收文's creator: 办结 comes back to them
    expect(f.state.drafter).toBe('zhangsan')
    // 退文 by either, likewise for the whole unit
    const r = new Flow(c)
    r.act('zhaoliu', 'reject', { reason: '非我单位主管事项' })
    expect(r.state).toMatchObject({ ended: 'returned', drafter: 'zhaoliu' })
    expect(r.run(r.cmd('zhangsan', 'reject', { reason: '晚了', visit: 0 }))?.code).toBe('flow_ended')
  })

  it('a unit\'s copy goes to those of its 收发员 cleared for the 密级, and is refused when none is', () => {
    const units = new Map([['mixed', { id: 'mixed', name: '综合处', registrars: ['sunba', 'zhaoliu'] }], ['low', { id: 'low', name: '某处', registrars: ['sunba'] }]])
    const c = ctx({ classification: '秘密', unit: (id) => units.get(id) })
    expect(unitReceivers(units.get('mixed')!, c)).toEqual(['zhaoliu'])
    const f = new Flow(c)
    const judge = (payload: Record<string, unknown>) => checkCommand({ ...f.state, visit: { ...f.state.visit, step: 'distribute', duties: [{ user: 'zhaoliu', kind: 'handle' }] } }, f.cmd('zhaoliu', 'distribute', payload), c)
    expect(judge({ units: { main: ['mixed'] } })).toBeNull()
    expect(judge({ units: { main: ['mixed'], cc: ['low'] } })?.code).toBe('clearance_too_low')
  })

  it('分发 to units needs each unit to exist and have a 收发员 cleared for the 密级', () => {
    const units = new Map([['finance', { id: 'finance', name: '财务处', registrars: ['zhoujiu'] }], ['archive', { id: 'archive', name: '档案室', registrars: [] }], ['low', { id: 'low', name: '某处', registrars: ['sunba'] }]])
    const c = ctx({ classification: '秘密', unit: (id) => units.get(id) })
    const f = new Flow(c)
    const judge = (payload: Record<string, unknown>) => checkCommand({ ...f.state, visit: { ...f.state.visit, step: 'distribute', duties: [{ user: 'zhaoliu', kind: 'handle' }] } }, f.cmd('zhaoliu', 'distribute', payload), c)
    expect(judge({})).toEqual({ code: 'distribute_nobody' })
    expect(judge({ units: { main: ['nowhere'] } })).toEqual({ code: 'no_such_unit', params: { name: 'nowhere' } })
    expect(judge({ units: { main: ['finance'], cc: ['archive'] } })).toEqual({ code: 'unit_without_registrar', params: { name: '档案室' } })
    expect(judge({ units: { cc: ['low'] } })?.code).toBe('clearance_too_low')
    expect(judge({ units: { main: ['finance'] }, to: ['lisi'] })).toBeNull()
  })

  it('传阅 only, from 批办', () => {
    const f = new Flow(ctx({ kind: 'incoming', drafter: 'zhaoliu' }))
    f.act('zhaoliu', 'receive')
    f.act('zhaoliu', 'register', { fields: { sourceOrg: '某局' } })
    f.act('zhaoliu', 'approve')
    f.act('zhaoliu', 'propose', { to: ['wangwu'] })
    f.act('wangwu', 'circulate', { to: ['lisi', 'chenshi'] })
    expect(f.state.visit.step).toBe('handle')
    f.act('lisi', 'read')
    f.act('chenshi', 'read')
    expect(f.state.visit.step).toBe('finish')
    expect(f.state.records.filter((r) => r.action === 'read').map((r) => r.at)).toHaveLength(2)
  })
})

describe('deadlines', () => {
  it('says 即将超时 within a day and 已超时 after', () => {
    const now = new Date('2026-11-22T12:00:00+08:00')
    expect(dueState(undefined, now)).toBe('none')
    expect(dueState('2026-11-25', now)).toBe('ok')
    expect(dueState('2026-11-22', now)).toBe('soon')
    expect(dueState('2026-11-21', now)).toBe('overdue')
  })
})

describe('flow properties', () => {
  const actors = PEOPLE.map((u) => u.id)
  const verbs = ['submit', 'approve', 'countersign', 'signoff', 'read', 'number', 'seal', 'distribute', 'return', 'withdraw', 'open', 'addsigner', 'transfer', 'delegate', 'urge', 'receive', 'register', 'propose', 'instruct', 'handle', 'complete', 'circulate']
  const command = fc.record({
    actor: fc.constantFrom(...actors),
    verb: fc.constantFrom(...verbs),
    to: fc.subarray(actors, { minLength: 1, maxLength: 3 }),
    one: fc.constantFrom(...actors),
    next: fc.constantFrom('countersign', 'signoff', undefined),
    mode: fc.constantFrom('any', 'parallel', 'sequential', undefined),
    back: fc.constantFrom('previous', 'drafter', undefined),
    stale: fc.boolean(),
  })

  it('no sequence of commands reaches an impossible state, and the accepted log replays to the same state', () => {
    fc.assert(
      fc.property(fc.constantFrom<'outgoing' | 'incoming'>('outgoing', 'incoming'), fc.constantFrom<Clearance>('非密', '秘密'), fc.array(command, { maxLength: 60 }), (kind, classification, cmds) => {
        const f = new Flow(ctx({ kind, classification, drafter: kind === 'incoming' ? 'zhaoliu' : 'zhangsan' }))
        for (const c of cmds) {
          const payload: Record<string, unknown> = {
            to: ['addsigner', 'transfer', 'delegate'].includes(c.verb) ? c.one : c.to,
            next: c.next, mode: c.mode, reason: '理由', opinion: '意见', message: '请办理', result: '已办',
            main: c.to.slice(0, 1), assist: c.to.slice(1, 2), circulate: c.to.slice(2), fields: { sourceOrg: '某局' },
            ...(c.verb === 'return' ? { to: c.back } : {}),
          }
          const cmd = f.cmd(c.actor, c.verb, payload, { contentHash: HASH })
          if (c.stale) cmd.payload.visit = f.state.visit.seq + 1
          f.run(cmd, c.verb === 'number' ? { docNumber: `办发〔2026〕${f.log.length + 1}号` } : undefined)
          const s = f.state
          // invariants
          if (s.ended) expect(currentHandlers(s)).toEqual([])
          else expect(s.visit.duties.length).toBeGreaterThan(0)
          if (s.frozen) expect(s.approvedHash).toBe(HASH)
          for (const d of s.visit.duties) {
            expect(s.participants).toContain(d.user)
            if (d.delegate) expect(s.participants).toContain(d.delegate)
          }
          for (const id of s.participants) expect(byId.get(id)!.clearance === '非密' && classification === '秘密').toBe(false)
          if (s.kind === 'outgoing' && ['number', 'seal', 'distribute'].includes(s.visit.step)) expect(s.signoffs.length).toBeGreaterThan(0)
          if (['seal', 'distribute'].includes(s.visit.step)) expect(s.docNumber).toBeDefined()
        }
        expect(reduceFlow(f.c, f.log)).toEqual(f.state)
      }),
      { numRuns: 300 },
    )
  })
})
