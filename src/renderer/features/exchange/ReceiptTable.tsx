// The sender's receipt table of a distributed 公文: one line per receiving unit (主送 / 抄送) or
// person — 已送达, 已签收 or 已退文 with the times and the reason — live from the room's `receipts`.
import { Card, Table, Tag } from 'antd'
import type * as Y from 'yjs'
import { EXCHANGE_ROLE_NAMES, RECEIPT_STATUS_NAMES, readReceipts, type Receipt } from '../../../core/docflow/exchange'
import { UI } from '../../../core/messages/ui'
import { formatDateTime } from '../../../core/text/formatDate'
import { useDocValue } from '../../sync/hooks'

const NONE: Receipt[] = []
const COLOURS = { delivered: 'blue', received: 'green', returned: 'red' } as const

export function useReceipts(doc: Y.Doc | null | undefined): Receipt[] {
  return useDocValue(doc, readReceipts, NONE)
}

export function ReceiptTable({ receipts }: { receipts: Receipt[] }): React.JSX.Element {
  const t = UI.exchange
  const time = (iso?: string): string => (iso ? formatDateTime(new Date(iso)) : '—')
  return (
    <Card size="small" title={t.receiptsTitle} style={{ marginBottom: 12 }} data-testid="receipts">
      <Table<Receipt>
        size="small"
        rowKey="room"
        pagination={false}
        dataSource={receipts}
        onRow={(r) => ({ 'data-testid': `receipt-${r.unitId ?? r.holder}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t.colUnit, dataIndex: 'name' },
          { title: t.colRole, render: (_, r) => EXCHANGE_ROLE_NAMES[r.role] },
          { title: t.colStatus, render: (_, r) => <Tag color={COLOURS[r.status]} data-testid="receipt-status">{RECEIPT_STATUS_NAMES[r.status]}</Tag> },
          { title: t.colDelivered, render: (_, r) => time(r.deliveredAt) },
          { title: t.colAnswered, render: (_, r) => time(r.receivedAt ?? r.returnedAt) },
          { title: t.colHolder, dataIndex: 'holderName' },
          { title: t.colReason, render: (_, r) => r.reason ?? '' },
        ]}
      />
    </Card>
  )
}
