// 待办 / 已办 / 办结: the user's inbox room as three lists, urgent first, with time-limit states.
import { Alert, App as AntApp, Badge, Button, Card, Input, Modal, Table, Tabs, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { dueState, type InboxBox, type InboxItem } from '../../../core/docflow'
import { UI } from '../../../core/messages/ui'
import { formatDateTime } from '../../../core/text/formatDate'
import { useEngine, useInbox } from '../../sync/hooks'
import { followUpState, type FollowUp } from '../../../core/meeting/tasks'

const URGENCY_RANK: Record<string, number> = { 特急: 0, 加急: 1 }

export function InboxPage({ onOpen }: { onOpen: (room: string) => void }): React.JSX.Element {
  const { items, notices, tasks } = useInbox()
  const engine = useEngine()
  const { message } = AntApp.useApp()
  const [box, setBox] = useState<InboxBox | 'tasks'>('todo')
  const [finishing, setFinishing] = useState<FollowUp | null>(null)
  const [result, setResult] = useState('')
  const openTasks = tasks.filter((t) => t.status === 'open').sort((a, b) => a.due.localeCompare(b.due))
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
        onChange={(k) => setBox(k as InboxBox | 'tasks')}
        items={[
          ...(['todo', 'done', 'finished'] as const).map((k) => ({
            key: k,
            label: (
              <span data-testid={`inbox-tab-${k}`}>
                {UI.inbox[k]} <Badge count={byBox[k].length} showZero={false} color={k === 'todo' ? '#b71c1c' : '#999'} />
              </span>
            ),
          })),
          { key: 'tasks', label: <span data-testid="inbox-tab-tasks">{UI.inbox.tasks} <Badge count={openTasks.length} showZero={false} color="#b71c1c" /></span> },
        ]}
      />
      {box === 'tasks' && (
        <Table<FollowUp>
          rowKey="id"
          dataSource={[...openTasks, ...tasks.filter((t) => t.status === 'done')]}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: UI.inbox.empty }}
          columns={[
            { title: UI.inbox.taskText, dataIndex: 'text' },
            { title: UI.inbox.taskMeeting, dataIndex: 'meetingTitle', width: 200 },
            {
              title: UI.inbox.colDue, dataIndex: 'due', width: 170,
              render: (d: string, t) => {
                const state = followUpState(t, now)
                return <span>{d}{state === 'soon' && <Tag color="gold" style={{ marginLeft: 4 }}>{UI.inbox.soon}</Tag>}{state === 'overdue' && <Tag color="red" style={{ marginLeft: 4 }}>{UI.inbox.overdue}</Tag>}</span>
              },
            },
            {
              title: '', width: 160,
              render: (_, t) => (t.status === 'done' ? <Tag color="green">{UI.inbox.finished}{t.result ? `：${t.result}` : ''}</Tag> : <Button size="small" type="primary" onClick={() => { setResult(''); setFinishing(t) }} data-testid={`task-done-${t.text}`}>{UI.inbox.taskDone}</Button>),
            },
          ]}
        />
      )}
      <Modal open={!!finishing} title={UI.inbox.taskDone} onCancel={() => setFinishing(null)} onOk={() => {
        if (!finishing) return
        void engine.act('meeting.done', finishing.room, { task: finishing.id, ...(result.trim() ? { result: result.trim() } : {}) }).then(() => message.success(UI.seals.submitted), () => message.error(UI.docs.signFailed))
        setFinishing(null)
      }}>
        <Input.TextArea rows={3} placeholder={UI.inbox.taskResult} value={result} onChange={(e) => setResult(e.target.value)} data-testid="task-result" />
      </Modal>
      {box !== 'tasks' && <Table<InboxItem>
        rowKey="room"
        dataSource={byBox[box as InboxBox]}
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
      />}
    </Card>
  )
}
