// 我的会议: the user's meetings by day, week or month (from the local copies, so offline too).
import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import { Button, Calendar, Empty, List, Segmented, Space, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { meetingsBetween } from '../../../core/meeting/calendar'
import { BOOKING_STATUS_NAMES, type Booking, type MeetingRoom } from '../../../core/meeting/model'
import { UI } from '../../../core/messages/ui'
import { useMyMeetings } from '../../sync/hooks'

type Mode = 'day' | 'week' | 'month'

const startOfWeek = (d: Dayjs): Dayjs => d.startOf('day').subtract((d.day() + 6) % 7, 'day')
const hm = (iso: string): string => dayjs(iso).format('HH:mm')

function MeetingLine({ b, rooms, onOpen }: { b: Booking; rooms: Record<string, MeetingRoom>; onOpen: (id: string) => void }): React.JSX.Element {
  return (
    <List.Item onClick={() => onOpen(b.id)} style={{ cursor: 'pointer' }} data-testid={`calendar-${b.title}`}>
      <Space>
        <Typography.Text strong>{hm(b.start)}–{hm(b.end)}</Typography.Text>
        <span>{b.title}</span>
        <Typography.Text type="secondary">{rooms[b.roomId]?.name}</Typography.Text>
        {b.status !== 'confirmed' && <Tag color="gold">{BOOKING_STATUS_NAMES[b.status]}</Tag>}
      </Space>
    </List.Item>
  )
}

export function MeetingCalendar({ rooms, onOpen }: { rooms: Record<string, MeetingRoom>; onOpen: (id: string) => void }): React.JSX.Element {
  const mine = useMyMeetings()
  const [mode, setMode] = useState<Mode>('week')
  const [day, setDay] = useState(() => dayjs().startOf('day'))
  const from = mode === 'day' ? day : mode === 'week' ? startOfWeek(day) : day.startOf('month')
  const to = from.add(1, mode)
  const shown = meetingsBetween(mine, from.toDate(), to.toDate())
  const label = mode === 'day' ? from.format('YYYY年M月D日 dddd') : mode === 'week' ? `${from.format('YYYY年M月D日')} – ${to.subtract(1, 'day').format('M月D日')}` : from.format('YYYY年M月')

  return (
    <div data-testid="my-meetings">
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<Mode> value={mode} onChange={setMode} options={[{ value: 'day', label: UI.meetings.day }, { value: 'week', label: UI.meetings.week }, { value: 'month', label: UI.meetings.month }]} data-testid="calendar-mode" />
        <Button icon={<LeftOutlined />} onClick={() => setDay(day.subtract(1, mode))} aria-label={UI.meetings.previous} />
        <Button onClick={() => setDay(dayjs().startOf('day'))}>{UI.meetings.today}</Button>
        <Button icon={<RightOutlined />} onClick={() => setDay(day.add(1, mode))} aria-label={UI.meetings.next} />
        <Typography.Text strong data-testid="calendar-label">{label}</Typography.Text>
      </Space>
      {mode === 'month' ? (
        <Calendar
          value={day}
          headerRender={() => null}
          onSelect={(d, info) => { if (info.source === 'date') { setDay(d); setMode('day') } }}
          cellRender={(d, info) => info.type !== 'date' ? info.originNode : (
            <div>
              {meetingsBetween(mine, d.startOf('day').toDate(), d.add(1, 'day').startOf('day').toDate()).map((b) => (
                <div key={b.id} className="calendar-chip" onClick={(e) => { e.stopPropagation(); onOpen(b.id) }}>{hm(b.start)} {b.title}</div>
              ))}
            </div>
          )}
        />
      ) : mode === 'week' ? (
        <div className="week-columns">
          {Array.from({ length: 7 }, (_, i) => from.add(i, 'day')).map((d, i) => {
            const those = meetingsBetween(shown, d.toDate(), d.add(1, 'day').toDate())
            return (
              <div key={i} className={d.isSame(dayjs(), 'day') ? 'week-column today' : 'week-column'}>
                <div className="week-column-head">{UI.meetings.weekdays[i]} {d.format('M/D')}</div>
                {those.map((b) => (
                  <div key={b.id} className="calendar-chip" onClick={() => onOpen(b.id)} data-testid={`calendar-${b.title}`}>
                    <div>{hm(b.start)}–{hm(b.end)}</div>
                    <div>{b.title}</div>
                    <small>{rooms[b.roomId]?.name}</small>
                  </div>
                ))}
              </div>
            )
          })}
        </div>
      ) : shown.length === 0 ? <Empty description={UI.meetings.noMeetings} /> : (
        <List size="small" bordered dataSource={shown} renderItem={(b) => <MeetingLine b={b} rooms={rooms} onOpen={onOpen} />} />
      )}
    </div>
  )
}
