// A document as its readers see it (CLI and desktop alike): the canonical content and the flow
// reduced from the room's accepted events, what the user may do next, and the command to do it.
import type * as Y from 'yjs'
import type { DirectoryUser, Unit } from '../directory/model'
import { readOriginal, type OriginalFacts } from './exchange'
import { contentHash, readContent, type DocContent } from './content'
import { definitionOf, isFlowKind, type FlowAction, type FlowKind, type FlowOperation, type Transition } from './definitions'
import { checkCommand, dutyOf, reduceFlow, wouldComplete, type FlowCommand, type FlowCommandType, type FlowContext, type FlowEvent, type FlowState, type Refusal } from './flow'
import type { FlowPayload } from './commands'

export interface DocView {
  content: DocContent
  ctx: FlowContext
  state: FlowState
  events: FlowEvent[]
  users: DirectoryUser[]
  /** for a copy received by 分发: the 正本's facts (read-only, rendered as the sender's 版式) */
  original: OriginalFacts | null
}

export function directoryUsers(directory: Y.Doc): DirectoryUser[] {
  return [...directory.getMap<DirectoryUser>('users').values()]
}

export function docView(doc: Y.Doc, users: DirectoryUser[], units: readonly Unit[] = []): DocView {
  const meta = doc.getMap('meta')
  const content = readContent(doc)
  const byId = new Map(users.map((u) => [u.id, u]))
  const unitById = new Map(units.map((u) => [u.id, u]))
  const original = readOriginal(doc)
  const ctx: FlowContext = {
    kind: isFlowKind(meta.get('flowKind')) ? (meta.get('flowKind') as FlowKind) : 'outgoing',
    drafter: String(meta.get('createdBy') ?? ''),
    createdAt: String(meta.get('createdAt') ?? ''),
    docType: content.meta.docType,
    classification: content.meta.classification,
    registered: meta.get('registration') !== undefined,
    original: original !== null,
    ...(original?.receivers?.length ? { receivers: original.receivers } : {}),
    user: (id) => byId.get(id),
    // without the directory's units the server alone judges a 分发 to units
    ...(units.length ? { unit: (id: string) => { const u = unitById.get(id); return u && { id: u.id, name: u.name, registrars: u.registrars ?? [] } } } : {}),
  }
  const events = doc.getArray<FlowEvent>('flow').toArray().filter((e) => typeof e.seq === 'number')
  return { content, ctx, state: reduceFlow(ctx, events), events, users, original }
}

/** The 来文 fields of a 正本 copy, as 签收 records them and 登记 shows them. */
export function sourceFieldsOf(original: OriginalFacts): Record<string, string> {
  return { sourceOrg: original.sourceOrg, sourceNumber: original.docNumber, sourceDate: original.issueDate ?? '', senderUnit: original.senderUnit }
}

/** What a user chose in a form or on the command line for one action. */
export interface ActChoices {
  opinion?: string
  reason?: string
  message?: string
  result?: string
  /** next holders (user ids); for 退回 the target: 'drafter', a visit seq, or nothing for the previous step */
  to?: string[] | string | number
  next?: string
  mode?: string
  edit?: boolean
  limit?: string
  main?: string[]
  assist?: string[]
  circulate?: string[]
  /** 分发 to units: 主送 and 抄送 unit ids */
  units?: { main?: string[]; cc?: string[] }
  /** 编号: the 代字 */
  prefix?: string
  onBehalfOf?: string
  fields?: Record<string, unknown>
  /** a handwritten opinion: strokes as vectors and the PNG drawn from them */
  ink?: { strokes: number[][]; png: string }
}

export interface ComposedCommand {
  type: FlowCommandType
  payload: FlowPayload
  contentHash?: string
}

