// The 版式 tab's buttons: 导出 PDF, 导出 OFD and 打印, the same in the desktop and the browser build
// (the host saves or downloads; the desktop prints through Electron, the browser through its dialog).
import { FilePdfOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Space } from 'antd'
import { useEffect, useState } from 'react'
import type { BridgeResult } from '../../../core/bridge/contract'
import { UI } from '../../../core/messages/ui'
import { host } from '../../platform/host'
import { exportOfd, exportPdf, type ExportSource } from './exportDoc'

export function PageActions({ source }: { source: ExportSource }): React.JSX.Element {
  const { message } = AntApp.useApp()
  const [busy, setBusy] = useState<'pdf' | 'ofd' | null>(null)
  const [desktop, setDesktop] = useState(false)
  useEffect(() => {
    void host['app.info']().then((i) => setDesktop(i.host === 'desktop'), () => undefined)
  }, [])

  const run = async (kind: 'pdf' | 'ofd'): Promise<void> => {
    setBusy(kind)
    const key = `export-${kind}`
    message.loading({ key, content: kind === 'pdf' ? UI.page.pdfMaking : UI.page.ofdMaking, duration: 0 })
    let r: BridgeResult<'file.save'>
    try {
      r = await (kind === 'pdf' ? exportPdf(source) : exportOfd(source))
    } finally {
      setBusy(null)
    }
    const path = r.path ?? ''
    // a cancelled save dialog is neither success nor failure
    if (r.saved) message.success({ key, content: kind === 'pdf' ? (desktop ? UI.docs.pdfSaved(path) : UI.page.pdfDownloaded(path)) : desktop ? UI.page.saved(path) : UI.page.downloaded(path) })
    else if (r.error) message.error({ key, content: kind === 'pdf' ? UI.docs.pdfFailed(r.error) : UI.page.exportFailed(r.error) })
    else message.destroy(key)
  }
  const print = async (): Promise<void> => {
    const r = await host['page.print']().catch((err: unknown) => ({ printed: false, error: err instanceof Error ? err.message : String(err) }))
    if (r.error) message.error(UI.page.printFailed(r.error))
  }

  return (
    <Space style={{ marginBottom: 8 }}>
      <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} disabled={busy !== null} onClick={() => void run('pdf')} data-testid="export-pdf">{UI.form.exportPdf}</Button>
      <Button icon={<FileTextOutlined />} loading={busy === 'ofd'} disabled={busy !== null} onClick={() => void run('ofd')} data-testid="export-ofd">{UI.page.exportOfd}</Button>
      <Button icon={<PrinterOutlined />} title={UI.page.printHint} onClick={() => void print()} data-testid="print-page">{UI.page.print}</Button>
    </Space>
  )
}
