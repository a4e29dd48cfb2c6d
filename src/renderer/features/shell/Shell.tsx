import { ApartmentOutlined, AuditOutlined, CalendarOutlined, ContainerOutlined, DesktopOutlined, NotificationOutlined, ReadOutlined, FileTextOutlined, InboxOutlined, LogoutOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons'
import { Avatar, Badge, Button, Layout, Menu, Space, Typography } from 'antd'
import { useEffect, useMemo, useRef } from 'react'
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
import { StatusBadge } from './StatusBadge'
import { SearchBox } from '../search/SearchBox'
import { SearchPage } from '../search/SearchPage'
import { UnitsPage } from '../exchange/UnitsPage'
import type { FoundItem } from '../search/protocol'
import { host } from '../../platform/host'
import type { Route } from '../../../core/workcentre/route'
import { useWork } from '../workcentre/useWork'
import { Workbench } from '../workcentre/Workbench'
import { BulletinPanel } from '../workcentre/BulletinPanel'
import { useDeepLinks, useRoute } from './useRoute'

/** Where a search result opens: a 公文 in its page, a meeting in 办会, a record in the 档案目录. */
function routeOf(item: FoundItem): Route {
  const id = item.id.slice(item.id.indexOf(':') + 1)
  return item.kind === 'meeting' ? { page: 'meeting', id } : item.kind === 'record' ? { page: 'record', code: id } : { page: 'doc', id }
}

/** The menu entry a route belongs to. */
function menuKey(route: Route): string {
  switch (route.page) {
    case 'doc':
      return 'docs'
    case 'meeting':
      return 'meetings'
    case 'record':
      return 'archive'
    default:
      return route.page
  }
}

/** New 待办 raise an OS notification (desktop and browser alike), once per document and step. */
function useTodoNotifications(): number {
  const { items, ready } = useWork()
  const todo = useMemo(() => items.filter((i) => i.box === 'todo' || i.box === 'toread'), [items])
  const seen = useRef<Set<string> | null>(null)
  useEffect(() => {
    // each item once per arrival (a 公文 back at the same person's desk is news again)
    const keys = todo.map((i) => `${i.key}#${i.arrivedAt}`)
    if (!ready) return
    if (seen.current === null) {
      // what was already waiting at sign-in is not news
      seen.current = new Set(keys)
      if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined)
      return
    }
    const fresh = todo.filter((i) => !seen.current!.has(`${i.key}#${i.arrivedAt}`))
    keys.forEach((k) => seen.current!.add(k))
    if (fresh.length) {
      // through the host: Electron's native notification on the desktop, the page's in the browser
      const first = fresh[0]!
      void host['notify.show']({ title: UI.inbox.notifyTitle(fresh.length), body: UI.inbox.notifyBody(first.title, first.action, first.from) }).catch(() => undefined)
    }
  }, [todo, ready])
  return todo.length
}

/** Only what works is in the menu: 工作台, 待办, 公文, 办会, 档案 (for archivists), 借阅, 通知公告, 通讯录, 印章管理 (for its 管理员) and 验章. */
export function Shell({ session, onLogout }: { session: Session; onLogout: () => void }): React.JSX.Element {
  const [route, go] = useRoute()
  useDeepLinks()
  const todoCount = useTodoNotifications()
  useMeetingReminders()
  const archivist = session.user.roles.includes('archivist')
  const open = (r: Route): void => go(r)
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Space size={12}>
          <div className="brand-mark small">政</div>
          <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>{UI.appName}</Typography.Text>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.7)' }}>{UI.appSubtitle}</Typography.Text>
        </Space>
        <Space size={16}>
          <SearchBox onOpen={(item) => open(routeOf(item))} onShowAll={(query) => open({ page: 'search', query })} />
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
            selectedKeys={[menuKey(route)]}
            onClick={(e) => open({ page: e.key } as Route)}
            items={[
              { key: 'workbench', icon: <DesktopOutlined />, label: <span data-testid="menu-workbench">{UI.workbench.menu}</span> },
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
              { key: 'bulletin', icon: <NotificationOutlined />, label: <span data-testid="menu-bulletin">{UI.workbench.bulletin}</span> },
              { key: 'directory', icon: <TeamOutlined />, label: UI.shell.directory },
              ...(session.user.roles.includes('sealAdmin') ? [{ key: 'seals', icon: <SafetyCertificateOutlined />, label: <span data-testid="menu-seals">{UI.seals.title}</span> }] : []),
              { key: 'verify', icon: <AuditOutlined />, label: <span data-testid="menu-verify">{UI.verify.title}</span> },
              ...(session.user.roles.includes('admin') ? [{ key: 'units', icon: <ApartmentOutlined />, label: <span data-testid="menu-units">{UI.units.menu}</span> }] : []),
            ]}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          {route.page === 'workbench' && <Workbench onOpen={open} />}
          {route.page === 'inbox' && <InboxPage tab={route.box ?? 'todo'} onTab={(box) => go({ page: 'inbox', box }, { replace: true })} onOpen={open} />}
          {route.page === 'docs' && <DocList onOpen={(room) => open({ page: 'doc', id: room.slice('doc:'.length) })} />}
          {route.page === 'doc' && <DocPage key={route.id} room={`doc:${route.id}`} session={session} onBack={() => (history.length > 1 ? history.back() : open({ page: 'inbox' }))} />}
          {route.page === 'directory' && <DirectoryPage />}
          {route.page === 'seals' && <SealsPage />}
          {route.page === 'verify' && <VerifyPage />}
          {(route.page === 'meetings' || route.page === 'meeting') && <MeetingsPage initialOpen={route.page === 'meeting' ? route.id : undefined} onOpenChange={(id) => open(id ? { page: 'meeting', id } : { page: 'meetings' })} />}
          {(route.page === 'archive' || route.page === 'record') && (archivist
            ? <ArchivePage initialOpen={route.page === 'record' ? route.code : undefined} onOpenChange={(code) => open(code ? { page: 'record', code } : { page: 'archive' })} />
            : <BorrowPage />)}
          {route.page === 'search' && <SearchPage key={route.query} initialQuery={route.query} onOpen={(item) => open(routeOf(item))} />}
          {route.page === 'borrow' && <BorrowPage />}
          {route.page === 'bulletin' && <BulletinPanel />}
          {route.page === 'units' && <UnitsPage />}
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
