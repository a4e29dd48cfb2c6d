// What a meeting's own room (`meeting:<id>`) holds, read the same way by the server, the CLI and
// the desktop: 回执, 签到, 议程, 记录人 and 督办 tasks.
import type * as Y from 'yjs'
import type { Reply } from './attendance'
import type { Checkin } from './checkin'
import type { FollowUp } from './tasks'

export interface MeetingRoomState {
  attendance: Record<string, Reply>
  checkins: Record<string, Checkin>
  agenda: string[]
  /** 记录人: who writes the minutes with the organiser */
  takers: string[]
  tasks: FollowUp[]
}

export const meetingRoomName = (id: string): string => `meeting:${id}`

export const EMPTY_MEETING: MeetingRoomState = { attendance: {}, checkins: {}, agenda: [], takers: [], tasks: [] }

export function readMeetingRoom(doc: Y.Doc): MeetingRoomState {
  return {
    attendance: Object.fromEntries(doc.getMap<Reply>('attendance').entries()),
    checkins: Object.fromEntries(doc.getMap<Checkin>('checkins').entries()),
    agenda: doc.getArray<unknown>('agenda').toArray().filter((a): a is string => typeof a === 'string'),
    takers: ((doc.getMap('meta').get('takers') as unknown[] | undefined) ?? []).filter((t): t is string => typeof t === 'string'),
    tasks: [...doc.getMap<FollowUp>('tasks').values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  }
}
