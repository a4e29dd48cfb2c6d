// 会议室占用: a week grid of every room's bookings (usable offline from the last sync), 会议申请
// (judged here by the server's own rules before it is signed and queued; shown 待确认 until the
// server answers), the 审核人's pending requests, and, for administrators, new rooms.
import type { PayloadOf } from '../../../core/command/registry'
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons'
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { BOOKING_STATUS_NAMES, MEETING_CATEGORIES, checkVenueCommand, holds, type Booking, type MeetingRoom, type VenueCommand } from '../../../core/meeting'
import { errorMessage } from '../../../core/messages/errors'
import { UI } from '../../../core/messages/ui'
import { VENUES_ROOM } from '../../../core/sync/roomName'
import { useLiveQuery } from '../../store'
import { useDirectory, useEngine, useVenues } from '../../sync/hooks'
import { PeoplePicker } from '../flow/PeoplePicker'
import { MeetingCalendar } from './MeetingCalendar'
import { MeetingDrawer } from './MeetingDrawer'
import { RoomUsageTable } from './RoomUsageTable'
import { RejectedCommands } from '../shell/RejectedCommands'
import { useCommandFeedback } from '../shell/useCommandFeedback'

const STATUS_COLOUR: Record<string, string> = { pending: 'gold', confirmed: 'green', refused: 'red', cancelled: 'default' }
const hm = (iso: string): string => dayjs(iso).format('HH:mm')

interface RequestFields { title: string; category: string; roomId: string; time: [Dayjs, Dayjs]; invitees?: string[]; observers?: string[]; headcount?: number; setup?: string; note?: string }
interface RoomFields { name: string; location?: string; seats: number; equipment?: string; approver: string[] }

