// 验章: open a sealed-document export or an OFD and verify every seal in it on this machine, against
// the agency root this machine holds (from the directory), with no server involved.
import { UploadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Typography, Upload } from 'antd'
import { useState } from 'react'
import { verifySealedPackage, type PackageReport } from '../../../core/seal'
import { OFD_XML, unzipEntries, verifyOfd } from '../../../core/ofd'
import type { DirectoryTrust } from '../../../core/directory/trust'
import { UI } from '../../../core/messages/ui'
import { useTrust } from '../../sync/hooks'
import { VerifySteps } from './VerifySteps'

export function VerifyPage(): React.JSX.Element {
  const trust = useTrust()
  const [report, setReport] = useState<(PackageReport & { file: string }) | null>(null)
  return (
    <Card title={UI.verify.title}>
      <Typography.Paragraph>{UI.verify.intro}</Typography.Paragraph>
      <Upload
        accept=".zip,.ofd"
        showUploadList={false}
        beforeUpload={(file) => {
          void file.arrayBuffer().then((buf) => setReport({ ...verifyFile(new Uint8Array(buf), trust), file: file.name }))
          return false
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="verify-pick">{UI.verify.pick}</Button>
      </Upload>
      {report && (
        <div style={{ marginTop: 16 }} data-testid="verify-result">
          <Alert
            type={report.ok ? 'success' : 'error'}
            showIcon
            title={`${report.file}：${report.ok ? UI.verify.ok : UI.verify.failed}`}
            description={[report.title && `${report.title}${report.docNumber ? `（${report.docNumber}）` : ''}`, `${UI.verify.root}：${report.rootFingerprint ?? '—'}${report.rootTrusted === false ? `（${UI.verify.rootUnknown}）` : ''}`, ...report.problems].filter(Boolean).map((l) => <div key={l as string}>{l}</div>)}
            style={{ marginBottom: 12 }}
          />
          {report.signatures.map((s, i) => <VerifySteps key={i} report={s} />)}
        </div>
      )}
    </Card>
  )
}

/** An OFD (it has OFD.xml) or a zt-sealed package, checked against this machine's root only. */
function verifyFile(bytes: Uint8Array, trust: DirectoryTrust | null): PackageReport {
  const roots = trust?.root ? [trust.root] : []
  const isOfd = unzipEntries(bytes)?.some(([name]) => name === OFD_XML) ?? false
  return isOfd ? verifyOfd(bytes, { roots, revokedAt: (s) => trust?.revokedAt(s) }) : verifySealedPackage(bytes, roots)
}
