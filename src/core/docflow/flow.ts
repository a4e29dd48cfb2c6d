// The document flow reducer (ARCHITECTURE.md §3.2): state = reduce(definition, acceptedEvents).
// `checkCommand` says whether a command may be accepted in a state (the server's verdict, and the
// client's preview); `applyEvent` folds an accepted one in. Client and server run the same code,
// so they always agree what is allowed next.
import type { Clearance } from '../directory/model'
import { mayRead } from '../directory/model'
import {
  definitionOf, skipsSeal, type DutyKind, type FlowAction, type FlowKind, type FlowOperation, type StepId, type StepMode, type Transition,
} from './definitions'

export interface FlowEvent {
  id: string
  seq: number
  type: string
  actor: string
  at: string
  payload: Record<string, unknown>
  contentHash?: string
  /** what the server decided when it accepted the command (e.g. the 发文字号) */
  result?: Record<string, unknown>
}

/** A command as the reducer judges it (the envelope without its signature). */
export type FlowCommand = Omit<FlowEvent, 'seq' | 'result'>

export interface FlowUser {
  id: string
  name: string
  clearance: Clearance
  roles: readonly string[]
  unitId: string
}

export interface FlowContext {
  kind: FlowKind
  /** the creator: 拟稿人 of 发文, the registering clerk of 收文 */
  drafter: string
  createdAt: string
  docType: string
  /** the document's 密级, for routing checks */
  classification: Clearance
  user(id: string): FlowUser | undefined
  /** arrived by internal 分发, already registered: 签收 leads past 登记 */
  registered?: boolean
  /**
   * a 正本 received by 分发 (公文交换): its own 收文 flow runs 签收 → 登记 → …, and the 来文 fields
   * taken at 签收 from the 正本 (来文机关, 来文字号, 成文日期, 来文单位) stay as they are at 登记
   */
  original?: boolean
  /**
   * a copy sent to a unit: every 收发员 it went to holds its 签收; one signs for (or returns) it on
   * the unit's behalf, and it leaves the others' 待办
   */
  receivers?: readonly string[]
  /** units of the directory, for 分发 to units (公文交换); absent where the directory is unknown */
  unit?(id: string): FlowUnit | undefined
}

export interface FlowUnit {
  id: string
  name: string
  /** 收发员 */
  registrars: readonly string[]
}

export interface Duty {
  user: string
  kind: DutyKind
  done?: { seq: number; at: string; action: string; by: string }
  /** when the holder first opened the document at this step (撤回 is possible until then) */
  opened?: string
  /** 委托: who acts for the holder, shown as 「代」 */
  delegate?: string
}

export interface Visit {
  /** seq of the event that opened this visit (0 for the first) */
  seq: number
  step: StepId
  /** who sent the document here */
  by: string
  at: string
  mode: StepMode
  duties: Duty[]
  edit: boolean
  dueAt?: string
}

export interface FlowRecord {
  seq: number
  at: string
  step: StepId
  actor: string
  /** the holder the actor acted for (委托) */
  onBehalfOf?: string
  action: FlowAction | FlowOperation
  opinion?: string
  detail?: Record<string, unknown>
  /** a handwritten opinion, bound to the signed command */
  ink?: Ink
}

/** Handwriting: strokes as flat [x, y, pressure, …] lists on a 0–1000 × 0–300 pad, and its PNG. */
export interface Ink {
  strokes: number[][]
  png: string
}

const MAX_INK_PNG = 48 * 1024

export function isInk(v: unknown): v is Ink {
  const ink = v as Partial<Ink> | null
  return !!ink && typeof ink === 'object' && Array.isArray(ink.strokes) && ink.strokes.length <= 500 &&
    ink.strokes.every((st) => Array.isArray(st) && st.length <= 3000 && st.every((n) => typeof n === 'number' && Number.isFinite(n))) &&
    typeof ink.png === 'string' && ink.png.length <= MAX_INK_PNG && /^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(ink.png)
}

export interface Signoff {
  user: string
  onBehalfOf?: string
  at: string
  opinion: string
  circled: boolean
  contentHash: string
}

export interface FlowState {
  kind: FlowKind
  drafter: string
  visit: Visit
  /** finished visits, oldest first: the route, and the targets of 退回 */
  trail: Visit[]
  /** signed off: the content may not change until a 退回 to sign-off or before */
  frozen: boolean
  approvedHash?: string
  signoffs: Signoff[]
  docNumber?: string
  /** everyone ever on the route (they may read the document) */
  participants: string[]
  records: FlowRecord[]
  register?: Record<string, unknown>
  ended?: 'done' | 'returned'
  lastSeq: number
}

