// One meeting: when and where, who is invited and how each answered (live counts), and the
// 回执 buttons for the invitee — 参加, 请假 with a reason, or 代会 naming a substitute.
import { App as AntApp, Button, Descriptions, Drawer, Input, List, Space, Statistic, Tag } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState } from 'react'
import { BOOKING_STATUS_NAMES, REPLY_NAMES, attendanceCounts, checkReply, expectedRepliers, type Booking, type MeetingRoom, type Reply } from '../../../core/meeting'
import { errorMessage } from '../../../core/messages/errors'
import { UI } from '../../../core/messages/ui'
import { useDirectory, useEngine, useRoom } from '../../sync/hooks'
import { PeoplePicker } from '../flow/PeoplePicker'

function useAttendance(id: string): Record<string, Reply> {
  const entry = useRoom(`meeting:${id}`)
  const [attendance, setAttendance] = useState<Record<string, Reply>>({})
  useEffect(() => {
    if (!entry) return
    const map = entry.doc.getMap<Reply>('attendance')
    const read = (): void => setAttendance(Object.fromEntries(map.entries()))
    read()
    map.observe(read)
    return () => map.unobserve(read)
  }, [entry])
  return attendance
}

export function MeetingDrawer({ booking, room, onClose }: { booking: Booking; room?: MeetingRoom; onClose: () => void }): React.JSX.Element {
  const engine = useEngine()
  const me = engine.session.user.id
  const { message } = AntApp.useApp()
  const directory = useDirectory()
  const name = (id: string): string => directory.users.find((u) => u.id === id)?.name ?? id
  const attendance = useAttendance(booking.id)
  const counts = attendanceCounts(booking, attendance)
  const [reason, setReason] = useState('')
  const [substitute, setSubstitute] = useState<string[]>([])
  const mine = attendance[me]
  const mayReply = booking.status === 'confirmed' && expectedRepliers(booking, attendance).includes(me)

  const reply = (payload: { answer: Reply['answer']; reason?: string; substitute?: string }): void => {
    const refusal = checkReply(booking, attendance, me, payload, (u) => directory.users.some((x) => x.id === u))
    if (refusal) {
      message.error(errorMessage(refusal.code))
      return
    }
    void engine.act('meeting.reply', `meeting:${booking.id}`, payload).then(() => message.success(navigator.onLine ? UI.meetings.replied : UI.flow.queued), () => message.error(UI.docs.signFailed))
  }

  return (
    <Drawer open title={booking.title} size={520} onClose={onClose} data-testid="meeting-drawer">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={UI.meetings.fieldTime}>{dayjs(booking.start).format('YYYY年M月D日 HH:mm')}–{dayjs(booking.end).format('HH:mm')}</Descriptions.Item>
        <Descriptions.Item label={UI.meetings.fieldRoom}>{room ? `${room.name}（${room.location}）` : booking.roomId}</Descriptions.Item>
        <Descriptions.Item label={UI.meetings.organiser}>{name(booking.organiser)}</Descriptions.Item>
        <Descriptions.Item label={UI.meetings.fieldCategory}>{booking.category}</Descriptions.Item>
        <Descriptions.Item label={UI.seals.status}><Tag>{BOOKING_STATUS_NAMES[booking.status]}</Tag></Descriptions.Item>
      </Descriptions>
      <Space size={32} style={{ margin: '12px 0' }} data-testid="reply-counts">
        <Statistic title={REPLY_NAMES.attend} value={counts.attend} />
        <Statistic title={REPLY_NAMES.decline} value={counts.decline} />
        <Statistic title={REPLY_NAMES.substitute} value={counts.substitute} />
        <Statistic title={UI.meetings.noReply} value={counts.pending} />
      </Space>
      <List
        size="small"
        header={UI.meetings.fieldInvitees}
        dataSource={expectedRepliers(booking, attendance)}
        renderItem={(u) => {
          const r = attendance[u]
          return (
            <List.Item>
              <span>{name(u)}{r?.for ? UI.meetings.standsFor(name(r.for)) : ''}</span>
              <span>{r ? `${REPLY_NAMES[r.answer]}${r.reason ? `：${r.reason}` : ''}${r.substitute ? ` → ${name(r.substitute)}` : ''}` : UI.meetings.noReply}</span>
            </List.Item>
          )
        }}
      />
      {mayReply && (
        <div style={{ marginTop: 16 }} data-testid="reply-form">
          {mine && <p>{UI.meetings.yourReply(REPLY_NAMES[mine.answer])}</p>}
          <Space wrap>
            <Button type="primary" onClick={() => reply({ answer: 'attend' })} data-testid="reply-attend">{REPLY_NAMES.attend}</Button>
            <Input placeholder={UI.meetings.declineReason} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 200 }} />
            <Button onClick={() => reply({ answer: 'decline', reason })} data-testid="reply-decline">{REPLY_NAMES.decline}</Button>
          </Space>
          <Space style={{ marginTop: 8, width: '100%' }}>
            <div style={{ width: 240 }}><PeoplePicker users={directory.users} units={directory.units} multiple={false} exclude={me} value={substitute} onChange={setSubstitute} /></div>
            <Button disabled={!substitute[0]} onClick={() => reply({ answer: 'substitute', substitute: substitute[0]! })}>{REPLY_NAMES.substitute}</Button>
          </Space>
        </div>
      )}
    </Drawer>
  )
}