/** The command for `action` with the user's choices, bound to the visit it was made in. */
export function composeCommand(view: DocView, action: FlowAction | FlowOperation, c: ActChoices): ComposedCommand {
  const payload: Record<string, unknown> = { visit: view.state.visit.seq }
  const put = (key: string, value: unknown): void => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) payload[key] = value
  }
  put('opinion', c.opinion?.trim())
  put('onBehalfOf', c.onBehalfOf)
  const one = (v: ActChoices['to']): string | undefined => (Array.isArray(v) ? v[0] : typeof v === 'string' ? v : undefined)
  switch (action) {
    case 'return':
      put('reason', (c.reason ?? c.opinion)?.trim())
      put('to', Array.isArray(c.to) ? undefined : c.to)
      break
    case 'urge':
      put('message', (c.message ?? c.opinion)?.trim())
      break
    case 'reject':
      put('reason', (c.reason ?? c.opinion)?.trim())
      break
    case 'number':
      put('prefix', c.prefix)
      break
    case 'distribute': {
      put('to', Array.isArray(c.to) ? c.to : c.to === undefined ? undefined : [String(c.to)])
      const main = c.units?.main?.length ? c.units.main : undefined
      const cc = c.units?.cc?.length ? c.units.cc : undefined
      if (main || cc) payload.units = { ...(main ? { main } : {}), ...(cc ? { cc } : {}) }
      break
    }
    case 'handle':
      put('result', (c.result ?? c.opinion)?.trim())
      break
    case 'addsigner':
    case 'transfer':
    case 'delegate':
      put('to', one(c.to))
      break
    case 'instruct':
      put('main', c.main)
      put('assist', c.assist)
      put('circulate', c.circulate)
      put('limit', c.limit)
      break
    case 'register':
      put('fields', c.fields)
      break
    case 'receive':
      put('fields', c.fields)
      break
    default:
      put('to', Array.isArray(c.to) ? c.to : c.to === undefined ? undefined : [String(c.to)])
      put('next', c.next)
      put('mode', c.mode)
      if (c.edit) payload.edit = true
      put('limit', c.limit)
  }
  if (c.ink) payload.ink = c.ink
  const signoff = (action === 'signoff' || action === 'read') && view.state.visit.step === 'signoff'
  return { type: `doc.${action}`, payload: payload as FlowPayload, ...(signoff ? { contentHash: contentHash(view.content) } : {}) }
}

/** Judge a composed command as the server will (null when it would be accepted). */
export function previewCommand(view: DocView, actor: string, cmd: ComposedCommand, at: Date): Refusal | null {
  const full: FlowCommand = { ...cmd, id: 'preview', actor, at: at.toISOString() }
  return checkCommand(view.state, full, view.ctx)
}

export interface AvailableAction {
  action: FlowAction | FlowOperation
  /** where the action leads, for the step's own actions */
  transition?: Transition
  /** the user completes the step and must name the next holders */
  needsNext: boolean
}

/** The actions `user` may take now: the step's own (for a holder), and the operations around it. */
export function availableActions(view: DocView, user: string): AvailableAction[] {
  const { state } = view
  if (state.ended) return []
  const out: AvailableAction[] = []
  const duty = dutyOf(state, user)
  if (duty) {
    const step = definitionOf(state.kind).steps[state.visit.step]
    for (const [action, transition] of Object.entries(step?.actions ?? {}) as [FlowAction, Transition][]) {
      if (state.visit.step === 'handle' && (action === 'read') !== (duty.kind === 'read')) continue
      out.push({ action, transition, needsNext: transition.kind === 'choose' && wouldComplete(state, user) })
    }
    if (state.trail.length > 0 || (state.kind === 'incoming' && state.visit.step === 'screen')) out.push({ action: 'return', needsNext: false })
    // a copy received by 分发 is signed for or returned (退文) by the 收发员
    if (state.kind === 'incoming' && state.visit.step === 'receive' && view.ctx.registered) out.push({ action: 'reject', needsNext: false })
    for (const op of ['addsigner', 'transfer', 'delegate'] as const) out.push({ action: op, needsNext: false })
    if (state.visit.step === 'instruct' || state.visit.step === 'handle') out.push({ action: 'circulate', needsNext: false })
  } else {
    const probe = (action: FlowOperation, payload: Record<string, unknown>): boolean =>
      checkCommand(state, { id: 'probe', type: `doc.${action}`, actor: user, at: new Date(0).toISOString(), payload: { visit: state.visit.seq, ...payload } }, view.ctx) === null
    if (probe('withdraw', {})) out.push({ action: 'withdraw', needsNext: false })
    if (probe('urge', { message: '催办' }) && state.visit.by === user) out.push({ action: 'urge', needsNext: false })
  }
  return out
}

/**
 * What a seal applied to this document protects (hex SM3): the signed-off content of a 公文, or
 * the PDF itself for a 用印申请. Undefined until there is something approved to seal.
 */
export function sealDataHash(view: DocView): string | undefined {
  if (!view.state.approvedHash) return undefined
  if (view.state.kind === 'sealrequest') return view.content.files.length === 1 ? view.content.files[0]!.sm3 : undefined
  return view.state.approvedHash
}
