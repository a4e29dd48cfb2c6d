// A finished (or sealed) 公文 as the server reads it to file it or to lay out its 用印 rendition:
// its parts, its signed event log and the state it reached. Pure apart from reading the store and
// the room through the ports given, so the archive and the rendition share it without importing
// each other.
import type * as Y from 'yjs'
import type { CommandRecord, RoomRecord, Storage } from '../storage/types'
import type { LoggedEvent } from '../archive/recordFiles'
import { readContent, type DocContent, type Rendition } from './content'
import { stepName } from './definitions'
import { readOriginal, type OriginalFacts } from './exchange'
import { applyEvent, flowVerb, initialState, type FlowContext, type FlowState } from './flow'
import { cstDate, renditionOf } from './rendition'
import { eventOf, flowContextOf } from './roomFlow'

export interface DocParts {
  content: DocContent
  /** sealData (Signature.xml) and rendition (SM3 of the unsigned OFD) on seals applied over a rendition */
  signatures: { der: string; by: string; at: string; perforation?: boolean; sealData?: string; rendition?: string }[]
  /** a 收文 received by 分发: the 正本's facts, so its rendition is the sender's */
  original: OriginalFacts | null
}

export const readParts = (doc: Y.Doc): DocParts => ({ content: readContent(doc), signatures: doc.getArray<DocParts['signatures'][number]>('signatures').toArray(), original: readOriginal(doc) })

/** The event log as filed: every accepted command on the document, signed, with the step after it. */
export function eventLog(commands: CommandRecord[], ctx: FlowContext): { events: LoggedEvent[]; state: FlowState } {
  let state = initialState(ctx)
  const events: LoggedEvent[] = []
  for (const c of commands) {
    if (flowVerb(c.type)) state = applyEvent(state, eventOf(c), ctx)
    const command = { id: c.id, type: c.type, room: c.room, actor: c.actor, at: c.at, payload: c.payload ?? {}, ...(c.contentHash ? { contentHash: c.contentHash } : {}), ...(c.prev ? { prev: c.prev } : {}), sig: c.sig ?? '' }
    events.push({ command, seq: c.seq!, ...(c.result ? { result: c.result } : {}), state: state.ended === 'done' ? '办结' : stepName(ctx.kind, state.visit.step) })
  }
  return { events, state }
}

export interface RecordSource extends DocParts {
  room: string
  record: RoomRecord
  flowCtx: FlowContext
  events: LoggedEvent[]
  state: FlowState
  rendition: Rendition
  /** the record's own date (成文日期, or the day it was finished), YYYY-MM-DD: its 年度 and 日期 */
  date: string
}

/** What reading a record source needs: the store, and a room's state as the server holds it. */
export interface RecordSourceDeps {
  storage: Storage
  readRoom<T>(room: string, read: (doc: Y.Doc) => T): Promise<T>
}

export async function readRecordSource(deps: RecordSourceDeps, room: string): Promise<RecordSource> {
  const record = (await deps.storage.room(room))!
  const parts = await deps.readRoom(room, readParts)
  const flowCtx = flowContextOf(deps.storage, record, parts.content)
  const { events, state } = eventLog(await deps.storage.roomCommands(room), flowCtx)
  const rendition = renditionOf(parts.content, state, (id) => deps.storage.userById(id)?.name ?? id, parts.original)
  const date = rendition.issueDate ?? cstDate(events[events.length - 1]?.command.at ?? record.updatedAt)
  return { ...parts, room, record, flowCtx, events, state, rendition, date }
}
