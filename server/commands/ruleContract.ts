// The contract every command rule implements and the registry reads: what a rule is given
// (RuleContext) and what it answers (Verdict). It imports no rule, so rules and the registry
// depend on it and never on each other.
import type * as Y from 'yjs'
import type { Command } from '../../src/core/command/envelope'
import type { Storage, UserRecord } from '../../src/core/storage/types'
import type { Refusal } from '../../src/core/docflow/flow'
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
