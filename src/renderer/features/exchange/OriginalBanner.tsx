// A copy received by 分发 is the 正本: who sent it, under which 文号 and 成文日期, and that nobody
// here may change it (the relay refuses any edit; the page offers none).
import { Alert, Descriptions } from 'antd'
import { EXCHANGE_ROLE_NAMES, type OriginalFacts } from '../../../core/docflow/exchange'
import { UI } from '../../../core/messages/ui'

export function OriginalBanner({ original }: { original: OriginalFacts }): React.JSX.Element {
  const t = UI.exchange
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="original-banner"
      title={t.originalTitle}
      description={
        <>
          <div style={{ marginBottom: 6 }}>{t.originalNote(original.sourceOrg, original.senderUnit)}</div>
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t.sourceOrg}>{original.sourceOrg}</Descriptions.Item>
            <Descriptions.Item label={t.sourceNumber}><span data-testid="original-docnumber">{original.docNumber || '—'}</span></Descriptions.Item>
            <Descriptions.Item label={t.issueDate}>{original.issueDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t.senderUnit}>{original.senderUnit}</Descriptions.Item>
            <Descriptions.Item label={t.addressed}>{EXCHANGE_ROLE_NAMES[original.role]}{original.unitName ? ` · ${original.unitName}` : ''}</Descriptions.Item>
          </Descriptions>
        </>
      }
    />
  )
}
