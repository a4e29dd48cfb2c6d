// A document room's flow as the stores hold it: the reducer's context drawn from the room record and
// the directory, and the accepted commands as flow events. Shared by the flow's rule, filing and the
// seal rendition, so each reads a room's flow the same way.
import type { Clearance } from '../directory/model'
import type { CommandRecord, RoomRecord, Storage } from '../storage/types'
import type { DocContent } from './content'
import { flowVerb, type FlowContext, type FlowEvent } from './flow'

export function flowContextOf(storage: Storage, record: RoomRecord, content: DocContent): FlowContext {
  return {
    kind: record.flowKind ?? 'outgoing',
    drafter: record.owner,
    createdAt: record.createdAt,
    docType: content.meta.docType,
    classification: content.meta.classification as Clearance,
    registered: record.registered,
    ...(record.original ? { original: true } : {}),
    ...(record.receivers?.length ? { receivers: record.receivers } : {}),
    user: (id) => {
      const u = storage.userById(id)
      return u && { id: u.id, name: u.name, clearance: u.clearance, roles: u.roles, unitId: u.unitId }
    },
    unit: (id) => {
      const u = storage.units().find((x) => x.id === id)
      return u && { id: u.id, name: u.name, registrars: (u.registrars ?? []).filter((r) => storage.userById(r)) }
    },
  }
}

export async function flowEventsOf(storage: Storage, room: string): Promise<FlowEvent[]> {
  return (await storage.roomCommands(room)).filter((c) => flowVerb(c.type)).map(eventOf)
}

/** An accepted command as the flow reducer reads it. */
export function eventOf(c: CommandRecord): FlowEvent {
  return {
    id: c.id, seq: c.seq!, type: c.type, actor: c.actor, at: c.at, payload: c.payload ?? {},
    ...(c.contentHash ? { contentHash: c.contentHash } : {}),
    ...(c.result ? { result: c.result } : {}),
  }
}