export interface Refusal {
  code: string
  params?: Record<string, string>
}

const ACTION_VERBS = ['submit', 'approve', 'countersign', 'signoff', 'read', 'number', 'seal', 'distribute', 'receive', 'register', 'propose', 'instruct', 'handle', 'complete'] as const satisfies readonly FlowAction[]
const OPERATION_VERBS = ['return', 'withdraw', 'open', 'addsigner', 'transfer', 'delegate', 'urge', 'circulate', 'reject'] as const satisfies readonly FlowOperation[]
const ACTIONS = new Set<string>(ACTION_VERBS)
const OPERATIONS = new Set<string>(OPERATION_VERBS)

/** A flow command's type, `doc.<verb>`: the compiler knows each one. */
export type FlowCommandType = `doc.${(typeof ACTION_VERBS)[number] | (typeof OPERATION_VERBS)[number]}`

/** Every command type of the document flow. */
export const FLOW_COMMAND_TYPES: readonly FlowCommandType[] = [...ACTION_VERBS, ...OPERATION_VERBS].map((v) => `doc.${v}` as const)

/** `doc.signoff` → `signoff`; null for types that are not flow commands. */
export function flowVerb(type: string): FlowAction | FlowOperation | null {
  const m = /^doc\.([a-z]+)$/.exec(type)
  if (!m) return null
  return ACTIONS.has(m[1]!) || OPERATIONS.has(m[1]!) ? (m[1] as FlowAction | FlowOperation) : null
}

export function initialState(ctx: FlowContext): FlowState {
  const def = definitionOf(ctx.kind)
  const step = def.start
  const holders = ctx.receivers?.length ? [...new Set([ctx.drafter, ...ctx.receivers])] : [ctx.drafter]
  return {
    kind: ctx.kind,
    drafter: ctx.drafter,
    visit: { seq: 0, step, by: ctx.drafter, at: ctx.createdAt, mode: 'any', duties: holders.map((user) => ({ user, kind: 'handle' as const })), edit: def.steps[step]!.edit === true },
    trail: [],
    frozen: false,
    signoffs: [],
    participants: holders,
    records: [],
    lastSeq: 0,
  }
}

export function reduceFlow(ctx: FlowContext, events: readonly FlowEvent[]): FlowState {
  let state = initialState(ctx)
  for (const e of events) state = applyEvent(state, e, ctx)
  return state
}

// ── reading the state ────────────────────────────────────────────────────────────────────────

/** Duties still to be discharged at the current step, in the order they may be (sequential mode). */
export function pendingDuties(state: FlowState): Duty[] {
  if (state.ended) return []
  const open = state.visit.duties.filter((d) => !d.done)
  if (state.visit.mode === 'sequential') return open.slice(0, 1)
  return open
}

/** Users who must act now (holders, or their delegates). */
export function currentHandlers(state: FlowState): string[] {
  return pendingDuties(state).map((d) => d.delegate ?? d.user)
}

/** The pending duty `actor` may discharge now, as themself or as a delegate. */
export function dutyOf(state: FlowState, actor: string, onBehalfOf?: string): Duty | undefined {
  const pending = pendingDuties(state)
  if (onBehalfOf) return pending.find((d) => d.user === onBehalfOf && d.delegate === actor)
  return pending.find((d) => d.user === actor && !d.delegate) ?? pending.find((d) => d.delegate === actor)
}

/** May `user` edit the content now? */
export function mayEdit(state: FlowState, user: string): boolean {
  if (state.frozen || state.ended || !state.visit.edit) return false
  return state.visit.duties.some((d) => !d.done && (d.user === user || d.delegate === user))
}

// ── judging a command ────────────────────────────────────────────────────────────────────────

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)
const users = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((u) => typeof u === 'string' && u !== '') ? [...new Set(v as string[])] : undefined

function routeRefusal(ids: readonly string[], ctx: FlowContext): Refusal | null {
  for (const id of ids) {
    const u = ctx.user(id)
    if (!u) return { code: 'no_such_user', params: { name: id } }
    if (!mayRead(u.clearance, ctx.classification)) return { code: 'clearance_too_low', params: { name: u.name, level: ctx.classification } }
  }
  return null
}

