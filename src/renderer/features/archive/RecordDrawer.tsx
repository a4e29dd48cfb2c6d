// One filed record: its catalogue entry, its latest 四性检测 (the verification panel), and what an
// archivist does with it — check again, read the 正本 (from the package kept on this machine, so
// offline too), export the package or the report as PDF.
import { Alert, App as AntApp, Button, Descriptions, Drawer, Form, Input, Modal, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { ARCHIVE_ROOM, type CatalogueEntry } from '../../../core/archive/catalogue'
import { RETENTION_NAMES } from '../../../core/archive/archivalCode'
import { readEep } from '../../../core/archive/eepRead'
import { FILE_NAMES } from '../../../core/archive/recordFiles'
import type { CheckReport } from '../../../core/archive/fourChecks'
import { fromUtf8 } from '../../../core/crypto/bytes'
import { layoutCheckReport } from '../../../core/layout'
import { UI } from '../../../core/messages/ui'
import { formatDateTime, formatRecordDate } from '../../../core/text/formatDate'
import { host } from '../../platform/host'
import type { BridgeArg } from '../../../core/bridge/contract'
import { useEngine } from '../../sync/hooks'
import { CheckItems } from './CheckItems'
import { PdfViewer } from './PdfViewer'
import { ScreenWatermark } from '../shell/ScreenWatermark'
import { useCommandFeedback } from '../shell/useCommandFeedback'

export function RecordDrawer({ entry, report, onClose }: { entry: CatalogueEntry; report?: CheckReport; onClose: () => void }): React.JSX.Element {
  const engine = useEngine()
  const { message } = AntApp.useApp()
  const track = useCommandFeedback()
  const [pdf, setPdf] = useState<Uint8Array | null>(null)
  const [correcting, setCorrecting] = useState(false)
  const [form] = Form.useForm<{ responsible: string; note?: string; reason: string }>()
  const correct = (): void => {
    void form.validateFields().then(async (f) => {
      const changes = { responsible: f.responsible.trim(), ...(f.note !== undefined ? { note: f.note.trim() } : {}) }
      const acted = engine.act('archive.revise', ARCHIVE_ROOM, { code: entry.code, reason: f.reason.trim(), changes })
      track(acted, UI.archive.revising)
      if (await acted.then(() => true, () => false)) setCorrecting(false)
    })
  }

  const packageBytes = (): Promise<Uint8Array> =>
    engine.blob(ARCHIVE_ROOM, { sm3: entry.packageSm3!, name: `${entry.code}.xml`, size: entry.packageSize ?? 0 })

  const openOriginal = async (): Promise<void> => {
    try {
      const read = readEep(fromUtf8(await packageBytes()))
      const original = read.ok ? read.eep.carried.find((f) => f.name === FILE_NAMES.original)?.bytes : null
      if (!original) throw new Error('no original')
      setPdf(original)
    } catch {
      message.error(navigator.onLine ? UI.files.corrupt : UI.files.offlineMissing)
    }
  }

  const exportPackage = async (): Promise<void> => {
    try {
      const url = URL.createObjectURL(new Blob([(await packageBytes()) as Uint8Array<ArrayBuffer>], { type: 'application/xml' }))
      const a = document.createElement('a')
      a.href = url
      a.download = `${entry.code}.xml`
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch {
      message.error(navigator.onLine ? UI.files.corrupt : UI.files.offlineMissing)
    }
  }

  const exportReport = async (): Promise<void> => {
    if (!report) return
    const saved = await host['pdf.save']({ model: layoutCheckReport(report, entry.title) as BridgeArg<'pdf.save'>['model'], fileName: `${entry.code}-四性检测报告.pdf`, date: report.checkedAt })
    // the desktop writes it where the user chose; the browser build draws it in the page and downloads it
    if (saved.saved) message.success(UI.archive.reportSaved(saved.path ?? ''))
    else if (saved.error) message.error(UI.docs.pdfFailed(saved.error))
  }

  return (
    <Drawer open title={entry.title} size={760} onClose={onClose} data-testid="record-drawer">
      <ScreenWatermark testId="record-watermark">
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={UI.archive.code} span={2}><Typography.Text copyable strong>{entry.code}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={UI.archive.responsible}>{entry.responsible}</Descriptions.Item>
        <Descriptions.Item label={UI.archive.date}>{formatRecordDate(entry.date)}</Descriptions.Item>
        <Descriptions.Item label={UI.archive.docType}>{entry.docType}</Descriptions.Item>
        <Descriptions.Item label={UI.flow.docNumber}>{entry.docNumber || '—'}</Descriptions.Item>
        <Descriptions.Item label={UI.archive.retention}>{RETENTION_NAMES[entry.retention]}</Descriptions.Item>
        <Descriptions.Item label={UI.archive.classification}>{entry.classification}</Descriptions.Item>
        <Descriptions.Item label={UI.archive.status}>{entry.status === 'filed' ? <Tag color="green">{UI.archive.filed}</Tag> : <Tag color="gold">{UI.archive.signing}</Tag>}</Descriptions.Item>
        <Descriptions.Item label="SM3">{entry.packageSm3 ? <Typography.Text code style={{ fontSize: 11 }}>{entry.packageSm3.slice(0, 32)}…</Typography.Text> : '—'}</Descriptions.Item>
      </Descriptions>
      <Space style={{ margin: '12px 0' }} wrap>
        <Button type="primary" disabled={!entry.packageSm3} onClick={() => void openOriginal()} data-testid="open-original">{UI.archive.openOriginal}</Button>
        <Button disabled={entry.status !== 'filed'} onClick={() => track(engine.act('archive.check', ARCHIVE_ROOM, { code: entry.code }))} data-testid="recheck">{UI.archive.recheck}</Button>
        <Button disabled={!entry.packageSm3} onClick={() => void exportPackage()}>{UI.archive.downloadPackage}</Button>
        <Button disabled={!report} onClick={() => void exportReport()} data-testid="export-report">{UI.archive.reportPdf}</Button>
        <Button disabled={entry.status !== 'filed'} onClick={() => { form.setFieldsValue({ responsible: entry.responsible, reason: '' }); setCorrecting(true) }} data-testid="correct">{UI.archive.correct}</Button>
      </Space>
      {(entry.revisions ?? []).map((r, i) => (
        <Alert key={r.previousSm3} type="info" style={{ marginBottom: 8 }} title={UI.archive.revisionLine(i + 1, formatDateTime(new Date(r.at)), r.reason)} />
      ))}
      <Typography.Title level={5}>{UI.archive.check}</Typography.Title>
      {report ? (
        <>
          <Alert type={report.ok ? 'success' : 'error'} showIcon style={{ marginBottom: 8 }} data-testid="check-verdict"
            title={`${report.ok ? UI.archive.passed : UI.archive.failed} · ${UI.archive.checkedAt(formatDateTime(new Date(report.checkedAt)))}`} />
          <CheckItems items={report.items} />
        </>
      ) : <Alert type="info" title={UI.archive.unchecked} />}
      </ScreenWatermark>
      <Modal open={correcting} title={UI.archive.correct} onCancel={() => setCorrecting(false)} onOk={correct} destroyOnHidden>
        <Typography.Paragraph type="secondary">{UI.archive.correctIntro}</Typography.Paragraph>
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item name="responsible" label={UI.archive.responsible} rules={[{ required: true, whitespace: true, message: UI.archive.required }, { max: 200 }]}><Input /></Form.Item>
          <Form.Item name="note" label={UI.archive.note}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          <Form.Item name="reason" label={UI.archive.correctReason} rules={[{ required: true, whitespace: true, message: UI.archive.required }, { max: 500 }]}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
      <PdfViewer bytes={pdf} title={`${entry.code} ${entry.title}`} onClose={() => setPdf(null)} />
    </Drawer>
  )
}
