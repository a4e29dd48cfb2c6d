// One meeting: when and where, who is invited and how each answered (live counts), and the
// 回执 buttons for the invitee — 参加, 请假 with a reason, or 代会 naming a substitute.
import { Alert, App as AntApp, Button, DatePicker, Descriptions, Drawer, Input, List, Space, Spin, Statistic, Tag, Typography } from 'antd'
import QRCode from 'qrcode'
import type * as Y from 'yjs'
import { host } from '../../platform/host'
import { Attachments } from '../docs/Attachments'
import { DocEditor } from '../docs/DocEditor'
import type { WebsocketProvider } from 'y-websocket'
import { userColor } from '../../../core/sync/userColor'
import dayjs from 'dayjs'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ScanCode } from './ScanCode'
import { ScanOutlined } from '@ant-design/icons'
import { BOOKING_STATUS_NAMES, isObserver, CODE_LIFETIME_MS, EMPTY_MEETING, followUpState, meetingRoomName, readMeetingRoom, type MeetingRoomState, REPLY_NAMES, attendanceCounts, checkCheckin, checkReply, codeCommand, encodeCode, expectedRepliers, presenceOf, type Booking, type MeetingRoom, type Reply } from '../../../core/meeting'
import { errorMessage } from '../../../core/messages/errors'
import { UI } from '../../../core/messages/ui'
import { useDirectory, useDocValue, useEngine, useRoom } from '../../sync/hooks'
import { useLiveQuery } from '../../store'
import { PeoplePicker } from '../flow/PeoplePicker'
import { useCommandFeedback } from '../shell/useCommandFeedback'

/** The meeting's own room: 回执, 签到 and 议程, live. */
function useMeeting(id: string): MeetingRoomState & { doc: Y.Doc | null; provider: WebsocketProvider | null } {
  const entry = useRoom(meetingRoomName(id))
  const state = useDocValue(entry?.doc, readMeetingRoom, EMPTY_MEETING)
  return { ...state, doc: entry?.doc ?? null, provider: entry?.provider ?? null }
}

/** The organiser's 签到码: signed on this device, shown as a QR code and as text, renewed while open. */
function CheckinCode({ meetingId }: { meetingId: string }): React.JSX.Element {
  const engine = useEngine()
  const [code, setCode] = useState<{ text: string; qr: string } | null>(null)
  useEffect(() => {
    let live = true
    const make = async (): Promise<void> => {
      const now = new Date()
      const signed = await host['keys.sign']({ ...codeCommand(meetingId, now), id: crypto.randomUUID(), actor: engine.session.user.id, at: now.toISOString() })
      const text = encodeCode(signed)
      const svg = await QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'L' })
      if (live) setCode({ text, qr: `data:image/svg+xml;utf8,${encodeURIComponent(svg)}` })
    }
    void make()
    const timer = setInterval(() => void make(), CODE_LIFETIME_MS - 60_000)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [meetingId, engine])
  if (!code) return <Spin />
  return (
    <div data-testid="checkin-code">
      <img src={code.qr} alt={UI.meetings.checkinCode} width={220} height={220} />
      <Typography.Paragraph copyable={{ text: code.text }} type="secondary" style={{ fontSize: 10, wordBreak: 'break-all', fontFamily: 'monospace' }} data-testid="checkin-code-text">{code.text}</Typography.Paragraph>
    </div>
  )
}

