import { FileTextOutlined, LogoutOutlined, TeamOutlined } from '@ant-design/icons'
import { Avatar, Button, Layout, Menu, Space, Typography } from 'antd'
import { useState } from 'react'
import { UI } from '../../../core/messages/ui'
import { userColor } from '../../../core/sync/userColor'
import type { Session } from '../../session'
import { DirectoryPage } from '../directory/DirectoryPage'
import { DocList } from '../docs/DocList'
import { DocPage } from '../docs/DocPage'
import { StatusBadge } from './StatusBadge'

type View = { page: 'docs' } | { page: 'doc'; room: string } | { page: 'directory' }

/** Only what works is in the menu: 公文 and 通讯录 (the rest arrive with their features). */
export function Shell({ session, onLogout }: { session: Session; onLogout: () => void }): React.JSX.Element {
  const [view, setView] = useState<View>({ page: 'docs' })
  const selected = view.page === 'directory' ? 'directory' : 'docs'
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Space size={12}>
          <div className="brand-mark small">政</div>
          <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>{UI.appName}</Typography.Text>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.7)' }}>{UI.appSubtitle}</Typography.Text>
        </Space>
        <Space size={16}>
          <StatusBadge />
          <Space size={8}>
            <Avatar style={{ backgroundColor: userColor(session.user.id) }}>{session.user.name.slice(-1)}</Avatar>
            <Typography.Text style={{ color: '#fff' }} data-testid="current-user">{session.user.name} · {session.user.unitName}</Typography.Text>
          </Space>
          <Button type="text" icon={<LogoutOutlined />} style={{ color: '#fff' }} onClick={onLogout}>{UI.shell.logout}</Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={180} theme="light">
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            onClick={(e) => setView(e.key === 'directory' ? { page: 'directory' } : { page: 'docs' })}
            items={[
              { key: 'docs', icon: <FileTextOutlined />, label: UI.shell.documents },
              { key: 'directory', icon: <TeamOutlined />, label: UI.shell.directory },
            ]}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          {view.page === 'docs' && <DocList onOpen={(room) => setView({ page: 'doc', room })} />}
          {view.page === 'doc' && <DocPage key={view.room} room={view.room} session={session} onBack={() => setView({ page: 'docs' })} />}
          {view.page === 'directory' && <DirectoryPage />}
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
