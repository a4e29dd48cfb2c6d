// 办会 (STANDARDS.md §6): meeting rooms and the bookings that hold them. The registry lives in the
// `venues` room, written by the server from signed commands, read by everyone (the occupancy grid
// works offline from the last sync).

export interface MeetingRoom {
  id: string
  name: string
  location: string
  seats: number
  equipment: string[]
  /** 审核人: who approves bookings of this room */
  approver: string
  available: boolean
}

export type BookingStatus = 'pending' | 'confirmed' | 'refused' | 'cancelled'

export interface Booking {
  /** the meeting's id (its room is `meeting:<id>`) */
  id: string
  roomId: string
  title: string
  category: string
  /** ISO times; the booking holds [start, end) */
  start: string
  end: string
  organiser: string
  invitees: string[]
  /** 列席人员: attend without a vote; notified, reply and check in like invitees */
  observers?: string[]
  headcount: number
  setup: string
  note: string
  status: BookingStatus
  /** when the status last changed, and why (refusal reason) */
  decidedAt?: string
  decidedBy?: string
  reason?: string
  requestedAt: string
}

export const BOOKING_STATUS_NAMES: Record<BookingStatus, string> = { pending: '待审核', confirmed: '已确认', refused: '未通过', cancelled: '已取消' }

/** 会议类别 (财行〔2016〕214号 classes, and the agency's own kinds). */
export const MEETING_CATEGORIES = ['一类会议', '二类会议', '三类会议', '四类会议', '党组会', '常务会', '专题会', '工作会'] as const