/** Why `cmd` may not be accepted in `state`, or null when it may. */
export function checkCommand(state: FlowState, cmd: FlowCommand, ctx: FlowContext): Refusal | null {
  const verb = flowVerb(cmd.type)
  if (!verb) return { code: 'unknown_command' }
  const p = cmd.payload
  if (state.ended) return { code: 'flow_ended' }
  const stale = typeof p.visit === 'number' && p.visit !== state.visit.seq
  const onBehalfOf = str(p.onBehalfOf)
  if (p.ink !== undefined && !isInk(p.ink)) return { code: 'bad_command' }

  // operations that are not a holder's duty
  if (verb === 'urge') {
    if (!state.participants.includes(cmd.actor)) return { code: 'forbidden' }
    if (!str(p.message)) return { code: 'bad_command' }
    return null
  }
  if (verb === 'withdraw') {
    const prev = state.trail.at(-1)
    if (!prev || state.visit.by !== cmd.actor || stale) return { code: 'cannot_withdraw' }
    if (state.visit.duties.some((d) => d.opened || d.done)) return { code: 'already_opened' }
    return null
  }
  if (verb === 'open') {
    return state.visit.duties.some((d) => !d.done && (d.user === cmd.actor || d.delegate === cmd.actor)) ? null : { code: 'not_your_step' }
  }

  const duty = dutyOf(state, cmd.actor, onBehalfOf)
  if (!duty || stale) return movedRefusal(state, cmd, ctx)

  switch (verb) {
    case 'return': {
      if (!str(p.reason)) return { code: 'reason_required' }
      // 初审 may 退回来文 (the flow ends); elsewhere there must be somewhere to go back to
      if (state.kind === 'incoming' && state.visit.step === 'screen') return null
      return returnTarget(state, p.to) ? null : { code: 'no_return_target' }
    }
    case 'addsigner':
    case 'transfer':
    case 'delegate': {
      const to = str(p.to)
      if (!to) return { code: 'bad_command' }
      if (state.visit.duties.some((d) => !d.done && (d.user === to || d.delegate === to))) return { code: 'already_holder' }
      return routeRefusal([to], ctx)
    }
    case 'circulate': {
      // 传阅: the leader at 批办 or a holder at 承办 names readers
      const to = users(p.to)
      if (!to?.length) return { code: 'bad_command' }
      if (state.visit.step !== 'handle' && state.visit.step !== 'instruct') return { code: 'not_allowed_here' }
      return routeRefusal(to, ctx)
    }
    case 'reject': {
      // 退文: the receiving 收发员 sends a distributed copy back unsigned, with the reason
      if (state.kind !== 'incoming' || state.visit.step !== 'receive' || !ctx.registered) return { code: 'not_allowed_here' }
      return str(p.reason) ? null : { code: 'reject_reason_required' }
    }
  }

  const def = definitionOf(state.kind)
  const transition = def.steps[state.visit.step]?.actions[verb as FlowAction]
  if (!transition) return { code: 'not_allowed_here', params: { step: def.steps[state.visit.step]?.name ?? state.visit.step } }
  if (verb === 'handle' && duty.kind === 'read') return { code: 'not_allowed_here' }
  if (verb === 'read' && state.visit.step === 'handle' && duty.kind !== 'read') return { code: 'not_allowed_here' }

  if (verb === 'signoff' || verb === 'read') {
    if (state.visit.step === 'signoff' && !cmd.contentHash) return { code: 'content_hash_required' }
  }
  if (verb === 'instruct') {
    const main = users(p.main) ?? []
    const assist = users(p.assist) ?? []
    const readers = users(p.circulate) ?? []
    if (main.length + readers.length === 0) return { code: 'bad_command' }
    return routeRefusal([...main, ...assist, ...readers], ctx)
  }
  if (verb === 'distribute') return distributeRefusal(p, ctx)
  if (verb === 'register') {
    const fields = p.fields
    if (!fields || typeof fields !== 'object' || !str((fields as Record<string, unknown>).sourceOrg)) return { code: 'bad_command' }
  }
  if (transition.kind === 'choose' && completes(state, duty)) {
    const to = users(p.to)
    if (!to?.length) return { code: 'next_required' }
    const next = str(p.next) ?? transition.steps[0]
    if (!transition.steps.includes(next as StepId)) return { code: 'bad_command' }
    if (p.mode !== undefined && !['any', 'parallel', 'sequential'].includes(p.mode as string)) return { code: 'bad_command' }
    return routeRefusal(to, ctx)
  }
  return null
}

