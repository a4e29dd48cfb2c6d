// The archivist's desk: 待归档 (file one or many, 保管期限 and 机构代码 per record), the 档案目录
// (search and filters, each record with its verification panel, batch 四性检测 with progress), and
// 借阅审批. Filing is two signed steps; the second — signing the package the server built and
// checked — follows by itself once the numbered record arrives here.
import { App as AntApp, Button, Card, Input, Progress, Select, Space, Table, Tabs, Tag, Typography, Modal } from 'antd'
import { useEffect, useMemo, useRef, useState } from 'react'
import { retentionFor, parseArchivalCode, RETENTION_NAMES, RETENTIONS, type Retention } from '../../../core/archive/archivalCode'
import { ARCHIVE_ROOM, loanActive, type CatalogueEntry, type Loan, type PendingRecord } from '../../../core/archive/catalogue'
import { UI } from '../../../core/messages/ui'
import { agencyDay, formatDateTime, formatRecordDate } from '../../../core/text/formatDate'
import { useLiveQuery } from '../../store'
import { useArchive, useDirectory, useEngine } from '../../sync/hooks'
import { RejectedCommands } from '../shell/RejectedCommands'
import { resultName } from './CheckItems'
import { ReceiveTab } from './ReceiveTab'
import { RecordDrawer } from './RecordDrawer'
import { useCommandFeedback } from '../shell/useCommandFeedback'

/** Signs, once, each numbered package this archivist filed that waits for their signature. */
function useAutoSign(entries: CatalogueEntry[]): void {
  const engine = useEngine()
  const me = engine.session.user.id
  const started = useRef(new Set<string>())
  useEffect(() => {
    for (const e of entries) {
      const key = `${e.code}:${e.tbsSm3}`
      if (e.status !== 'signing' || (e.revising?.by ?? e.filedBy) !== me || started.current.has(key)) continue
      started.current.add(key)
      // a correction's signature also locks the previous one (锁定签名)
      const lock = e.revising ? { locks: e.revising.locks, lockedSm3: e.revising.lockedSm3 } : {}
      void engine.act('archive.sign', ARCHIVE_ROOM, { code: e.code, ...lock }, e.tbsSm3)
    }
  }, [entries, engine, me])
}

/** Keeps every filed package on this machine, so the desk reads records with no network. */
function usePackagesOffline(entries: CatalogueEntry[]): void {
  const engine = useEngine()
  // what this session already holds: the room changes with every check and loan, the packages rarely
  const held = useRef(new Set<string>())
  useEffect(() => {
    if (!navigator.onLine) return
    let live = true
    void (async () => {
      for (const e of entries) {
        if (!live || !e.packageSm3 || held.current.has(e.packageSm3)) continue
        await engine.blob(ARCHIVE_ROOM, { sm3: e.packageSm3, name: `${e.code}.xml`, size: e.packageSize ?? 0 }).then(() => held.current.add(e.packageSm3!), () => undefined)
      }
    })()
    return () => {
      live = false
    }
  }, [entries, engine])
}

function PendingTab({ pending }: { pending: PendingRecord[] }): React.JSX.Element {
  const engine = useEngine()
  const { message } = AntApp.useApp()
  const [selected, setSelected] = useState<string[]>([])
  const [choices, setChoices] = useState<Record<string, { retention?: Retention; org?: string }>>({})
  const retentionOf = (p: PendingRecord): Retention => choices[p.room]?.retention ?? retentionFor(p.docType, p.unitId)
  const orgOf = (p: PendingRecord): string => choices[p.room]?.org ?? p.unitId.toUpperCase()
  const set = (room: string, c: { retention?: Retention; org?: string }): void => setChoices((all) => ({ ...all, [room]: { ...all[room], ...c } }))
  const file = async (): Promise<void> => {
    for (const p of pending.filter((x) => selected.includes(x.room))) await engine.act('archive.file', ARCHIVE_ROOM, { doc: p.room, retention: retentionOf(p), org: orgOf(p) })
    setSelected([])
    message.success(UI.archive.filing)
  }
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" disabled={!selected.length} onClick={() => void file()} data-testid="file-selected">{UI.archive.fileSelected(selected.length)}</Button>
      </Space>
      <Table<PendingRecord>
        rowKey="room"
        size="small"
        pagination={false}
        dataSource={pending}
        locale={{ emptyText: UI.archive.pendingEmpty }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        data-testid="pending"
        columns={[
          { title: UI.archive.titleCol, dataIndex: 'title' },
          { title: UI.flow.docNumber, dataIndex: 'docNumber', width: 150 },
          { title: UI.archive.docType, dataIndex: 'docType', width: 70 },
          { title: UI.archive.unit, dataIndex: 'unitName', width: 100 },
          { title: UI.archive.doneAt, dataIndex: 'doneAt', width: 150, render: (t: string) => formatDateTime(new Date(t)) },
          { title: UI.archive.retention, width: 130, render: (_, p) => <Select size="small" value={retentionOf(p)} onChange={(v) => set(p.room, { retention: v })} options={RETENTIONS.map((r) => ({ value: r, label: RETENTION_NAMES[r] }))} style={{ width: 112 }} /> },
          { title: UI.archive.orgCode, width: 100, render: (_, p) => <Input size="small" value={orgOf(p)} maxLength={10} onChange={(e) => set(p.room, { org: e.target.value.toUpperCase().replace(/[^A-Z0-9]/g, '') })} /> },
        ]}
      />
    </>
  )
}

