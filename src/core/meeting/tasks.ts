// 督办: a meeting's decided items (决定事项) as follow-up tasks with an owner and a deadline. The
// server keeps each in the meeting room (for the organiser's tracking) and in the owner's inbox
// (their 待办), tracked to 办结; a task past its deadline is flagged.
import { dueState, type DueState } from '../docflow/flow'

export interface FollowUp {
  id: string
  /** the meeting room it was decided in */
  room: string
  meetingTitle: string
  text: string
  owner: string
  /** YYYY-MM-DD */
  due: string
  status: 'open' | 'done'
  createdAt: string
  doneAt?: string
  result?: string
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

export function taskProblem(p: Record<string, unknown>): string | null {
  if (typeof p.text !== 'string' || !p.text.trim() || p.text.length > 500) return 'bad_command'
  if (typeof p.owner !== 'string' || !p.owner) return 'bad_command'
  if (typeof p.due !== 'string' || !DAY.test(p.due)) return 'bad_command'
  return null
}

/** 即将超时 / 已超时 for an open task; done tasks are never late. */
export function followUpState(task: FollowUp, now: Date): DueState {
  return task.status === 'done' ? 'none' : dueState(task.due, now)
}