/** 分发 names people, units (主送 / 抄送), or both; each unit must have a 收发员 cleared to read it. */
function distributeRefusal(p: Record<string, unknown>, ctx: FlowContext): Refusal | null {
  const to = p.to === undefined ? [] : users(p.to)
  if (!to) return { code: 'bad_command' }
  const spec = p.units as { main?: unknown; cc?: unknown } | undefined
  const main = spec?.main === undefined ? [] : users(spec.main)
  const cc = spec?.cc === undefined ? [] : users(spec.cc)
  if (!main || !cc) return { code: 'bad_command' }
  if (to.length + main.length + cc.length === 0) return { code: 'distribute_nobody' }
  if (ctx.unit) {
    for (const id of [...main, ...cc]) {
      const unit = ctx.unit(id)
      if (!unit) return { code: 'no_such_unit', params: { name: id } }
      if (!unit.registrars.length) return { code: 'unit_without_registrar', params: { name: unit.name } }
      // some 收发员 must be able to read it; why none can is the first one's reason
      if (!unitReceivers(unit, ctx).length) return routeRefusal(unit.registrars, ctx) ?? { code: 'unit_without_registrar', params: { name: unit.name } }
    }
  }
  return routeRefusal(to, ctx)
}

/** The 收发员 of a unit who receive its copy: those in the directory cleared for the document's 密级. */
export function unitReceivers(unit: FlowUnit, ctx: FlowContext): string[] {
  return unit.registrars.filter((id) => {
    const u = ctx.user(id)
    return !!u && mayRead(u.clearance, ctx.classification)
  })
}

/** The refusal for a holder who is too late: who moved the step on, when, and how. */
function movedRefusal(state: FlowState, cmd: FlowCommand, ctx: FlowContext): Refusal {
  // the visit the actor acted on: the one the command names, else the latest closed one they held
  const named = typeof cmd.payload.visit === 'number' ? cmd.payload.visit : undefined
  const held = (v: Visit): boolean => v.duties.some((d) => d.user === cmd.actor || d.delegate === cmd.actor)
  const visit = named !== undefined ? state.trail.find((v) => v.seq === named) : [...state.trail].reverse().find(held)
  if (visit && held(visit) && named !== state.visit.seq) {
    const closing = state.records.find((r) => r.seq > visit.seq && r.step === visit.step && r.actor !== cmd.actor && r.action !== 'open' && r.action !== 'urge')
    if (closing) return { code: 'step_moved', params: { name: ctx.user(closing.actor)?.name ?? closing.actor, at: closing.at, action: closing.action } }
  }
  return { code: 'not_your_step' }
}

/** Would `user` acting now complete the current step (so they must name who is next)? */
export function wouldComplete(state: FlowState, user: string): boolean {
  const duty = dutyOf(state, user)
  return !!duty && completes(state, duty)
}

/** Would discharging `duty` complete the current step? */
function completes(state: FlowState, duty: Duty): boolean {
  const v = state.visit
  if (v.mode === 'any' && v.step !== 'handle') return true
  // 承办: main handlers and readers must all be done; assistants contribute without blocking
  const blocking = v.duties.filter((d) => !d.done && d !== duty && (v.step !== 'handle' || d.kind !== 'assist'))
  return blocking.length === 0
}

function returnTarget(state: FlowState, to: unknown): Visit | undefined {
  // only visits where someone could act again (not the current one, not 办结)
  const targets = state.trail.filter((v) => v.step !== state.visit.step || v.seq !== state.visit.seq)
  if (to === 'drafter') return targets[0]
  if (typeof to === 'number') return targets.find((v) => v.seq === to)
  return targets.at(-1)
}

// ── applying an accepted event ───────────────────────────────────────────────────────────────

