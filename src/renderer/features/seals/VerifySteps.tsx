// One sealed signature's verification, step by step (GB/T 38540 §8 as our verifier runs it).
import { CheckCircleFilled, CloseCircleFilled, MinusCircleFilled } from '@ant-design/icons'
import { Descriptions, List, Tag } from 'antd'
import type { VerifyReport } from '../../../core/seal'
import { parseCertificate } from '../../../core/pki/certificate'
import { UI } from '../../../core/messages/ui'
import { formatDateTime } from '../../../core/text/formatDate'

export function VerifySteps({ report }: { report: VerifyReport }): React.JSX.Element {
  const sig = report.signature
  const signer = sig ? (parseCertificate(sig.signerCert).subject.commonName ?? '') : ''
  return (
    <div className="verify-steps" data-testid="verify-report" data-ok={report.ok}>
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={UI.seal.sealName}>{sig?.seal.info.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={UI.seal.signer}>{signer || '—'}</Descriptions.Item>
        <Descriptions.Item label={UI.seal.at}>{sig ? formatDateTime(sig.timeInfo) : '—'}</Descriptions.Item>
      </Descriptions>
      <Tag color={report.ok ? 'green' : 'red'} style={{ marginBottom: 8 }}>{report.ok ? UI.seal.verified : `${UI.seal.failed}：${report.failed?.name ?? ''}`}</Tag>
      <List
        size="small"
        dataSource={report.steps}
        renderItem={(s) => (
          <List.Item data-step={s.id} data-ok={String(s.ok)}>
            <span style={{ width: 24, display: 'inline-block' }}>
              {s.ok === true ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : s.ok === false ? <CloseCircleFilled style={{ color: '#cf1322' }} /> : <MinusCircleFilled style={{ color: '#999' }} />}
            </span>
            <span style={{ width: 250, display: 'inline-block' }}>（{s.step}）{s.name}</span>
            <span style={{ color: s.ok === false ? '#cf1322' : 'rgba(0,0,0,0.65)' }}>{s.reason}</span>
          </List.Item>
        )}
      />
    </div>
  )
}
