// The start step of a 公文 (POST /api/rooms): the core judges whether the caller may start it and
// what its record is (src/core/docflow/start.ts); here the store is asked whether the room exists
// and the new record is kept. Asking again for one's own room answers it unchanged.
import { startDocument, type StartRequest } from '../../src/core/docflow/start'
import type { Refusal } from '../../src/core/docflow/flow'
import type { RoomRecord, Storage, UserRecord } from '../../src/core/storage/types'

export type StartOutcome = { refused: Refusal } | { record: RoomRecord; created: boolean }

export async function startDoc(storage: Storage, creator: UserRecord, request: StartRequest, now: Date): Promise<StartOutcome> {
  const existing = await storage.room(request.room)
  if (existing) return existing.owner === creator.id ? { record: existing, created: false } : { refused: { code: 'room_exists' } }
  const started = startDocument(creator, request, now)
  if ('refused' in started) return started
  await storage.putRoom(started.record)
  return { record: started.record, created: true }
}