export function applyEvent(state: FlowState, e: FlowEvent, ctx: FlowContext): FlowState {
  const verb = flowVerb(e.type)
  if (!verb) return { ...state, lastSeq: e.seq }
  const s: FlowState = structuredClone(state)
  s.lastSeq = e.seq
  const p = e.payload
  const onBehalfOf = str(p.onBehalfOf)
  const record = (action: FlowAction | FlowOperation, detail?: Record<string, unknown>): void => {
    s.records.push({
      seq: e.seq, at: e.at, step: s.visit.step, actor: e.actor, action,
      ...(onBehalfOf ? { onBehalfOf } : {}),
      ...(str(p.opinion) ?? str(p.reason) ?? str(p.message) ?? str(p.result) ? { opinion: str(p.opinion) ?? str(p.reason) ?? str(p.message) ?? str(p.result) } : {}),
      ...(detail ? { detail } : {}),
      ...(isInk(p.ink) ? { ink: p.ink } : {}),
    })
  }
  const join = (ids: readonly string[]): void => {
    for (const id of ids) if (!s.participants.includes(id)) s.participants.push(id)
  }
  const moveTo = (step: StepId, holders: { user: string; kind: DutyKind }[], mode: StepMode, edit: boolean, dueAt?: string): void => {
    s.trail.push(s.visit)
    s.visit = { seq: e.seq, step, by: e.actor, at: e.at, mode, duties: holders.map((h) => ({ ...h })), edit, ...(dueAt ? { dueAt } : {}) }
    join(holders.map((h) => h.user))
  }
  const end = (how: 'done' | 'returned'): void => {
    s.trail.push(s.visit)
    s.visit = { seq: e.seq, step: 'done', by: e.actor, at: e.at, mode: 'any', duties: [], edit: false }
    s.ended = how
  }

  switch (verb) {
    case 'urge':
      record('urge')
      return s
    case 'open': {
      for (const d of s.visit.duties) if (!d.done && (d.user === e.actor || d.delegate === e.actor) && !d.opened) d.opened = e.at
      return s
    }
    case 'withdraw': {
      record('withdraw')
      const prev = s.trail.pop()!
      s.visit = { ...prev, seq: e.seq, at: e.at, duties: prev.duties.filter((d) => d.user === e.actor || d.delegate === e.actor).map((d) => ({ user: d.user, kind: d.kind })) }
      if (s.visit.duties.length === 0) s.visit.duties = [{ user: e.actor, kind: 'handle' }]
      return s
    }
    case 'return': {
      record('return', { to: p.to ?? 'previous' })
      if (s.kind === 'incoming' && s.visit.step === 'screen') {
        end('returned')
        return s
      }
      const target = returnTarget(state, p.to)!
      const def = definitionOf(s.kind)
      // whoever acted there holds it again
      const actedThere = target.duties.filter((d) => d.done).map((d) => ({ user: d.user, kind: d.kind }))
      const holders = actedThere.length ? actedThere : target.duties.map((d) => ({ user: d.user, kind: d.kind }))
      if (def.steps[target.step]?.beforeSignoff) {
        s.frozen = false
        delete s.approvedHash
        s.signoffs = []
      }
      moveTo(target.step, holders, target.mode === 'sequential' ? 'sequential' : target.mode, target.edit)
      return s
    }
    case 'addsigner': {
      record('addsigner', { to: p.to })
      const to = str(p.to)!
      s.visit.duties.push({ user: to, kind: dutyOf(state, e.actor, onBehalfOf)?.kind ?? 'handle' })
      // once someone is added, everyone's part counts
      if (s.visit.mode === 'any') s.visit.mode = 'parallel'
      join([to])
      return s
    }
    case 'transfer': {
      record('transfer', { to: p.to })
      const duty = s.visit.duties.find((d) => d === findDuty(s, e.actor, onBehalfOf))!
      duty.user = str(p.to)!
      delete duty.delegate
      delete duty.opened
      join([duty.user])
      return s
    }
    case 'delegate': {
      record('delegate', { to: p.to })
      const duty = findDuty(s, e.actor, onBehalfOf)!
      duty.delegate = str(p.to)!
      join([duty.delegate])
      return s
    }
    case 'reject':
      record('reject')
      settleReceivers(s, onBehalfOf ?? e.actor, ctx)
      end('returned')
      return s
    case 'circulate': {
      const to = users(p.to)!
      record('circulate', { to })
      if (s.visit.step === 'instruct') {
        // the leader sends it for reading only
        const duty = findDuty(s, e.actor, onBehalfOf)!
        duty.done = { seq: e.seq, at: e.at, action: 'circulate', by: e.actor }
        moveTo('handle', to.map((user) => ({ user, kind: 'read' as const })), 'parallel', false, str(p.limit))
      } else {
        for (const user of to) if (!s.visit.duties.some((d) => d.user === user && d.kind === 'read')) s.visit.duties.push({ user, kind: 'read' })
        join(to)
      }
      return s
    }
  }

  // a duty discharged by one of the step's actions
  const duty = findDuty(s, e.actor, onBehalfOf)!
  const finishing = completes(s, duty)
  duty.done = { seq: e.seq, at: e.at, action: verb, by: e.actor }
  const def = definitionOf(s.kind)
  const transition = def.steps[s.visit.step]!.actions[verb as FlowAction] as Transition
  const step = s.visit.step

  if (verb === 'signoff' || (verb === 'read' && step === 'signoff')) {
    s.signoffs.push({ user: onBehalfOf ?? e.actor, ...(onBehalfOf ? { onBehalfOf: e.actor } : {}), at: e.at, opinion: str(p.opinion) ?? (verb === 'read' ? '阅' : '同意'), circled: verb === 'read', contentHash: e.contentHash ?? '' })
    s.frozen = true
    s.approvedHash = e.contentHash
  }
  if (verb === 'receive') settleReceivers(s, onBehalfOf ?? e.actor, ctx)
  if (verb === 'number') s.docNumber = typeof e.result?.docNumber === 'string' ? e.result.docNumber : s.docNumber
  if (verb === 'register' || (verb === 'receive' && ctx.registered)) {
    const fixed = verb === 'register' && ctx.original ? pickSourceFields(s.register) : {}
    s.register = { ...(s.register ?? {}), ...((p.fields as Record<string, unknown>) ?? {}), ...fixed }
  }
  record(verb, verb === 'number' ? { docNumber: s.docNumber } : verb === 'instruct' ? { main: p.main, assist: p.assist, circulate: p.circulate } : verb === 'distribute' ? { to: p.to, ...(p.units ? { units: p.units } : {}) } : undefined)

  if (!finishing) return s
  switch (transition.kind) {
    case 'end':
      end('done')
      break
    case 'self': {
      let next = transition.step
      if (next === 'register' && ctx.registered && !ctx.original) next = 'screen'
      if (next === 'seal' && skipsSeal(ctx.docType)) next = 'distribute'
      moveTo(next, [{ user: onBehalfOf ?? e.actor, kind: 'handle' }], 'any', false)
      break
    }
    case 'back':
    case 'creator': {
      const holder = transition.kind === 'back' ? s.visit.by : s.drafter
      moveTo(transition.step, [{ user: holder, kind: 'handle' }], 'any', def.steps[transition.step]?.edit === true)
      break
    }
    case 'choose': {
      if (verb === 'instruct') {
        const holders = [
          ...(users(p.main) ?? []).map((user) => ({ user, kind: 'main' as const })),
          ...(users(p.assist) ?? []).map((user) => ({ user, kind: 'assist' as const })),
          ...(users(p.circulate) ?? []).map((user) => ({ user, kind: 'read' as const })),
        ]
        moveTo('handle', holders, 'parallel', false, str(p.limit))
        break
      }
      const next = (str(p.next) ?? transition.steps[0]) as StepId
      const to = users(p.to)!
      const mode = (p.mode as StepMode | undefined) ?? (to.length > 1 ? 'parallel' : 'any')
      const stepEdit = def.steps[next]?.edit
      const edit = stepEdit === 'chosen' ? p.edit === true : stepEdit === true
      moveTo(next, to.map((user) => ({ user, kind: 'handle' as const })), mode, edit, str(p.limit))
      break
    }
  }
  return s
}

