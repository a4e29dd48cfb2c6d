// 待办 / 待阅 / 已办 / 草稿箱: every capability's items in one list (src/core/workcentre), with counts
// per kind, search in either script, filters by kind, 紧急程度 and 时限, sort, and batch 阅知 / 签收
// where the flow allows it. Built from this machine's copies, so it works offline; an item acted on
// leaves 待办 at once (待同步 in 已办) and comes back if the server refuses.
import { Alert, App as AntApp, Badge, Button, Card, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { composeCommand, docView, previewCommand } from '../../../core/docflow'
import { errorMessage } from '../../../core/messages/errors'
import { UI } from '../../../core/messages/ui'
import { formatDateTime } from '../../../core/text/formatDate'
import { countBox, countByKind, drafts, noticeFeed, queryWork, WORK_KINDS, type WorkItem, type WorkKind, type WorkSort } from '../../../core/workcentre'
import type { Route } from '../../../core/workcentre/route'
import { useLiveQuery, type RoomRow } from '../../store'
import { useDirectory, useEngine } from '../../sync/hooks'
import { useCommandFeedback } from '../shell/useCommandFeedback'
import { useWork } from '../workcentre/useWork'
import { DueTag, UrgencyTags } from '../workcentre/tags'

export type InboxTab = 'todo' | 'toread' | 'done' | 'drafts'

const AFTER_PAINT_MS = 200

function useDismissed(userId: string): [Set<string>, (id: string) => void] {
  const key = `zt-dismissed-${userId}`
  const [ids, setIds] = useState(() => new Set<string>(JSON.parse(localStorage.getItem(key) ?? '[]') as string[]))
  const dismiss = (id: string): void => {
    const next = new Set(ids).add(id)
    localStorage.setItem(key, JSON.stringify([...next].slice(-300)))
    setIds(next)
  }
  return [ids, dismiss]
}

/** True a moment after `ready` turned true and the page has painted since. */
function useAfterFirstPaint(ready: boolean): boolean {
  const [done, setDone] = useState(false)
  useEffect(() => {
    if (!ready || done) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setDone(true), AFTER_PAINT_MS)))
    return () => {
      cancelAnimationFrame(frame)
      if (timer) clearTimeout(timer)
    }
  }, [ready, done])
  return done
}

