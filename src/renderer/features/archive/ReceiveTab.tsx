// 移交与接收: a transfer bag (a folder) checked here, with no server — first as a BagIt bag (RFC
// 8493: every file listed, every checksum right), then each package it carries, item by item (YJ).
import { Alert, Button, Collapse, Space, Tag, Typography } from 'antd'
import { useRef, useState } from 'react'
import { readBag, type BagProblem } from '../../../core/archive/bagit'
import { checkPackage, type CheckReport } from '../../../core/archive/fourChecks'
import { UI } from '../../../core/messages/ui'
import { useTrust } from '../../sync/hooks'
import { CheckItems } from './CheckItems'

/** What the browser lets one pick at once: a bag bigger than this is checked with `zt archive check`. */
const MAX_BAG_BYTES = 1 << 30

interface Received { files: number; bytes: number; problems: BagProblem[]; reports: { name: string; report: CheckReport }[] }

export function ReceiveTab(): React.JSX.Element {
  const trust = useTrust()
  const input = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [received, setReceived] = useState<Received | null>(null)

  const pick = async (list: FileList | null): Promise<void> => {
    if (!list?.length) return
    setError(null)
    setReceived(null)
    const files = [...list]
    const total = files.reduce((n, f) => n + f.size, 0)
    if (total > MAX_BAG_BYTES) return setError(UI.archive.bagTooLarge)
    setBusy(true)
    try {
      // paths inside the bag: drop the folder's own name
      const bag = new Map<string, Uint8Array>()
      for (const f of files) bag.set(f.webkitRelativePath.split('/').slice(1).join('/'), new Uint8Array(await f.arrayBuffer()))
      const read = readBag(bag)
      const packages = [...read.payload].filter(([name]) => name.endsWith('.xml'))
      const catalogue = packages.map(([name]) => ({ code: name.replace(/\.xml$/, ''), recordId: name }))
      const now = new Date()
      const reports = packages.map(([name, bytes]) => ({
        name, report: checkPackage(bytes, { now, stage: 'YJ', catalogue: catalogue.filter((c) => c.recordId !== name), ...(trust?.root ? { trustedRoot: trust.root } : {}) }),
      }))
      setReceived({ files: files.length, bytes: total, problems: read.problems, reports })
    } finally {
      setBusy(false)
      if (input.current) input.current.value = ''
    }
  }

  const failed = received ? received.reports.filter((r) => !r.report.ok).length : 0
  return (
    <div data-testid="receive">
      <Typography.Paragraph type="secondary">{UI.archive.receiveIntro}</Typography.Paragraph>
      <input ref={input} type="file" multiple style={{ display: 'none' }} onChange={(e) => void pick(e.target.files)} data-testid="receive-input"
        {...{ webkitdirectory: '', directory: '' }} />
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" loading={busy} onClick={() => input.current?.click()}>{UI.archive.receivePick}</Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {received && (
        <>
          <Alert
            type={received.problems.length || failed ? 'error' : 'success'} showIcon style={{ marginBottom: 12 }} data-testid="receive-verdict"
            title={received.problems.length ? UI.archive.bagBroken(received.problems.length) : UI.archive.bagOk(received.reports.length, failed)}
            description={received.problems.length ? <ul>{received.problems.slice(0, 20).map((p, i) => <li key={i}>{p.message}</li>)}</ul> : undefined}
          />
          <Collapse items={received.reports.map((r) => ({
            key: r.name,
            label: <Space><span>{r.report.archivalCode || r.name}</span><Tag color={r.report.ok ? 'green' : 'red'}>{r.report.ok ? UI.archive.passed : UI.archive.failed}</Tag></Space>,
            children: <CheckItems items={r.report.items} />,
          }))} />
        </>
      )}
    </div>
  )
}
