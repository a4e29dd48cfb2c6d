// 工作台, the landing page: what waits (by kind), today's and this week's meetings, 督办 due
// soon, the latest documents and 通知公告 — all from this machine's copies, offline too.
import { Card, Col, Empty, List, Row, Skeleton, Statistic, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useMemo } from 'react'
import { UI } from '../../../core/messages/ui'
import { BOOKING_STATUS_NAMES } from '../../../core/meeting/model'
import { followUpState } from '../../../core/meeting/tasks'
import { countBox, countByKind, meetingPanels, queryWork, recent, tasksDueSoon, WORK_KINDS } from '../../../core/workcentre'
import type { Route } from '../../../core/workcentre/route'
import { useLiveQuery } from '../../store'
import { useEngine, useMyMeetings, useVenues } from '../../sync/hooks'
import { BulletinPanel } from './BulletinPanel'
import { DueTag, UrgencyTags } from './tags'
import { useWork } from './useWork'

export function Workbench({ onOpen }: { onOpen: (route: Route) => void }): React.JSX.Element {
  const engine = useEngine()
  const { items, tasks, ready } = useWork()
  const meetings = useMyMeetings()
  const venues = useVenues()
  // the newest few by the updatedAt index, not every document held here (thousands)
  const docRows = useLiveQuery(() => engine.db.rooms.orderBy('updatedAt').reverse().filter((r) => r.kind === 'doc').limit(6).toArray(), [engine])
  const now = new Date()
  const counts = countByKind(items, 'todo')
  const todo = useMemo(() => queryWork(items, { box: 'todo' }).slice(0, 6), [items])
  const panels = useMemo(() => meetingPanels(meetings, new Date()), [meetings])
  const due = useMemo(() => tasksDueSoon(tasks, new Date()).slice(0, 6), [tasks])
  const docs = recent(docRows ?? [], 6)
  const meetingList = (list: typeof panels.today, testId: string, withDay: boolean): React.ReactNode => list.length === 0
    ? <Typography.Text type="secondary">{UI.workbench.noMeetings}</Typography.Text>
    : (
      <List size="small" dataSource={list} data-testid={testId} renderItem={(b) => (
        <List.Item style={{ cursor: 'pointer' }} onClick={() => onOpen({ page: 'meeting', id: b.id })}>
          <span>{dayjs(b.start).format(withDay ? 'M月D日 ddd HH:mm' : 'HH:mm')}–{dayjs(b.end).format('HH:mm')} <Typography.Link>{b.title}</Typography.Link> <Typography.Text type="secondary">{venues.rooms[b.roomId]?.name}</Typography.Text></span>
          {b.status !== 'confirmed' && <Tag color="gold">{BOOKING_STATUS_NAMES[b.status]}</Tag>}
        </List.Item>
      )} />
    )

  return (
    <div data-testid="workbench">
      <Typography.Title level={4} style={{ marginTop: 0 }}>{UI.workbench.greeting(engine.session.user.name)}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={UI.workbench.todo} extra={<Typography.Link onClick={() => onOpen({ page: 'inbox' })} data-testid="workbench-todo-total">{UI.workbench.todoTotal(countBox(items, 'todo'))}</Typography.Link>}>
            {!ready ? <Skeleton active paragraph={{ rows: 3 }} /> : (
              <>
                <Row gutter={8} style={{ marginBottom: 8 }}>
                  {WORK_KINDS.map((k) => (
                    <Col key={k} flex="1" style={{ minWidth: 84 }}>
                      <div className="workbench-kind" onClick={() => onOpen({ page: 'inbox' })} data-testid={`workbench-kind-${k}`}>
                        <Statistic title={UI.work.kinds[k]} value={counts[k]} styles={{ content: { color: counts[k] ? '#b71c1c' : '#bbb' } }} />
                      </div>
                    </Col>
                  ))}
                </Row>
                {countBox(items, 'toread') > 0 && <Typography.Link onClick={() => onOpen({ page: 'inbox', box: 'toread' })}>{UI.workbench.toread(countBox(items, 'toread'))}</Typography.Link>}
                {todo.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={UI.work.emptyTodo} /> : (
                  <List size="small" dataSource={todo} renderItem={(i) => (
                    <List.Item style={{ cursor: 'pointer' }} onClick={() => onOpen(i.route)} data-testid={`workbench-item-${i.key}`}>
                      <span><UrgencyTags urgency={i.urgency} /><Tag>{UI.work.kinds[i.kind]}</Tag><Typography.Link>{i.title}</Typography.Link></span>
                      <span><Typography.Text type="secondary">{i.action}</Typography.Text><DueTag due={i.due} /></span>
                    </List.Item>
                  )} />
                )}
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={UI.workbench.meetingsToday} style={{ marginBottom: 16 }}>{meetingList(panels.today, 'meetings-today', false)}</Card>
          <Card size="small" title={UI.workbench.meetingsWeek}>{meetingList(panels.week, 'meetings-week', true)}</Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={UI.workbench.tasksDue} data-testid="tasks-due">
            {due.length === 0 ? <Typography.Text type="secondary">{UI.workbench.noTasks}</Typography.Text> : (
              <List size="small" dataSource={due} renderItem={(t) => (
                <List.Item style={{ cursor: 'pointer' }} onClick={() => onOpen({ page: 'inbox' })}>
                  <span>{t.text} <Typography.Text type="secondary">（{t.meetingTitle}）</Typography.Text></span>
                  <span>{t.due}<DueTag due={followUpState(t, now)} /></span>
                </List.Item>
              )} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={UI.workbench.recentDocs} extra={<Typography.Link onClick={() => onOpen({ page: 'docs' })}>{UI.workbench.viewAll}</Typography.Link>}>
            {docs.length === 0 ? <Typography.Text type="secondary">{UI.workbench.noDocs}</Typography.Text> : (
              <List size="small" dataSource={docs} data-testid="recent-docs" renderItem={(r) => (
                <List.Item style={{ cursor: 'pointer' }} onClick={() => onOpen({ page: 'doc', id: r.room.slice(4) })}>
                  <span><UrgencyTags urgency={r.urgency} /><Typography.Link>{r.title || UI.docs.untitled}</Typography.Link></span>
                  <Typography.Text type="secondary">{dayjs(r.updatedAt).format('M月D日 HH:mm')}</Typography.Text>
                </List.Item>
              )} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <BulletinPanel limit={5} onMore={() => onOpen({ page: 'bulletin' })} />
        </Col>
      </Row>
    </div>
  )
}
