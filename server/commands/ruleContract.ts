// The contract every command rule implements and the registry reads: what a rule is given
// (RuleContext), what it answers (Verdict), and how a capability joins the server (Capability:
// its rules, and hooks it adds to another capability's commands, in the spirit of Hocuspocus's
// extensions). It imports no rule, so the homes (server/<capability>/) and the registry depend on
// it and never on each other.
import type * as Y from 'yjs'
import type { Command } from '../../src/core/command/envelope'
import type { RoomRecord, Storage, UserRecord } from '../../src/core/storage/types'
import type { FlowContext, FlowState, Refusal } from '../../src/core/docflow/flow'
import type { DocContent } from '../../src/core/docflow/content'
import type { SealMaker } from '../ca/AgencyCa'
import type { Certificate } from '../../src/core/pki/certificate'

export interface RuleContext {
  storage: Storage
  /** runs a change on a room as the server (flow, meta) */
  writeRoom(room: string, change: (doc: Y.Doc) => void): Promise<void>
  /** reads a room's current state as the server */
  readRoom<T>(room: string, read: (doc: Y.Doc) => T): Promise<T>
  /** the agency's seal maker (key and certificate), for SES_Seals */
  sealMaker(): SealMaker
  /** the agency root certificate, for verifying sealed signatures */
  root: Certificate
  /** the server's clock and a source of fresh ids: injected, so rules are tested at a fixed time */
  clock(): Date
  newId(): string
}

/** What a rule decided: refused (a code, or a code with details), or accepted with what it adds. */
export type Verdict =
  | { refused: Refusal }
  | { refused?: undefined; result?: Record<string, unknown>; counters?: Record<string, number>; apply(seq: number): Promise<void> }

export interface CommandRule {
  judge(cmd: Command, actor: UserRecord, ctx: RuleContext, now: Date): Promise<Verdict>
}

/** A 公文 room's flow as it stands when a step is judged. */
export interface FlowFacts {
  record: RoomRecord
  content: DocContent
  ctx: FlowContext
  /** the state before the step */
  state: FlowState
}

/** An accepted 公文 step, after the document's own room was written. */
export interface FlowStep extends FlowFacts {
  cmd: Command
  seq: number
  /** the state the step led to */
  after: FlowState
}

/**
 * What a capability adds to another's commands. The 公文 flow is the one whose steps others
 * hear: 用印 checks the seal a doc.seal carries and logs it (seal), 办结 puts the record on the
 * archivist's 待归档 list (archive). Hooks run in the order the registry lists the capabilities.
 */
export interface CommandHooks {
  /** judges a 公文 step beside the flow's own check; a refusal refuses the step */
  checkFlowStep?(cmd: Command, flow: FlowFacts, ctx: RuleContext): Promise<Refusal | null>
  /** carries out this capability's part of an accepted 公文 step */
  afterFlowStep?(step: FlowStep, ctx: RuleContext): Promise<void>
}

/** One capability as the server knows it: the command types it judges, and its hooks. */
export interface Capability {
  name: string
  rules: ReadonlyArray<readonly [readonly string[], CommandRule]>
  hooks?: CommandHooks
}
