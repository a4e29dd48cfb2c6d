import { ApartmentOutlined, TeamOutlined } from '@ant-design/icons'
import { Card, Empty, Input, Layout, Menu, Table, Tag } from 'antd'
import { useMemo, useState } from 'react'
import type { DirectoryUser } from '../../../core/directory/model'
import { searchUsers } from '../../../core/directory/search'
import { UI } from '../../../core/messages/ui'
import { useDirectory } from '../../sync/hooks'

const ALL = '*'

export function DirectoryPage(): React.JSX.Element {
  const dir = useDirectory()
  const [query, setQuery] = useState('')
  const [unit, setUnit] = useState(ALL)
  const unitName = useMemo(() => new Map(dir.units.map((u) => [u.id, u.name])), [dir])
  const units = useMemo(() => [...dir.units].sort((a, b) => a.order - b.order), [dir])
  const people = useMemo(() => searchUsers(dir, query).filter((u) => unit === ALL || u.unitId === unit), [dir, query, unit])

  if (dir.users.length === 0) return <Card title={UI.directory.title}><Empty description={UI.directory.empty} /></Card>

  return (
    <Card title={UI.directory.title} extra={<Input.Search allowClear placeholder={UI.directory.search} onChange={(e) => setQuery(e.target.value)} style={{ width: 300 }} data-testid="directory-search" />}>
      <Layout style={{ background: 'transparent' }}>
        <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0', marginRight: 16 }}>
          <Menu
            mode="inline"
            selectedKeys={[unit]}
            onClick={(e) => setUnit(e.key)}
            items={[
              { key: ALL, icon: <TeamOutlined />, label: `${UI.directory.allUnits}（${dir.users.length}）` },
              ...units.map((u) => ({ key: u.id, icon: <ApartmentOutlined />, label: `${u.name}（${dir.users.filter((p) => p.unitId === u.id).length}）` })),
            ]}
          />
        </Layout.Sider>
        <Layout.Content>
          <Table<DirectoryUser>
            rowKey="id"
            size="middle"
            dataSource={people}
            pagination={false}
            columns={[
              { title: UI.directory.colName, dataIndex: 'name', width: 100 },
              { title: UI.directory.colTitle, dataIndex: 'title', width: 120 },
              { title: UI.directory.colUnit, dataIndex: 'unitId', width: 120, render: (id: string) => unitName.get(id) },
              { title: UI.directory.colPhone, dataIndex: 'phone', width: 160 },
              { title: UI.directory.colUsername, dataIndex: 'username', width: 120 },
              { title: UI.directory.colClearance, dataIndex: 'clearance', width: 100, render: (c: string) => <Tag>{c}</Tag> },
            ]}
          />
        </Layout.Content>
      </Layout>
    </Card>
  )
}