export function InboxPage({ tab, onTab, onOpen }: { tab: InboxTab; onTab: (tab: InboxTab) => void; onOpen: (route: Route) => void }): React.JSX.Element {
  const engine = useEngine()
  const me = engine.session.user.id
  const { message } = AntApp.useApp()
  const track = useCommandFeedback()
  const directory = useDirectory()
  const { items, inboxItems, notices, ready } = useWork()
  const [text, setText] = useState('')
  const [kinds, setKinds] = useState<WorkKind[]>([])
  const [urgencies, setUrgencies] = useState<string[]>([])
  const [dues, setDues] = useState<('soon' | 'overdue')[]>([])
  const [sort, setSort] = useState<WorkSort>('urgency')
  const [selected, setSelected] = useState<string[]>([])
  const [finishing, setFinishing] = useState<WorkItem | null>(null)
  const [result, setResult] = useState('')
  const [batchErrors, setBatchErrors] = useState<string[]>([])
  const [dismissed, dismiss] = useDismissed(me)
  // 草稿箱 reads every document row held here (thousands): only once 待办 has painted
  const afterPaint = useAfterFirstPaint(ready)
  const docRows = useLiveQuery<RoomRow[] | undefined>(() => (afterPaint || tab === 'drafts' ? engine.db.rooms.where('kind').equals('doc').toArray() : undefined), [engine, afterPaint, tab === 'drafts'])
  const draftRows = useMemo(() => drafts(docRows ?? [], me, new Set(inboxItems.map((i) => i.room))), [docRows, me, inboxItems])
  const box = tab === 'drafts' ? 'todo' : tab
  const shown = useMemo(() => queryWork(items, { box, text, kinds, urgencies, dues, sort }), [items, box, text, kinds, urgencies, dues, sort])
  const counts = useMemo(() => countByKind(items, box), [items, box])
  const feed = noticeFeed(notices, items, dismissed)
  const batchable = shown.filter((i) => i.batch && selected.includes(i.key))
  const batchKind = batchable[0]?.batch

  const runBatch = async (): Promise<void> => {
    setBatchErrors([])
    const errors: string[] = []
    for (const item of batchable) {
      try {
        const { doc } = await engine.open(item.room)
        const view = docView(doc, [...directory.users])
        const cmd = composeCommand(view, item.batch!, {})
        const refusal = previewCommand(view, me, cmd, new Date())
        if (refusal) {
          errors.push(UI.work.batchRefused(item.title, errorMessage(refusal.code, refusal.params)))
          continue
        }
        track(engine.act(cmd.type, item.room, cmd.payload, cmd.contentHash))
      } catch {
        errors.push(UI.work.batchRefused(item.title, UI.docs.signFailed))
      }
    }
    setSelected([])
    setBatchErrors(errors)
    if (errors.length === 0) message.info(UI.work.batchDone(batchable.length, batchable.length))
  }

  const tabLabel = (k: InboxTab, n: number, colour: string): React.ReactNode => (
    <span data-testid={`inbox-tab-${k}`}>{UI.work.boxes[k]} <Badge count={n} showZero={false} color={colour} data-testid={`inbox-count-${k}`} /></span>
  )

  return (
    <Card title={UI.inbox.title} data-testid="inbox-page">
      {feed.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={UI.work.noticesTitle} data-testid="inbox-notices"
          description={feed.map((n) => (
            <div key={n.id} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
              <span style={{ flex: 1 }}>
                {n.room.startsWith('doc:') ? <Typography.Link onClick={() => onOpen({ page: 'doc', id: n.room.slice(4) })}>{n.title || UI.docs.untitled}</Typography.Link> : <Typography.Text strong>{n.title}</Typography.Text>}：{n.from} {n.kind === 'rejected' ? UI.exchange.rejectedNotice : ''}{n.message}（{formatDateTime(new Date(n.at))}）
              </span>
              <Button size="small" type="link" onClick={() => dismiss(n.id)}>{UI.work.dismiss}</Button>
            </div>
          ))}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => { setSelected([]); onTab(k as InboxTab) }}
        items={[
          { key: 'todo', label: tabLabel('todo', countBox(items, 'todo'), '#b71c1c') },
          { key: 'toread', label: tabLabel('toread', countBox(items, 'toread'), '#d46b08') },
          { key: 'done', label: tabLabel('done', 0, '#999') },
          { key: 'drafts', label: tabLabel('drafts', draftRows.length, '#999') },
        ]}
      />
      {tab === 'drafts' ? (
        <Table<RoomRow>
          rowKey="room"
          dataSource={draftRows}
          loading={!docRows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: docRows ? UI.work.draftsEmpty : UI.work.loading }}
          onRow={(r) => ({ onClick: () => onOpen({ page: 'doc', id: r.room.slice(4) }), style: { cursor: 'pointer' }, 'data-testid': `draft-row-${r.room}` } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: UI.inbox.colTitle, dataIndex: 'title', render: (t: string) => <Typography.Link>{t || UI.docs.untitled}</Typography.Link> },
            { title: UI.docs.colType, dataIndex: 'docType', width: 90 },
            { title: UI.work.colUpdated, dataIndex: 'updatedAt', width: 180, render: (a: string) => formatDateTime(new Date(a)) },
          ]}
        />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Input.Search allowClear placeholder={UI.work.searchPlaceholder} style={{ width: 280 }} value={text} onChange={(e) => setText(e.target.value)} data-testid="inbox-search" />
            <Select mode="multiple" allowClear placeholder={UI.docs.colUrgency} style={{ minWidth: 120 }} value={urgencies} onChange={setUrgencies} options={['特急', '加急', '平件'].map((u) => ({ value: u, label: u }))} />
            {box !== 'done' && <Select mode="multiple" allowClear placeholder={UI.inbox.colDue} style={{ minWidth: 130 }} value={dues} onChange={setDues} options={(['overdue', 'soon'] as const).map((d) => ({ value: d, label: UI.work.dueFilter[d] }))} data-testid="inbox-due-filter" />}
            <Select style={{ width: 130 }} value={sort} onChange={setSort} options={(['urgency', 'arrived', 'due'] as const).map((s) => ({ value: s, label: UI.work.sortBy[s] }))} data-testid="inbox-sort" />
            {batchKind && (
              <Button type="primary" onClick={() => void runBatch()} data-testid="inbox-batch">
                {batchKind === 'read' ? UI.work.batchRead(batchable.length) : UI.work.batchReceive(batchable.length)}
              </Button>
            )}
          </Space>
          <div style={{ marginBottom: 12 }} data-testid="inbox-kinds">
            <Tag.CheckableTag checked={kinds.length === 0} onChange={() => setKinds([])}>{UI.work.all}</Tag.CheckableTag>
            {WORK_KINDS.filter((k) => counts[k] > 0 || kinds.includes(k)).map((k) => (
              <Tag.CheckableTag key={k} checked={kinds.includes(k)} onChange={(on) => setKinds(on ? [...kinds, k] : kinds.filter((x) => x !== k))} data-testid={`inbox-kind-${k}`}>
                {UI.work.kinds[k]} {counts[k]}
              </Tag.CheckableTag>
            ))}
          </div>
          {batchErrors.map((e) => <Alert key={e} type="error" showIcon style={{ marginBottom: 8 }} title={e} />)}
          <Table<WorkItem>
            rowKey="key"
            dataSource={shown}
            loading={!ready}
            rowSelection={box === 'done' ? undefined : {
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys.map(String)),
              getCheckboxProps: (r) => ({ disabled: !r.batch || (!!batchKind && r.batch !== batchKind), title: r.batch ? undefined : UI.work.selectHint }),
            }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: ready ? (box === 'todo' ? UI.work.emptyTodo : UI.work.empty) : UI.work.loading }}
            onRow={(r) => ({ onClick: () => onOpen(r.route), style: { cursor: 'pointer' }, 'data-testid': `work-row-${r.key}` } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              {
                title: UI.inbox.colTitle, dataIndex: 'title',
                render: (t: string, r) => <span><UrgencyTags urgency={r.urgency} classification={r.classification} /><Typography.Link>{t || UI.docs.untitled}</Typography.Link></span>,
              },
              { title: UI.inbox.colKind, dataIndex: 'kind', width: 100, render: (k: WorkKind) => <Tag data-testid="work-kind">{UI.work.kinds[k]}</Tag> },
              {
                title: UI.work.colAction, dataIndex: 'action', width: 190,
                render: (a: string, r) => (
                  <span>
                    {a}
                    {r.queued && <Tag color="blue" style={{ marginLeft: 4 }}>{UI.work.queued}</Tag>}
                    {r.finished && <Tag style={{ marginLeft: 4 }}>{UI.work.finished}</Tag>}
                    {r.kind === 'task' && r.box === 'todo' && (
                      <Button size="small" type="primary" style={{ marginLeft: 6 }} data-testid={`task-done-${r.title}`} onClick={(e) => { e.stopPropagation(); setResult(''); setFinishing(r) }}>{UI.inbox.taskDone}</Button>
                    )}
                  </span>
                ),
              },
              { title: UI.inbox.colFrom, dataIndex: 'from', width: 110 },
              { title: UI.inbox.colArrived, dataIndex: 'arrivedAt', width: 170, render: (a: string) => formatDateTime(new Date(a)) },
              {
                title: UI.inbox.colDue, dataIndex: 'dueAt', width: 190,
                render: (d: string | undefined, r) => (d ? <span>{d.length === 10 ? d : formatDateTime(new Date(d))}<DueTag due={r.due} /></span> : null),
              },
              { title: UI.inbox.colNumber, dataIndex: 'docNumber', width: 140 },
            ]}
          />
        </>
      )}
      <Modal open={!!finishing} title={UI.inbox.taskDone} onCancel={() => setFinishing(null)} onOk={() => {
        if (!finishing) return
        const id = finishing.key.slice('task:'.length)
        track(engine.act('meeting.done', finishing.room, { task: id, ...(result.trim() ? { result: result.trim() } : {}) }))
        setFinishing(null)
      }}>
        <Input.TextArea rows={3} placeholder={UI.inbox.taskResult} value={result} onChange={(e) => setResult(e.target.value)} data-testid="task-result" />
      </Modal>
    </Card>
  )
}
