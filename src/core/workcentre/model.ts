// The work centre's one list (待办 / 待阅 / 已办): every capability's pending items as one shape,
// so the desk, the 工作台 and `zt inbox` sort, count, filter and search them alike.
import type { DueState } from '../docflow/flow'
import type { Route } from './route'

/** What kind of thing waits: a 公文 step, a 收文 to 签收, a 用印申请 to approve, a 会议通知 to answer, a booking to approve, a 借阅 to approve, a 督办 task. */
export type WorkKind = 'doc' | 'receive' | 'sealrequest' | 'reply' | 'booking' | 'loan' | 'task'

export const WORK_KINDS: readonly WorkKind[] = ['doc', 'receive', 'sealrequest', 'reply', 'booking', 'loan', 'task']

/** 待办: the user must act; 待阅: 传阅 / 抄送, to read and acknowledge; 已办: acted on (or waiting for the server). */
export type WorkBox = 'todo' | 'toread' | 'done'

/** What one batch action discharges, where the flow allows one for many at once. */
export type BatchAction = 'read' | 'receive'

export interface WorkItem {
  /** unique across kinds: `<kind>:<id>` */
  key: string
  kind: WorkKind
  box: WorkBox
  title: string
  /** what is asked (当前环节, 请回执, 待审核 …) */
  action: string
  /** 特急 / 加急 / 平件 */
  urgency: string
  classification: string
  /** who sent it or asked (name) */
  from: string
  arrivedAt: string
  /** the time limit (ISO time or YYYY-MM-DD), if any */
  dueAt?: string
  /** 即将超时 / 已超时 at the moment the list was built (never late once done) */
  due: DueState
  /** the room the item's command goes to */
  room: string
  /** where the item opens */
  route: Route
  docNumber?: string
  /** the flow lets many such items be handled by one click */
  batch?: BatchAction
  /** the user acted and the server has not answered yet (shown in 已办 as 待同步) */
  queued?: boolean
  /** the 公文 has reached 办结 (已办 only) */
  finished?: boolean
}
