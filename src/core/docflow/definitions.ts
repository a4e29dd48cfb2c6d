// The two 公文 workflows (STANDARDS.md §1) as data: each step, who holds it, whether its holders
// may edit the content, which actions move it and where to. The reducer (flow.ts) reads these
// tables; it has no step-specific branches beyond the effects named here.
import type { DocType } from './docTypes'

export type FlowKind = 'outgoing' | 'incoming' | 'sealrequest'

export type StepId =
  // 发文
  | 'draft' | 'review' | 'countersign' | 'signoff' | 'number' | 'seal' | 'distribute'
  // 收文
  | 'receive' | 'register' | 'screen' | 'propose' | 'instruct' | 'handle' | 'finish'
  | 'done'

/** How the duties of a step with several holders are discharged. */
export type StepMode = 'any' | 'parallel' | 'sequential'

/** What a holder does at a step: hold it (the usual), or, at 承办, lead, assist, or read (传阅). */
export type DutyKind = 'handle' | 'main' | 'assist' | 'read'

/** Where an action sends the document. */
export type Transition =
  /** the actor names the next holders (payload.to), for this step */
  | { kind: 'choose'; steps: StepId[] }
  /** the actor keeps the document at the next step */
  | { kind: 'self'; step: StepId }
  /** once every duty is discharged, back to whoever sent it here, at this step */
  | { kind: 'back'; step: StepId }
  /** once every duty is discharged, to the document's creator (the registering clerk), at this step */
  | { kind: 'creator'; step: StepId }
  /** the flow ends */
  | { kind: 'end' }

export interface StepDef {
  name: string
  /** holders may edit meta/body/files (拟稿, 核稿, 会签 when the sender allows it) */
  edit: boolean | 'chosen'
  /** the actions that discharge a duty here, with where they lead */
  actions: Partial<Record<FlowAction, Transition>>
  /** the step comes before sign-off: returning here unfreezes the content */
  beforeSignoff?: boolean
}

export type FlowAction =
  | 'submit' | 'approve' | 'countersign' | 'signoff' | 'read' | 'number' | 'seal' | 'distribute'
  | 'receive' | 'register' | 'propose' | 'instruct' | 'handle' | 'complete'

/** Operations allowed on any open step (each with its own rule in flow.ts). */
export type FlowOperation = 'return' | 'withdraw' | 'open' | 'addsigner' | 'transfer' | 'delegate' | 'urge' | 'circulate' | 'reject'

export interface FlowDefinition {
  kind: FlowKind
  start: StepId
  steps: Partial<Record<StepId, StepDef>>
}

export const OUTGOING: FlowDefinition = {
  kind: 'outgoing',
  start: 'draft',
  steps: {
    // an unreviewed draft is not sent for signing (条例 Art. 21): 拟稿 goes to 核稿 only
    draft: { name: '拟稿', edit: true, beforeSignoff: true, actions: { submit: { kind: 'choose', steps: ['review'] } } },
    review: { name: '核稿', edit: true, beforeSignoff: true, actions: { approve: { kind: 'choose', steps: ['countersign', 'signoff'] } } },
    countersign: { name: '会签', edit: 'chosen', beforeSignoff: true, actions: { countersign: { kind: 'back', step: 'review' } } },
    // 圈阅 (read) counts as consent (条例 Art. 22)
    signoff: { name: '签发', edit: false, beforeSignoff: true, actions: { signoff: { kind: 'choose', steps: ['number'] }, read: { kind: 'choose', steps: ['number'] } } },
    number: { name: '复核编号', edit: false, actions: { number: { kind: 'self', step: 'seal' } } },
    seal: { name: '用印', edit: false, actions: { seal: { kind: 'self', step: 'distribute' } } },
    distribute: { name: '分发', edit: false, actions: { distribute: { kind: 'end' } } },
    done: { name: '办结', edit: false, actions: {} },
  },
}

export const INCOMING: FlowDefinition = {
  kind: 'incoming',
  start: 'receive',
  steps: {
    receive: { name: '签收', edit: true, actions: { receive: { kind: 'self', step: 'register' } } },
    register: { name: '登记', edit: true, actions: { register: { kind: 'self', step: 'screen' } } },
    screen: { name: '初审', edit: false, actions: { approve: { kind: 'self', step: 'propose' } } },
    propose: { name: '拟办', edit: false, actions: { propose: { kind: 'choose', steps: ['instruct'] } } },
    instruct: { name: '批办', edit: false, actions: { instruct: { kind: 'choose', steps: ['handle'] } } },
    handle: { name: '承办', edit: false, actions: { handle: { kind: 'creator', step: 'finish' }, read: { kind: 'creator', step: 'finish' } } },
    finish: { name: '办结', edit: false, actions: { complete: { kind: 'end' } } },
    done: { name: '办结', edit: false, actions: {} },
  },
}

/**
 * 用印申请 for a document outside the 公文 flows: the applicant uploads the PDF and sends it to a
 * 印章管理员, whose approval (a sign-off: it freezes the file) names the seal's holder, who applies
 * the seal over the PDF's SM3.
 */
export const SEAL_REQUEST: FlowDefinition = {
  kind: 'sealrequest',
  start: 'draft',
  steps: {
    draft: { name: '申请', edit: true, beforeSignoff: true, actions: { submit: { kind: 'choose', steps: ['signoff'] } } },
    signoff: { name: '审批', edit: false, beforeSignoff: true, actions: { signoff: { kind: 'choose', steps: ['seal'] } } },
    seal: { name: '用印', edit: false, actions: { seal: { kind: 'end' } } },
    done: { name: '办结', edit: false, actions: {} },
  },
}

export const FLOW_KINDS: readonly FlowKind[] = ['outgoing', 'incoming', 'sealrequest']

export function isFlowKind(v: unknown): v is FlowKind {
  return typeof v === 'string' && (FLOW_KINDS as readonly string[]).includes(v)
}

export function definitionOf(kind: FlowKind): FlowDefinition {
  return kind === 'incoming' ? INCOMING : kind === 'sealrequest' ? SEAL_REQUEST : OUTGOING
}

/** An action's name in a flow: a 印章管理员's sign-off of a 用印申请 is its approval. */
export function actionName(kind: FlowKind, action: FlowAction | FlowOperation | 'create'): string {
  if (kind === 'sealrequest' && action === 'signoff') return '批准用印'
  if (kind === 'sealrequest' && action === 'submit') return '提交申请'
  return ACTION_NAMES[action]
}

export function stepName(kind: FlowKind, step: StepId): string {
  return definitionOf(kind).steps[step]?.name ?? step
}

/** 纪要 carries no seal (GB/T 9704 §10.3): 编号 leads straight to 分发. */
export function skipsSeal(docType: DocType | string): boolean {
  return docType === '纪要'
}

/** The Chinese verb of each action and operation, for the 处理单 and messages. */
export const ACTION_NAMES: Record<FlowAction | FlowOperation | 'create', string> = {
  create: '起草',
  submit: '提交',
  approve: '审核通过',
  countersign: '会签',
  signoff: '签发',
  read: '阅',
  number: '编号',
  seal: '用印',
  distribute: '分发',
  receive: '签收',
  register: '登记',
  propose: '拟办',
  instruct: '批示',
  handle: '办理',
  complete: '办结',
  return: '退回',
  withdraw: '撤回',
  open: '打开',
  addsigner: '加签',
  transfer: '转办',
  delegate: '委托',
  urge: '催办',
  circulate: '传阅',
  reject: '退文',
}
