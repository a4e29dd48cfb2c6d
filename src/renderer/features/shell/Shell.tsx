import { AuditOutlined, CalendarOutlined, ContainerOutlined, ReadOutlined, FileTextOutlined, InboxOutlined, LogoutOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons'
import { Avatar, Badge, Button, Layout, Menu, Space, Typography } from 'antd'
import { useEffect, useMemo, useRef, useState } from 'react'
import { UI } from '../../../core/messages/ui'
import { userColor } from '../../../core/sync/userColor'
import type { Session } from '../../session'
import { DirectoryPage } from '../directory/DirectoryPage'
import { DocList } from '../docs/DocList'
import { DocPage } from '../docs/DocPage'
import { InboxPage } from '../inbox/InboxPage'
import { SealsPage } from '../seals/SealsPage'
import { VerifyPage } from '../seals/VerifyPage'
import { MeetingsPage } from '../meetings/MeetingsPage'
import { ArchivePage } from '../archive/ArchivePage'
import { BorrowPage } from '../archive/BorrowPage'
import { useMeetingReminders } from '../meetings/useMeetingReminders'
import { useInbox } from '../../sync/hooks'
import { StatusBadge } from './StatusBadge'
import { host } from '../../platform/host'

type View = { page: 'inbox' } | { page: 'docs' } | { page: 'doc'; room: string; from: 'inbox' | 'docs' } | { page: 'directory' } | { page: 'seals' } | { page: 'verify' } | { page: 'meetings' } | { page: 'archive' } | { page: 'borrow' }

/** New 待办 raise an OS notification (desktop and browser alike), once per document and step. */
function useTodoNotifications(): number {
  const { items } = useInbox()
  const todo = useMemo(() => items.filter((i) => i.box === 'todo'), [items])
  const seen = useRef<Set<string> | null>(null)
  useEffect(() => {
    const keys = todo.map((i) => `${i.room}#${i.seq}`)
    if (seen.current === null) {
      // what was already waiting at sign-in is not news
      seen.current = new Set(keys)
      if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined)
      return
    }
    const fresh = todo.filter((i) => !seen.current!.has(`${i.room}#${i.seq}`))
    keys.forEach((k) => seen.current!.add(k))
    if (fresh.length) {
      // through the host: Electron's native notification on the desktop, the page's in the browser
      const first = fresh[0]!
      void host['notify.show']({ title: UI.inbox.notifyTitle(fresh.length), body: UI.inbox.notifyBody(first.title, first.stepName, first.from) }).catch(() => undefined)
    }
  }, [todo])
  return todo.length
}

/** Only what works is in the menu: 待办, 公文, 办会, 档案 (for archivists), 借阅, 通讯录, 印章管理 (for its 管理员) and 验章. */
export function Shell({ session, onLogout }: { session: Session; onLogout: () => void }): React.JSX.Element {
  const [view, setView] = useState<View>({ page: 'docs' })
  const todoCount = useTodoNotifications()
  useMeetingReminders()
  const archivist = session.user.roles.includes('archivist')
  const selected = view.page === 'doc' ? view.from : view.page
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
            onClick={(e) => setView({ page: e.key as 'inbox' | 'docs' | 'directory' | 'seals' | 'verify' | 'meetings' | 'archive' | 'borrow' })}
            items={[
              {
                key: 'inbox',
                icon: <InboxOutlined />,
                label: (
                  <span data-testid="menu-inbox">
                    {UI.shell.inbox} <Badge count={todoCount} size="small" data-testid="todo-badge" />
                  </span>
                ),
              },
              { key: 'docs', icon: <FileTextOutlined />, label: <span data-testid="menu-docs">{UI.shell.documents}</span> },
              { key: 'meetings', icon: <CalendarOutlined />, label: <span data-testid="menu-meetings">{UI.meetings.menu}</span> },
              ...(archivist ? [{ key: 'archive', icon: <ContainerOutlined />, label: <span data-testid="menu-archive">{UI.archive.menu}</span> }] : []),
              { key: 'borrow', icon: <ReadOutlined />, label: <span data-testid="menu-borrow">{UI.archive.borrowMenu}</span> },
              { key: 'directory', icon: <TeamOutlined />, label: UI.shell.directory },
              ...(session.user.roles.includes('sealAdmin') ? [{ key: 'seals', icon: <SafetyCertificateOutlined />, label: <span data-testid="menu-seals">{UI.seals.title}</span> }] : []),
              { key: 'verify', icon: <AuditOutlined />, label: <span data-testid="menu-verify">{UI.verify.title}</span> },
            ]}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          {view.page === 'inbox' && <InboxPage onOpen={(room) => setView({ page: 'doc', room, from: 'inbox' })} />}
          {view.page === 'docs' && <DocList onOpen={(room) => setView({ page: 'doc', room, from: 'docs' })} />}
          {view.page === 'doc' && <DocPage key={view.room} room={view.room} session={session} onBack={() => setView({ page: view.from })} />}
          {view.page === 'directory' && <DirectoryPage />}
          {view.page === 'seals' && <SealsPage />}
          {view.page === 'verify' && <VerifyPage />}
          {view.page === 'meetings' && <MeetingsPage />}
          {view.page === 'archive' && <ArchivePage />}
          {view.page === 'borrow' && <BorrowPage />}
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
