// 待办 / 已办 / 办结: the user's inbox room as three lists, urgent first, with time-limit states.
import { Alert, Badge, Card, Table, Tabs, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { dueState, type InboxBox, type InboxItem } from '../../../core/docflow'
import { UI } from '../../../core/messages/ui'
import { formatDateTime } from '../../../core/text/formatDate'
import { useInbox } from '../../sync/hooks'

const URGENCY_RANK: Record<string, number> = { 特急: 0, 加急: 1 }

export function InboxPage({ onOpen }: { onOpen: (room: string) => void }): React.JSX.Element {
  const { items, notices } = useInbox()
  const [box, setBox] = useState<InboxBox>('todo')
  const byBox = useMemo(() => {
    const out: Record<InboxBox, InboxItem[]> = { todo: [], done: [], finished: [] }
    for (const i of items) out[i.box].push(i)
    for (const list of Object.values(out)) {
      list.sort((a, b) => (URGENCY_RANK[a.urgency] ?? 2) - (URGENCY_RANK[b.urgency] ?? 2) || b.arrivedAt.localeCompare(a.arrivedAt))
    }
    return out
  }, [items])
  const now = new Date()
  const recent = notices.slice(-5).reverse()

  return (
    <Card title={UI.inbox.title}>
      {recent.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={UI.inbox.notices}
          description={recent.map((n) => (
            <div key={n.id}>
              {n.room.startsWith('doc:') ? <Typography.Link onClick={() => onOpen(n.room)}>{n.title || UI.docs.untitled}</Typography.Link> : <Typography.Text strong>{n.title}</Typography.Text>}：{n.from} {n.message}（{formatDateTime(new Date(n.at))}）
            </div>
          ))}
        />
      )}
      <Tabs
        activeKey={box}
        onChange={(k) => setBox(k as InboxBox)}
        items={(['todo', 'done', 'finished'] as const).map((k) => ({
          key: k,
          label: (
            <span data-testid={`inbox-tab-${k}`}>
              {UI.inbox[k]} <Badge count={byBox[k].length} showZero={false} color={k === 'todo' ? '#b71c1c' : '#999'} />
            </span>
          ),
        }))}
      />
      <Table<InboxItem>
        rowKey="room"
        dataSource={byBox[box]}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: UI.inbox.empty }}
        onRow={(r) => ({ onClick: () => onOpen(r.room), style: { cursor: 'pointer' }, 'data-testid': `inbox-row-${r.room}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          {
            title: UI.inbox.colTitle,
            dataIndex: 'title',
            render: (t: string, r) => (
              <span>
                {r.urgency === '特急' && <Tag color="red">{r.urgency}</Tag>}
                {r.urgency === '加急' && <Tag color="volcano">{r.urgency}</Tag>}
                {r.classification !== '非密' && <Tag color="orange">{r.classification}</Tag>}
                <Typography.Link>{t || UI.docs.untitled}</Typography.Link>
              </span>
            ),
          },
          { title: UI.inbox.colKind, dataIndex: 'kind', width: 70, render: (k: string) => (k === 'incoming' ? UI.inbox.incoming : k === 'sealrequest' ? UI.inbox.sealrequest : UI.inbox.outgoing) },
          { title: UI.inbox.colStep, dataIndex: 'stepName', width: 100 },
          { title: UI.inbox.colFrom, dataIndex: 'from', width: 90 },
          { title: UI.inbox.colArrived, dataIndex: 'arrivedAt', width: 170, render: (a: string) => formatDateTime(new Date(a)) },
          {
            title: UI.inbox.colDue, dataIndex: 'dueAt', width: 150,
            render: (d: string | undefined, r) => {
              if (!d) return null
              const state = r.box === 'todo' ? dueState(d, now) : 'ok'
              return (
                <span>
                  {d}
                  {state === 'soon' && <Tag color="gold" style={{ marginLeft: 4 }}>{UI.inbox.soon}</Tag>}
                  {state === 'overdue' && <Tag color="red" style={{ marginLeft: 4 }}>{UI.inbox.overdue}</Tag>}
                </span>
              )
            },
          },
          { title: UI.inbox.colNumber, dataIndex: 'docNumber', width: 150 },
        ]}
      />
    </Card>
  )
}
