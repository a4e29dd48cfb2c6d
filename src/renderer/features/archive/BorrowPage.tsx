// 借阅: anyone asks to read a filed record (档号, reason, period); once the archivist approves, the
// 正本 is shown here — fetched each time, never kept, and logged by the server — until the period
// ends by itself.
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Input, Table, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { ARCHIVE_ROOM, loanActive, type Loan } from '../../../core/archive/catalogue'
import { agencyDay } from '../../../core/text/formatDate'
import { parseArchivalCode } from '../../../core/archive/archivalCode'
import { errorMessage } from '../../../core/messages/errors'
import { UI } from '../../../core/messages/ui'
import { useLiveQuery } from '../../store'
import { useEngine, useMyLoans } from '../../sync/hooks'
import { ApiError } from '../../sync/api'
import { RejectedCommands } from '../shell/RejectedCommands'
import { PdfViewer } from './PdfViewer'
import { useCommandFeedback } from '../shell/useCommandFeedback'

interface BorrowFields { code: string; reason: string; period: [Dayjs, Dayjs] }

export function BorrowPage(): React.JSX.Element {
  const engine = useEngine()
  const loans = useMyLoans()
  const { message } = AntApp.useApp()
  const track = useCommandFeedback()
  const [form] = Form.useForm<BorrowFields>()
  const [reading, setReading] = useState<{ loan: Loan; pdf: Uint8Array } | null>(null)
  const today = agencyDay(new Date())
  const outbox = useLiveQuery(() => engine.db.outbox.where('room').equals(ARCHIVE_ROOM).toArray(), [engine])
  const rejected = (outbox ?? []).filter((r) => r.status === 'rejected' && r.command?.type === 'archive.borrow')

  const submit = (): void => {
    void form.validateFields().then(async (f) => {
      const acted = engine.act('archive.borrow', ARCHIVE_ROOM, { code: f.code.trim(), reason: f.reason.trim(), from: f.period[0].format('YYYY-MM-DD'), until: f.period[1].format('YYYY-MM-DD') })
      track(acted, UI.archive.borrowSent)
      if (await acted.then(() => true, () => false)) form.resetFields()
    })
  }
  const read = async (loan: Loan): Promise<void> => {
    try {
      setReading({ loan, pdf: await engine.archiveOriginal(loan.code) })
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : errorMessage('network'))
    }
  }

  return (
    <Card title={UI.archive.borrowTitle}>
      <Typography.Paragraph type="secondary">{UI.archive.borrowIntro}</Typography.Paragraph>
      <RejectedCommands rows={rejected} title={UI.commands.rejectedTitle} testId="borrow-rejected" label={(r) => r.payload.code ?? ''} />
      <Form form={form} layout="inline" requiredMark={false} initialValues={{ period: [dayjs(), dayjs().add(7, 'day')] }} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="code" label={UI.archive.code} rules={[{ required: true, message: UI.archive.required }, { validator: (_, v: string) => (!v || parseArchivalCode(v.trim()) ? Promise.resolve() : Promise.reject(new Error(errorMessage('no_such_record')))) }]}>
          <Input style={{ width: 230 }} placeholder="Z109-WS·2026-D30-BGS-0001" data-testid="borrow-code" />
        </Form.Item>
        <Form.Item name="reason" label={UI.archive.reason} rules={[{ required: true, whitespace: true, message: UI.archive.required }, { max: 200 }]}>
          <Input style={{ width: 220 }} data-testid="borrow-reason" />
        </Form.Item>
        <Form.Item name="period" label={UI.archive.period} rules={[{ required: true, message: UI.archive.required }]}>
          <DatePicker.RangePicker disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
        </Form.Item>
        <Button type="primary" onClick={submit} data-testid="borrow-submit">{UI.archive.borrowSubmit}</Button>
      </Form>
      <Typography.Title level={5}>{UI.archive.myLoans}</Typography.Title>
      <Table<Loan>
        rowKey="id"
        size="small"
        dataSource={loans}
        pagination={false}
        locale={{ emptyText: UI.archive.loansEmpty }}
        data-testid="my-loans"
        columns={[
          { title: UI.archive.code, dataIndex: 'code', width: 210 },
          { title: UI.archive.titleCol, dataIndex: 'title' },
          { title: UI.archive.period, width: 190, render: (_, l) => `${l.from} 至 ${l.until}` },
          {
            title: UI.archive.status, width: 220,
            render: (_, l) => (
              <>
                <Tag color={l.status === 'approved' ? (loanActive(l, today) ? 'green' : 'default') : l.status === 'refused' ? 'red' : 'gold'}>
                  {l.status === 'approved' && l.until < today ? UI.archive.expired : UI.archive.loanStatus[l.status]}
                </Tag>
                {l.refusal && <Typography.Text type="secondary">{l.refusal}</Typography.Text>}
                {loanActive(l, today) && <Button size="small" type="link" onClick={() => void read(l)} data-testid={`read-${l.code}`}>{UI.archive.read}</Button>}
              </>
            ),
          },
        ]}
      />
      {!navigator.onLine && <Alert style={{ marginTop: 12 }} type="info" showIcon title={errorMessage('network')} />}
      <PdfViewer bytes={reading?.pdf ?? null} title={reading ? `${reading.loan.code} ${reading.loan.title}` : ''} onClose={() => setReading(null)} />
    </Card>
  )
}
