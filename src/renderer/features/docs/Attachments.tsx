// A document's attachments: stored by SM3, kept on this machine once fetched (so they open
// offline), added by whoever may edit — the bytes are saved here first and uploaded when online.
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons'
import { App as AntApp, Button, List, Space, Tag, Typography, Upload } from 'antd'
import { useEffect } from 'react'
import type * as Y from 'yjs'
import type { FileRef } from '../../../core/docflow'
import { UI } from '../../../core/messages/ui'
import { useLiveQuery } from '../../store'
import { useDocValue, useEngine, useSyncStatus } from '../../sync/hooks'

const MAX_BYTES = 20 * 1024 * 1024

const readFiles = (doc: Y.Doc): FileRef[] => doc.getArray<FileRef>('files').toArray()
const NO_FILES: FileRef[] = []

const size = (n: number): string => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`)

export function Attachments({ room, doc, editable }: { room: string; doc: Y.Doc; editable: boolean }): React.JSX.Element {
  const engine = useEngine()
  const { online } = useSyncStatus()
  const { message } = AntApp.useApp()
  const files = useDocValue(doc, readFiles, NO_FILES)
  const cached = useLiveQuery(() => engine.db.blobs.where('sm3').anyOf(files.map((f) => f.sm3)).primaryKeys(), [engine, files])
  const local = new Set(cached ?? [])

  // fetch what is missing while online, so the attachments open offline later
  useEffect(() => {
    if (!online || !cached) return
    for (const f of files) if (!cached.includes(f.sm3)) void engine.blob(room, f).catch(() => undefined)
  }, [online, cached, files, engine, room])

  const open = async (f: FileRef): Promise<void> => {
    try {
      const bytes = await engine.blob(room, f)
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]))
      const a = document.createElement('a')
      a.href = url
      a.download = f.name
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch {
      message.error(online ? UI.files.corrupt : UI.files.offlineMissing)
    }
  }

  return (
    <div className="attachments" data-testid="attachments">
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong><PaperClipOutlined /> {UI.files.title}</Typography.Text>
        {editable && (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > MAX_BYTES) {
                message.error(UI.files.tooLarge)
                return false
              }
              void file.arrayBuffer().then((buf) => engine.attach(room, file.name, new Uint8Array(buf))).then(
                (ref) => message.success(UI.files.added(ref.name)),
                () => message.error(UI.files.failed),
              )
              return false
            }}
          >
            <Button size="small" icon={<UploadOutlined />} data-testid="attach">{UI.files.add}</Button>
          </Upload>
        )}
      </Space>
      {files.length > 0 && (
        <List
          size="small"
          dataSource={files}
          renderItem={(f) => (
            <List.Item actions={[<Button key="open" size="small" type="link" onClick={() => void open(f)}>{UI.files.download}</Button>]}>
              <Space>
                <span>{f.name}</span>
                <Typography.Text type="secondary">{size(f.size)} · SM3 {f.sm3.slice(0, 12)}…</Typography.Text>
                {local.has(f.sm3) ? <Tag color="green">{UI.files.local}</Tag> : <Tag>{UI.files.remote}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  )
}