function CatalogueTab({ catalogue, checks, initialOpen, onOpenChange }: { catalogue: CatalogueEntry[]; checks: ReturnType<typeof useArchive>['checks']; initialOpen?: string; onOpenChange?: (code: string | null) => void }): React.JSX.Element {
  const engine = useEngine()
  const [q, setQ] = useState('')
  const [year, setYear] = useState<number | null>(null)
  const [retention, setRetention] = useState<Retention | null>(null)
  const [docType, setDocType] = useState<string | null>(null)
  const [classification, setClassification] = useState<string | null>(null)
  const [open, setOpenHere] = useState<string | null>(initialOpen ?? null)
  // the address follows the open record (#/archive/<档号>), and back / forward move it
  useEffect(() => setOpenHere(initialOpen ?? null), [initialOpen])
  const setOpen = (code: string | null): void => {
    setOpenHere(code)
    onOpenChange?.(code)
  }
  const [batch, setBatch] = useState<{ since: string; codes: string[] } | null>(null)
  const years = [...new Set(catalogue.map((e) => parseArchivalCode(e.code)?.year).filter((y): y is number => !!y))].sort()
  const shown = catalogue.filter((e) =>
    (!q || `${e.code} ${e.title} ${e.responsible} ${e.docNumber}`.includes(q.trim())) && (!year || parseArchivalCode(e.code)?.year === year) &&
    (!retention || e.retention === retention) && (!docType || e.docType === docType) && (!classification || e.classification === classification))
  const done = batch ? batch.codes.filter((c) => (checks[c]?.checkedAt ?? '') >= batch.since).length : 0
  const failed = batch ? batch.codes.filter((c) => (checks[c]?.checkedAt ?? '') >= batch.since && !checks[c]!.ok).length : 0
  const runBatch = async (): Promise<void> => {
    const codes = shown.filter((e) => e.status === 'filed').map((e) => e.code)
    // the server's clock stamps the reports: allow for a small difference with this machine's
    setBatch({ since: new Date(Date.now() - 60_000).toISOString(), codes })
    for (const code of codes) await engine.act('archive.check', ARCHIVE_ROOM, { code })
  }
  const entry = catalogue.find((e) => e.code === open)
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder={UI.archive.search} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} data-testid="catalogue-search" />
        <Select allowClear placeholder={UI.archive.year} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y}` }))} style={{ width: 100 }} />
        <Select allowClear placeholder={UI.archive.retention} value={retention} onChange={setRetention} options={RETENTIONS.map((r) => ({ value: r, label: RETENTION_NAMES[r] }))} style={{ width: 120 }} />
        <Select allowClear placeholder={UI.archive.docType} value={docType} onChange={setDocType} options={[...new Set(catalogue.map((e) => e.docType))].map((t) => ({ value: t, label: t }))} style={{ width: 100 }} />
        <Select allowClear placeholder={UI.archive.classification} value={classification} onChange={setClassification} options={['非密', '秘密', '机密', '绝密'].map((c) => ({ value: c, label: c }))} style={{ width: 100 }} />
        <Button onClick={() => void runBatch()} disabled={!shown.some((e) => e.status === 'filed')} data-testid="batch-check">{UI.archive.batchCheck}</Button>
      </Space>
      {batch && (
        <div style={{ marginBottom: 12 }} data-testid="batch-progress">
          <Typography.Text>{done < batch.codes.length ? UI.archive.batchProgress(done, batch.codes.length) : UI.archive.batchDone(failed)}</Typography.Text>
          <Progress percent={batch.codes.length ? Math.round((done / batch.codes.length) * 100) : 100} status={failed ? 'exception' : done < batch.codes.length ? 'active' : 'success'} />
        </div>
      )}
      <Table<CatalogueEntry>
        rowKey="code"
        size="small"
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(e) => ({ onClick: () => setOpen(e.code), style: { cursor: 'pointer' } })}
        data-testid="catalogue"
        columns={[
          { title: UI.archive.code, dataIndex: 'code', width: 250, render: (c: string) => <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{c}</Typography.Text> },
          { title: UI.archive.titleCol, dataIndex: 'title' },
          { title: UI.archive.responsible, dataIndex: 'responsible', width: 110 },
          { title: UI.archive.date, dataIndex: 'date', width: 130, render: formatRecordDate },
          { title: UI.archive.docType, dataIndex: 'docType', width: 60 },
          { title: UI.archive.retention, dataIndex: 'retention', width: 90, render: (r: Retention) => RETENTION_NAMES[r] },
          { title: UI.archive.classification, dataIndex: 'classification', width: 60 },
          {
            title: UI.archive.check, width: 90,
            render: (_, e) => e.status === 'signing' ? <Tag color="gold">{UI.archive.signing}</Tag> : checks[e.code] ? <Tag color={checks[e.code]!.ok ? 'green' : 'red'}>{resultName(checks[e.code]!.ok ? 'pass' : 'fail')}</Tag> : <Tag>{UI.archive.unchecked}</Tag>,
          },
        ]}
      />
      {entry && <RecordDrawer entry={entry} report={checks[entry.code]} onClose={() => setOpen(null)} />}
    </>
  )
}

function LoansTab({ loans }: { loans: Loan[] }): React.JSX.Element {
  const engine = useEngine()
  const directory = useDirectory()
  const track = useCommandFeedback()
  const [refusing, setRefusing] = useState<Loan | null>(null)
  const [reason, setReason] = useState('')
  const name = (id: string): string => directory.users.find((u) => u.id === id)?.name ?? id
  const today = agencyDay(new Date())
  const decide = (loan: Loan, approve: boolean, why = ''): void => {
    track(engine.act('archive.lend', ARCHIVE_ROOM, { loan: loan.id, approve, ...(why ? { reason: why } : {}) }))
  }
  return (
    <>
      <Table<Loan>
        rowKey="id"
        size="small"
        dataSource={loans}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: UI.archive.loansEmpty }}
        data-testid="loans"
        columns={[
          { title: UI.archive.code, dataIndex: 'code', width: 210 },
          { title: UI.archive.titleCol, dataIndex: 'title' },
          { title: UI.archive.borrower, dataIndex: 'borrower', width: 80, render: name },
          { title: UI.archive.reason, dataIndex: 'reason' },
          { title: UI.archive.period, width: 190, render: (_, l) => `${l.from} 至 ${l.until}` },
          {
            title: UI.archive.status, width: 200,
            render: (_, l) => l.status === 'requested' ? (
              <Space>
                <Button size="small" type="primary" onClick={() => decide(l, true)} data-testid={`lend-${l.id}`}>{UI.archive.approve}</Button>
                <Button size="small" danger onClick={() => { setReason(''); setRefusing(l) }}>{UI.archive.refuse}</Button>
              </Space>
            ) : (
              <Space>
                <Tag color={l.status === 'approved' ? (loanActive(l, today) ? 'green' : 'default') : 'red'}>{l.status === 'approved' && l.until < today ? UI.archive.expired : UI.archive.loanStatus[l.status]}</Tag>
                {l.views ? <Typography.Text type="secondary">{UI.archive.views(l.views)}</Typography.Text> : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={!!refusing} title={UI.archive.refuse} onCancel={() => setRefusing(null)} onOk={() => { if (refusing && reason.trim()) { decide(refusing, false, reason.trim()); setRefusing(null) } }}>
        <Input.TextArea rows={3} placeholder={UI.archive.refuseReason} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  )
}

/** `initialOpen`: a record (档号) to show at once in the 档案目录 (opened from a search result). */
export function ArchivePage({ initialOpen, onOpenChange }: { initialOpen?: string; onOpenChange?: (code: string | null) => void } = {}): React.JSX.Element {
  const engine = useEngine()
  const archive = useArchive()
  useAutoSign(archive.catalogue)
  usePackagesOffline(archive.catalogue)
  const outbox = useLiveQuery(() => engine.db.outbox.where('room').equals(ARCHIVE_ROOM).toArray(), [engine])
  const rejected = (outbox ?? []).filter((r) => r.status === 'rejected')
  const requested = useMemo(() => archive.loans.filter((l) => l.status === 'requested').length, [archive.loans])
  const [tab, setTab] = useState(initialOpen ? 'catalogue' : 'pending')
  useEffect(() => {
    if (initialOpen) setTab('catalogue')
  }, [initialOpen])
  return (
    <Card title={UI.archive.title} extra={archive.settings && <Typography.Text type="secondary">{archive.settings.fondsName}（全宗号 {archive.settings.fondsCode}）</Typography.Text>}>
      <RejectedCommands rows={rejected} title={UI.commands.rejectedTitle} testId="archive-rejected" label={(r) => r.payload.code ?? r.payload.doc ?? ''} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'pending', label: <span data-testid="tab-pending">{UI.archive.tabPending}（{archive.pending.length}）</span>, children: <PendingTab pending={archive.pending} /> },
          { key: 'catalogue', label: <span data-testid="tab-catalogue">{UI.archive.tabCatalogue}（{archive.catalogue.length}）</span>, children: <CatalogueTab catalogue={archive.catalogue} checks={archive.checks} initialOpen={initialOpen} onOpenChange={onOpenChange} /> },
          { key: 'receive', label: <span data-testid="tab-receive">{UI.archive.tabReceive}</span>, children: <ReceiveTab /> },
          { key: 'loans', label: <span data-testid="tab-loans">{UI.archive.tabLoans}{requested ? `（${requested}）` : ''}</span>, children: <LoansTab loans={archive.loans} /> },
        ]}
      />
    </Card>
  )
}
