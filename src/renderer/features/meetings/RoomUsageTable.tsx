// 会议室使用统计: per room and month, confirmed meetings, hours, occupancy of working hours, people.
import { DatePicker, Progress, Space, Table, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { roomUsage, type RoomUsage } from '../../../core/meeting/calendar'
import type { VenueState } from '../../../core/meeting/bookings'
import { UI } from '../../../core/messages/ui'

export function RoomUsageTable({ venues }: { venues: VenueState }): React.JSX.Element {
  const [month, setMonth] = useState(() => dayjs().startOf('month'))
  const usage = roomUsage(venues, month.toDate(), month.add(1, 'month').toDate())
  return (
    <div data-testid="room-usage">
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>{UI.meetings.usageMonth}</Typography.Text>
        <DatePicker picker="month" value={month} allowClear={false} onChange={(d) => d && setMonth(d.startOf('month'))} />
      </Space>
      <Table<RoomUsage>
        rowKey="roomId"
        size="small"
        pagination={false}
        dataSource={usage}
        columns={[
          { title: UI.meetings.room, render: (_, u) => venues.rooms[u.roomId]?.name ?? u.roomId },
          { title: UI.meetings.usageMeetings, dataIndex: 'meetings', align: 'right' },
          { title: UI.meetings.usageHours, dataIndex: 'hours', align: 'right' },
          { title: UI.meetings.usagePeople, dataIndex: 'people', align: 'right' },
          { title: UI.meetings.usageOccupancy, width: 220, render: (_, u) => <Progress percent={Math.round(u.occupancy * 1000) / 10} size="small" /> },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{UI.meetings.usageNote}</Typography.Paragraph>
    </div>
  )
}