/**
 * One 收发员 signed for (or returned) the unit's copy: it is theirs from now on — its creator, to
 * whom 办结 comes back. The unit's other 收发员 stay on the route as readers (their line of it moves
 * to 已办), so they can follow what became of it.
 */
function settleReceivers(s: FlowState, signer: string, ctx: FlowContext): void {
  if (ctx.receivers?.length && s.visit.seq === 0) s.drafter = signer
}

/** The 来文 fields a 正本 brings with it: 登记 keeps them as 签收 recorded them. */
export const SOURCE_FIELDS = ['sourceOrg', 'sourceNumber', 'sourceDate', 'senderUnit'] as const

function pickSourceFields(register: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(SOURCE_FIELDS.filter((k) => register?.[k] !== undefined).map((k) => [k, register![k]]))
}

function findDuty(state: FlowState, actor: string, onBehalfOf?: string): Duty | undefined {
  return dutyOf(state, actor, onBehalfOf)
}

// ── deadlines ────────────────────────────────────────────────────────────────────────────────

export type DueState = 'none' | 'ok' | 'soon' | 'overdue'

/** 即将超时 within a day of the limit, 已超时 after it. */
export function dueState(dueAt: string | undefined, now: Date): DueState {
  if (!dueAt) return 'none'
  const due = Date.parse(dueAt.length === 10 ? `${dueAt}T23:59:59+08:00` : dueAt)
  if (Number.isNaN(due)) return 'none'
  const left = due - now.getTime()
  return left < 0 ? 'overdue' : left < 86_400_000 ? 'soon' : 'ok'
}
