import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Input, Space, Table, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { CLOSE_FORBIDDEN } from '../../../core/sync/messages'
import { foldScript } from '../../../core/text/foldScript'
import { UI } from '../../../core/messages/ui'
import { useLiveQuery, type RoomRow } from '../../store'
import { useDirectory, useEngine, useSyncStatus } from '../../sync/hooks'
import { shortTime } from './labels'
import { NewDocModal } from './NewDocModal'
import { RejectedCommands } from '../shell/RejectedCommands'

export function DocList({ onOpen }: { onOpen: (room: string) => void }): React.JSX.Element {
  const engine = useEngine()
  const [creating, setCreating] = useState(false)
  const directory = useDirectory()
  const names = useMemo(() => new Map(directory.users.map((u) => [u.username, u.name])), [directory])
  const [query, setQuery] = useState('')
  const rows = useLiveQuery(() => engine.db.rooms.where('kind').equals('doc').reverse().sortBy('updatedAt'), [engine])
  const { byRoom, refused } = useSyncStatus()
  const rejectedRows = useLiveQuery(() => engine.db.outbox.where('status').equals('rejected').toArray(), [engine])
  const rejected = useMemo(() => rejectedRows ?? [], [rejectedRows])
  const rejectedRooms = useMemo(() => new Set(rejected.map((r) => r.room)), [rejected])

  const visible = useMemo(() => {
    const q = foldScript(query.trim())
    const all = rows ?? []
    return q ? all.filter((r) => foldScript(r.title).includes(q)) : all
  }, [rows, query])

  return (
    <Card
      title={UI.docs.listTitle}
      extra={
        <Space>
          <Input.Search allowClear placeholder={UI.docs.search} onChange={(e) => setQuery(e.target.value)} style={{ width: 240 }} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-doc">
            {UI.docs.newDoc}
          </Button>
        </Space>
      }
    >
      <RejectedCommands
        rows={rejected}
        title={UI.docs.rejectedOps}
        label={(r) => (r.kind === 'command' ? UI.commands.label(r.command?.type ?? '', { ...r.payload, name: names.get(r.payload.username ?? '') ?? r.payload.username ?? '' }) : UI.docs.newDoc)}
      />
      <Table<RoomRow>
        rowKey="room"
        dataSource={visible}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: UI.docs.empty }}
        onRow={(r) => ({ onClick: () => onOpen(r.room), style: { cursor: 'pointer' } })}
        columns={[
          { title: UI.docs.colTitle, dataIndex: 'title', render: (t: string) => <Typography.Link>{t || UI.docs.untitled}</Typography.Link> },
          { title: UI.docs.colType, dataIndex: 'docType', width: 90 },
          { title: UI.docs.colClassification, dataIndex: 'classification', width: 90, render: (c: string) => (c && c !== '非密' ? <Tag color="orange">{c}</Tag> : c) },
          { title: UI.docs.colUrgency, dataIndex: 'urgency', width: 100, render: (u: string) => (u === '特急' ? <Tag color="red">{u}</Tag> : u === '加急' ? <Tag color="volcano">{u}</Tag> : u) },
          { title: UI.docs.colUpdated, dataIndex: 'updatedAt', width: 190, render: shortTime },
          {
            title: UI.docs.colSync, width: 120,
            render: (_: unknown, r: RoomRow) => {
              if (rejectedRooms.has(r.room)) return <Tag color="red">{UI.docs.rejected}</Tag>
              const code = refused.get(r.room)
              if (code !== undefined) return <Tag color="red">{code === CLOSE_FORBIDDEN ? UI.docs.refusedForbidden : UI.docs.refusedMissing}</Tag>
              const n = byRoom.get(r.room) ?? 0
              return n > 0 ? <Tag color="gold">{UI.docs.pendingCount(n)}</Tag> : <Tag color="green">{UI.docs.synced}</Tag>
            },
          },
        ]}
      />
      <NewDocModal
        open={creating}
        onCancel={() => setCreating(false)}
        onCreate={(d) => {
          setCreating(false)
          void engine.createDoc(d.meta, d.kind, d.layout).then(onOpen)
        }}
      />
    </Card>
  )
}