/** `initialOpen`: a meeting to show at once (opened from a search result). */
export function MeetingsPage({ initialOpen, onOpenChange }: { initialOpen?: string; onOpenChange?: (id: string | null) => void } = {}): React.JSX.Element {
  const engine = useEngine()
  const me = engine.session.user
  const isAdmin = me.roles.includes('admin')
  const track = useCommandFeedback()
  const venues = useVenues()
  const directory = useDirectory()
  const name = (id: string): string => directory.users.find((u) => u.id === id)?.name ?? id
  const [weekStart, setWeekStart] = useState(() => dayjs().startOf('day').subtract((dayjs().day() + 6) % 7, 'day'))
  const [requesting, setRequesting] = useState(false)
  const [addingRoom, setAddingRoom] = useState(false)
  const [refusing, setRefusing] = useState<Booking | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [open, setOpenHere] = useState<string | null>(initialOpen ?? null)
  // the address follows the open meeting (#/meeting/<id>), and back / forward move it
  useEffect(() => setOpenHere(initialOpen ?? null), [initialOpen])
  const setOpen = (id: string | null): void => {
    setOpenHere(id)
    onOpenChange?.(id)
  }
  const [form] = Form.useForm<RequestFields>()
  const [roomForm] = Form.useForm<RoomFields>()
  const outbox = useLiveQuery(() => engine.db.outbox.where('room').equals(VENUES_ROOM).toArray(), [engine])

  // requests made here that the server has not answered yet: 待确认
  const unconfirmed = useMemo(
    () => (outbox ?? []).filter((r) => r.status === 'pending' && r.command?.type === 'meeting.request').map((r) => ({ ...(r.command!.payload.booking as Booking), status: 'pending' as const, organiser: me.id, unconfirmed: true })),
    [outbox, me.id],
  )
  const rejected = (outbox ?? []).filter((r) => r.status === 'rejected')
  const rooms = Object.values(venues.rooms).sort((a, b) => a.name.localeCompare(b.name, 'zh'))
  const days = Array.from({ length: 7 }, (_, i) => weekStart.add(i, 'day'))
  const all: (Booking & { unconfirmed?: boolean })[] = [...Object.values(venues.bookings).filter((b) => holds(b) || b.organiser === me.id), ...unconfirmed.filter((u) => !venues.bookings[u.id])]
  const toApprove = Object.values(venues.bookings).filter((b) => b.status === 'pending' && (venues.rooms[b.roomId]?.approver === me.id || isAdmin))

  const send = async <K extends VenueCommand['type']>(vc: VenueCommand & { type: K }, payload: PayloadOf<K>, done: string): Promise<boolean> => {
    const refusal = checkVenueCommand(venues, vc, isAdmin)
    if (refusal) {
      setError(errorMessage(refusal.code, refusal.params))
      return false
    }
    const acted = engine.act(vc.type, VENUES_ROOM, payload)
    track(acted, done)
    return acted.then(() => true, () => false)
  }

  const submitRequest = (): void => {
    void form.validateFields().then(async (f) => {
      setError(null)
      const booking = {
        id: crypto.randomUUID(), roomId: f.roomId, title: f.title.trim(), category: f.category, start: f.time[0].toISOString(), end: f.time[1].toISOString(),
        invitees: f.invitees ?? [], ...(f.observers?.length ? { observers: f.observers } : {}), headcount: f.headcount ?? (f.invitees?.length ?? 0) + (f.observers?.length ?? 0) + 1, setup: f.setup ?? '', note: f.note ?? '',
      }
      if (await send({ type: 'meeting.request', actor: me.id, at: new Date().toISOString(), booking }, { booking }, navigator.onLine ? UI.meetings.sent : UI.meetings.queued)) {
        setRequesting(false)
        form.resetFields()
      }
    })
  }

  const submitRoom = (): void => {
    void roomForm.validateFields().then(async (f) => {
      const room: MeetingRoom = {
        id: crypto.randomUUID().slice(0, 8), name: f.name.trim(), location: f.location ?? '', seats: f.seats,
        equipment: (f.equipment ?? '').split(/[,，、]/).map((e) => e.trim()).filter(Boolean), approver: f.approver[0] ?? '', available: true,
      }
      if (await send({ type: 'venue.save', actor: me.id, at: new Date().toISOString(), room }, { room }, UI.commands.effective)) {
        setAddingRoom(false)
        roomForm.resetFields()
      }
    })
  }

  return (
    <Card
      title={UI.meetings.menu}
      extra={
        <Space>
          {isAdmin && <Button onClick={() => setAddingRoom(true)} data-testid="add-room">{UI.meetings.addRoom}</Button>}
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setError(null); setRequesting(true) }} data-testid="meeting-request">{UI.meetings.request}</Button>
        </Space>
      }
    >
      <RejectedCommands rows={rejected} title={UI.meetings.rejected} testId="meeting-rejected" label={(r) => String((r.command?.payload.booking as Booking | undefined)?.title ?? '')} />
      {toApprove.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={UI.meetings.toApprove}
          description={toApprove.map((b) => (
            <Space key={b.id} style={{ display: 'flex', marginBottom: 4 }} data-testid={`approve-${b.id}`}>
              <span>{b.title}（{venues.rooms[b.roomId]?.name}，{dayjs(b.start).format('M月D日 HH:mm')}–{hm(b.end)}，{name(b.organiser)}）</span>
              <Button size="small" type="primary" onClick={() => void send({ type: 'meeting.approve', actor: me.id, at: new Date().toISOString(), id: b.id }, { id: b.id }, UI.commands.effective)}>{UI.meetings.approve}</Button>
              <Button size="small" danger onClick={() => { setReason(''); setRefusing(b) }}>{UI.meetings.refuse}</Button>
            </Space>
          ))}
        />
      )}
      <Tabs
        defaultActiveKey="grid"
        items={[
          {
            key: 'grid', label: <span data-testid="tab-grid">{UI.meetings.tabGrid}</span>, children: (
              <>
                <Space style={{ marginBottom: 12 }}>
                  <Button icon={<LeftOutlined />} onClick={() => setWeekStart(weekStart.subtract(7, 'day'))}>{UI.meetings.prevWeek}</Button>
                  <Typography.Text data-testid="week-label">{weekStart.format('YYYY年M月D日')} – {weekStart.add(6, 'day').format('M月D日')}</Typography.Text>
                  <Button icon={<RightOutlined />} onClick={() => setWeekStart(weekStart.add(7, 'day'))}>{UI.meetings.nextWeek}</Button>
                </Space>
              <Table<MeetingRoom>
                rowKey="id"
                pagination={false}
                bordered
                size="small"
                dataSource={rooms}
                locale={{ emptyText: UI.meetings.empty }}
                data-testid="room-grid"
                columns={[
                  { title: UI.meetings.room, width: 150, render: (_, r) => <div><strong>{r.name}</strong><br /><small>{r.location} {UI.meetings.seats(r.seats)}</small></div> },
                  ...days.map((d, i) => ({
                    title: `${UI.meetings.weekdays[i]} ${d.format('M/D')}`,
                    render: (_: unknown, r: MeetingRoom) => (
                      <div>
                        {all.filter((b) => b.roomId === r.id && dayjs(b.start).isBefore(d.add(1, 'day')) && dayjs(b.end).isAfter(d)).sort((a, b) => a.start.localeCompare(b.start)).map((b) => (
                          <div key={b.id} className="booking-chip" data-testid={`booking-${b.title}`} onClick={() => !b.unconfirmed && setOpen(b.id)} style={{ cursor: b.unconfirmed ? 'default' : 'pointer' }}>
                            <div>{hm(b.start)}–{hm(b.end)}</div>
                            <div>{b.title}</div>
                            <Tag color={b.unconfirmed ? 'blue' : STATUS_COLOUR[b.status]}>{b.unconfirmed ? UI.meetings.unconfirmed : BOOKING_STATUS_NAMES[b.status]}</Tag>
                          </div>
                        ))}
                      </div>
                    ),
                  })),
                ]}
              />
              </>
            ),
          },
          { key: 'mine', label: <span data-testid="tab-mine">{UI.meetings.tabMine}</span>, children: <MeetingCalendar rooms={venues.rooms} onOpen={setOpen} /> },
          { key: 'usage', label: <span data-testid="tab-usage">{UI.meetings.tabUsage}</span>, children: <RoomUsageTable venues={venues} /> },
        ]}
      />
      {open && venues.bookings[open] && <MeetingDrawer booking={venues.bookings[open]} room={venues.rooms[venues.bookings[open].roomId]} onClose={() => setOpen(null)} />}
      <Modal open={requesting} title={UI.meetings.request} onCancel={() => setRequesting(false)} onOk={submitRequest} destroyOnHidden width={620}>
        <Form form={form} layout="vertical" requiredMark={false} initialValues={{ category: '工作会' }}>
          <Form.Item name="title" label={UI.meetings.fieldTitle} rules={[{ required: true, whitespace: true, message: UI.meetings.required }, { max: 200 }]}>
            <Input data-testid="meeting-title" />
          </Form.Item>
          <Space style={{ display: 'flex' }} align="start">
            <Form.Item name="category" label={UI.meetings.fieldCategory}>
              <Select style={{ width: 140 }} options={MEETING_CATEGORIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
            <Form.Item name="roomId" label={UI.meetings.fieldRoom} rules={[{ required: true, message: UI.meetings.required }]}>
              <Select style={{ width: 220 }} data-testid="meeting-room" options={rooms.filter((r) => r.available).map((r) => ({ value: r.id, label: `${r.name}（${UI.meetings.seats(r.seats)}）` }))} />
            </Form.Item>
            <Form.Item name="headcount" label={UI.meetings.fieldHeadcount}>
              <InputNumber min={1} max={5000} />
            </Form.Item>
          </Space>
          <Form.Item name="time" label={UI.meetings.fieldTime} rules={[{ required: true, message: UI.meetings.required }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" minuteStep={15} data-testid="meeting-time" />
          </Form.Item>
          <Form.Item name="invitees" label={UI.meetings.fieldInvitees}>
            <PeoplePicker users={directory.users} units={directory.units} exclude={me.id} testId="meeting-invitees" />
          </Form.Item>
          <Form.Item name="observers" label={UI.meetings.fieldObservers}>
            <PeoplePicker users={directory.users} units={directory.units} exclude={me.id} testId="meeting-observers" />
          </Form.Item>
          <Form.Item name="setup" label={UI.meetings.fieldSetup}><Input /></Form.Item>
          <Form.Item name="note" label={UI.meetings.fieldNote}><Input.TextArea rows={2} /></Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} data-testid="meeting-error" />}
      </Modal>
      <Modal open={addingRoom} title={UI.meetings.addRoom} onCancel={() => setAddingRoom(false)} onOk={submitRoom} destroyOnHidden>
        <Form form={roomForm} layout="vertical" requiredMark={false}>
          <Form.Item name="name" label={UI.meetings.roomName} rules={[{ required: true, whitespace: true, message: UI.meetings.required }]}><Input /></Form.Item>
          <Form.Item name="location" label={UI.meetings.roomLocation}><Input /></Form.Item>
          <Form.Item name="seats" label={UI.meetings.roomSeats} rules={[{ required: true, message: UI.meetings.required }]}><InputNumber min={1} max={5000} /></Form.Item>
          <Form.Item name="equipment" label={UI.meetings.roomEquipment}><Input /></Form.Item>
          <Form.Item name="approver" label={UI.meetings.roomApprover} rules={[{ required: true, message: UI.meetings.required }]}>
            <PeoplePicker users={directory.users} units={directory.units} multiple={false} />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
      <Modal open={!!refusing} title={UI.meetings.refuse} onCancel={() => setRefusing(null)} onOk={() => {
        if (!refusing || !reason.trim()) return
        void send({ type: 'meeting.refuse', actor: me.id, at: new Date().toISOString(), id: refusing.id, reason }, { id: refusing.id, reason }, UI.commands.effective).then((ok) => ok && setRefusing(null))
      }}>
        <Input.TextArea rows={3} placeholder={UI.meetings.refuseReason} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  )
}