export function MeetingDrawer({ booking, room, onClose }: { booking: Booking; room?: MeetingRoom; onClose: () => void }): React.JSX.Element {
  const engine = useEngine()
  const me = engine.session.user.id
  const { message } = AntApp.useApp()
  const track = useCommandFeedback()
  const directory = useDirectory()
  const name = (id: string): string => directory.users.find((u) => u.id === id)?.name ?? id
  const { attendance, checkins, agenda, takers, tasks, doc, provider } = useMeeting(booking.id)
  const [taskText, setTaskText] = useState('')
  const [taskOwner, setTaskOwner] = useState<string[]>([])
  const [taskDue, setTaskDue] = useState<string | null>(null)
  const [chosenTakers, setChosenTakers] = useState<string[]>([])
  const writesMinutes = booking.organiser === me || takers.includes(me)
  const counts = attendanceCounts(booking, attendance)
  const presence = presenceOf(booking, attendance, checkins)
  const organiser = booking.organiser === me
  const [code, setCode] = useState('')
  const [scanning, setScanning] = useState(false)
  const refused = useLiveQuery(() => engine.db.outbox.where('room').equals(`meeting:${booking.id}`).filter((r) => r.status === 'rejected').toArray(), [engine, booking.id])
  const [item, setItem] = useState('')
  // stable, so the camera is not restarted on every render while it scans (it reads the meeting
  // as it is when a code is read)
  const latest = useRef({ booking, attendance })
  latest.current = { booking, attendance }
  const checkin = useCallback((payload: { code: string } | { user: string }): void => {
    // the window and the invitation are judged here before signing (the code's signature is the server's)
    const refusal = checkCheckin(latest.current.booking, latest.current.attendance, { actor: me, at: new Date().toISOString(), room: `meeting:${booking.id}`, payload }, () => true)
    if (refusal) {
      message.error(errorMessage(refusal.code))
      return
    }
    track(engine.act('meeting.checkin', `meeting:${booking.id}`, payload), UI.meetings.checkedIn)
  }, [engine, booking.id, me, message, track])
  const scanned = useCallback((text: string): void => {
    setScanning(false)
    message.info(UI.meetings.scanFound)
    checkin({ code: text })
  }, [checkin, message])
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
    track(engine.act('meeting.reply', `meeting:${booking.id}`, payload), UI.meetings.replied)
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
      {(refused ?? []).map((r) => (
        <Alert key={r.seq} type="error" showIcon style={{ marginTop: 8 }} title={`${UI.commands.rejectedTitle}：${r.error ?? ''}`} action={<Button size="small" type="link" onClick={() => void engine.dismissRejected(r.seq!)}>{UI.docs.dismiss}</Button>} />
      ))}
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
            <List.Item data-testid={`invitee-${name(u)}`}>
              <span>{name(u)}{r?.for ? UI.meetings.standsFor(name(r.for)) : ''}{isObserver(booking, attendance, u) && <Tag style={{ marginLeft: 6 }}>{UI.meetings.observer}</Tag>}</span>
              <Space>
                <span>{r ? `${REPLY_NAMES[r.answer]}${r.reason ? `：${r.reason}` : ''}${r.substitute ? ` → ${name(r.substitute)}` : ''}` : UI.meetings.noReply}</span>
                {booking.status === 'confirmed' && <Tag color={presence[u] === 'present' ? 'green' : presence[u] === 'leave' ? 'default' : 'orange'}>{UI.meetings.presence[presence[u] ?? 'absent']}</Tag>}
                {organiser && booking.status === 'confirmed' && presence[u] === 'absent' && <Button size="small" onClick={() => checkin({ user: u })}>{UI.meetings.markPresent}</Button>}
              </Space>
            </List.Item>
          )
        }}
      />
      <div style={{ marginTop: 16 }}>
        <Typography.Text strong>{UI.meetings.agenda}</Typography.Text>
        <ol data-testid="agenda">{agenda.map((a, i) => (
          <li key={i}>{a}{organiser && doc && <Button size="small" type="link" onClick={() => doc.getArray('agenda').delete(i, 1)}>{UI.meetings.remove}</Button>}</li>
        ))}</ol>
        {organiser && doc && (
          <Space.Compact style={{ width: '100%' }}>
            <Input value={item} onChange={(e) => setItem(e.target.value)} placeholder={UI.meetings.agendaItem} data-testid="agenda-input" />
            <Button onClick={() => { if (item.trim()) doc.getArray('agenda').push([item.trim()]); setItem('') }} data-testid="agenda-add">{UI.meetings.add}</Button>
          </Space.Compact>
        )}
        {doc && <Attachments room={`meeting:${booking.id}`} doc={doc} editable={organiser} />}
      </div>
      {doc && provider && booking.status === 'confirmed' && (
        <div style={{ marginTop: 16 }} data-testid="minutes">
          <Typography.Text strong>{UI.meetings.minutes}</Typography.Text>
          <div className="doc-meta-label">{UI.meetings.takers}：{takers.map(name).join('、') || '—'}</div>
          {organiser && (
            <Space.Compact style={{ width: '100%', margin: '6px 0' }}>
              <div style={{ flex: 1 }}><PeoplePicker users={directory.users.filter((u) => expectedRepliers(booking, attendance).includes(u.id))} units={directory.units} value={chosenTakers} onChange={setChosenTakers} testId="takers" /></div>
              <Button onClick={() => track(engine.act('meeting.takers', `meeting:${booking.id}`, { takers: chosenTakers }))} data-testid="set-takers">{UI.meetings.setTakers}</Button>
            </Space.Compact>
          )}
          {organiser && (
            <Button size="small" style={{ margin: '6px 0' }} onClick={() => track(engine.act('meeting.minutes', `meeting:${booking.id}`, {}), UI.meetings.minutesToDocDone)} data-testid="minutes-to-doc">
              {UI.meetings.minutesToDoc}
            </Button>
          )}
          <div className="minutes-box">
            <DocEditor doc={doc} provider={provider} fragment="minutes" testId="minutes-body" editable={writesMinutes} user={{ name: name(me), color: userColor(me) }} />
          </div>
        </div>
      )}
      {booking.status === 'confirmed' && (tasks.length > 0 || organiser) && (
        <div style={{ marginTop: 16 }} data-testid="decisions">
          <Typography.Text strong>{UI.meetings.decisions}</Typography.Text>
          <List size="small" dataSource={tasks} locale={{ emptyText: '—' }} renderItem={(t) => {
            const state = followUpState(t, new Date())
            return (
              <List.Item>
                <span>{t.text}（{name(t.owner)}，{t.due}）</span>
                {t.status === 'done' ? <Tag color="green">{UI.inbox.finished}</Tag> : state === 'overdue' ? <Tag color="red">{UI.inbox.overdue}</Tag> : state === 'soon' ? <Tag color="gold">{UI.inbox.soon}</Tag> : <Tag>{UI.meetings.taskOpen}</Tag>}
              </List.Item>
            )
          }} />
          {organiser && (
            <Space wrap>
              <Input value={taskText} onChange={(e) => setTaskText(e.target.value)} placeholder={UI.meetings.decisions} style={{ width: 200 }} data-testid="task-text" />
              <div style={{ width: 150 }}><PeoplePicker users={directory.users} units={directory.units} multiple={false} value={taskOwner} onChange={setTaskOwner} testId="task-owner" /></div>
              <DatePicker placeholder={UI.meetings.taskDue} onChange={(d) => setTaskDue(d ? d.format('YYYY-MM-DD') : null)} data-testid="task-due" />
              <Button disabled={!taskText.trim() || !taskOwner[0] || !taskDue} onClick={() => {
                const owner = taskOwner[0]
                if (!owner || !taskDue) return
                const acted = engine.act('meeting.task', `meeting:${booking.id}`, { text: taskText.trim(), owner, due: taskDue })
                track(acted)
                void acted.then(() => setTaskText(''), () => undefined)
              }} data-testid="task-assign">{UI.meetings.assign}</Button>
            </Space>
          )}
        </div>
      )}
      {organiser && booking.status === 'confirmed' && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text strong>{UI.meetings.checkinCode}</Typography.Text>
          <CheckinCode meetingId={booking.id} />
        </div>
      )}
      {!organiser && booking.status === 'confirmed' && expectedRepliers(booking, attendance).includes(me) && !checkins[me] && (
        <Space.Compact style={{ width: '100%', marginTop: 16 }}>
          <Input value={code} onChange={(e) => setCode(e.target.value)} placeholder={UI.meetings.pasteCode} data-testid="checkin-input" />
          <Button type="primary" onClick={() => code.trim() && checkin({ code: code.trim() })} data-testid="checkin">{UI.meetings.checkin}</Button>
          <Button icon={<ScanOutlined />} onClick={() => setScanning(true)} data-testid="scan">{UI.meetings.scan}</Button>
        </Space.Compact>
      )}
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
      <ScanCode open={scanning} onCode={scanned} onClose={() => setScanning(false)} />
    </Drawer>
  )
}
