// 新建公文: the record a new document room starts with — owned by its creator, who alone edits it at
// its first step (拟稿, or 签收 for a 收文 registered by hand) — or why it may not start. The same
// judgement runs on the server and, before anything is queued, on the desktop and the CLI.
import { classificationsFor, type Clearance } from '../directory/model'
import type { RoomRecord, UserRecord } from '../storage/types'
import type { FlowKind } from './definitions'
import type { Refusal } from './flow'

export interface StartRequest {
  room: string
  kind?: FlowKind
  classification?: Clearance
}

/** Why `creator` may not start a document at this 密级; null when they may. */
export function startProblem(creator: Pick<UserRecord, 'clearance'>, classification: Clearance | undefined): Refusal | null {
  if (classification && !classificationsFor(creator.clearance).includes(classification)) return { code: 'classification_above_clearance', params: { level: classification } }
  return null
}

/** The new room's record, or the refusal. */
export function startDocument(creator: Pick<UserRecord, 'id' | 'clearance'>, request: StartRequest, now: Date): { refused: Refusal } | { record: RoomRecord } {
  const refused = startProblem(creator, request.classification)
  if (refused) return { refused }
  const at = now.toISOString()
  const flowKind = request.kind ?? 'outgoing'
  return {
    record: {
      room: request.room, owner: creator.id, members: {}, title: '', docType: '', createdAt: at, updatedAt: at,
      ...(request.classification ? { classification: request.classification } : {}),
      flowKind, editors: [creator.id], step: flowKind === 'incoming' ? 'receive' : 'draft',
    },
  }
}
