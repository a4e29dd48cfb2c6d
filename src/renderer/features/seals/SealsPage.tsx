// 印章管理 (for the 印章管理员): the registry with each seal's picture, holders, validity and state;
// making a seal, changing its holders (a new version), suspending, resuming, revoking — each a
// signed command — and the 用印日志 of every seal applied.
import type { PayloadOf } from '../../../core/command/registry'
import type { SealCommandType, SealTypeName } from '../../../core/seal/commands'
import { PlusOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Upload } from 'antd'
import { useMemo, useState } from 'react'
import { SEAL_STATUS_NAMES, SEAL_TYPES, pictureProblem, type SealRecord, type UploadedPicture } from '../../../core/seal'
import { errorMessage } from '../../../core/messages/errors'
import { fromBase64, toBase64 } from '../../../core/pki/der'
import { parseSeal } from '../../../core/seal/ses'
import { fromUtf8 } from '../../../core/crypto/bytes'
import { DIRECTORY_ROOM, SEALS_ROOM } from '../../../core/sync/roomName'
import { certifiedUsers } from '../../../core/directory/trust'
import { useLiveQuery } from '../../store'
import { useCommandFeedback } from '../shell/useCommandFeedback'
import { RejectedCommands } from '../shell/RejectedCommands'
import { UI } from '../../../core/messages/ui'
import { formatDateTime } from '../../../core/text/formatDate'
import { useDirectory, useEngine, useRoomValue, useSeals } from '../../sync/hooks'
import type * as Y from 'yjs'
import { PeoplePicker } from '../flow/PeoplePicker'

interface LogEntry { seq: number; esID: string; sealName: string; by: string; room: string; title: string; docNumber: string; at: string }

const readLog = (doc: Y.Doc): LogEntry[] => doc.getArray<LogEntry>('log').toArray()
const NO_LOG: LogEntry[] = []
const NO_ONE: ReadonlySet<string> = new Set()

const STATUS_COLOUR: Record<string, string> = { active: 'green', suspended: 'gold', revoked: 'red', superseded: 'default' }

function SealPicture({ der }: { der: string }): React.JSX.Element | null {
  const src = useMemo(() => {
    try {
      const p = parseSeal(fromBase64(der)).info.picture
      return p.type === 'svg' ? `data:image/svg+xml;utf8,${encodeURIComponent(fromUtf8(p.data))}` : p.type === 'png' ? `data:image/png;base64,${toBase64(p.data)}` : null
    } catch {
      return null
    }
  }, [der])
  return src ? <img src={src} alt="" width={48} height={48} /> : null
}

export function SealsPage(): React.JSX.Element {
  const engine = useEngine()
  const { message } = AntApp.useApp()
  const seals = useSeals()
  const directory = useDirectory()
  const name = (id: string): string => directory.users.find((u) => u.id === id)?.name ?? id
  const [creating, setCreating] = useState(false)
  const [holdersOf, setHoldersOf] = useState<SealRecord | null>(null)
  const [holders, setHolders] = useState<string[]>([])
  const [form] = Form.useForm<{ name: string; typeName: SealTypeName; holders: string[]; validEnd: { format(f: string): string } }>()
  const log = useRoomValue(SEALS_ROOM, readLog, NO_LOG)
  const [filter, setFilter] = useState('')
  const [picture, setPicture] = useState<UploadedPicture | undefined>()

  const track = useCommandFeedback()
  const certified = useRoomValue(DIRECTORY_ROOM, certifiedUsers, NO_ONE)
  const refused = useLiveQuery(() => engine.db.outbox.where('room').equals(SEALS_ROOM).filter((r) => r.status === 'rejected').toArray(), [engine]) ?? []
  /** Signs and sends; false (nothing signed, the form kept) when the server's rule would refuse it. */
  const send = <K extends SealCommandType>(type: K, payload: PayloadOf<K>): boolean => {
    // the server's 持章人 rule, judged before signing: a holder must have a certificate
    const holders = 'holders' in payload ? payload.holders : []
    const uncertified = holders.find((h) => !certified.has(h))
    if (uncertified) {
      message.error(errorMessage('holder_no_cert', { name: name(uncertified) }))
      return false
    }
    track(engine.act(type, SEALS_ROOM, payload))
    return true
  }

  return (
    <Card title={UI.seals.title} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="seal-create">{UI.seals.create}</Button>}>
      <RejectedCommands rows={refused} title={UI.commands.rejectedTitle} testId="seal-rejected" label={(r) => r.payload.name ?? r.payload.esID ?? ''} />
      <Tabs
        items={[
          {
            key: 'seals',
            label: UI.seals.title,
            children: (
              <Table<SealRecord>
                rowKey="esID"
                dataSource={[...seals].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
                locale={{ emptyText: UI.seals.empty }}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: '', width: 64, render: (_, s) => <SealPicture der={s.der} /> },
                  { title: UI.seals.name, dataIndex: 'name', render: (n: string, s) => <span data-testid={`seal-row-${s.esID}`}>{n}<br /><small style={{ color: '#999' }}>{s.esID}</small></span> },
                  { title: UI.seals.type, dataIndex: 'typeName', width: 90 },
                  { title: UI.seals.holders, render: (_, s) => s.holders.map(name).join('、') },
                  { title: UI.seals.validUntil, width: 200, render: (_, s) => `${s.validStart} 至 ${s.validEnd}` },
                  { title: UI.seals.status, width: 120, render: (_, s) => <Tag color={STATUS_COLOUR[s.status]}>{SEAL_STATUS_NAMES[s.status]}</Tag> },
                  {
                    title: UI.seals.actions, width: 240,
                    render: (_, s) => (
                      <Space size={4}>
                        {(s.status === 'active' || s.status === 'suspended') && <Button size="small" onClick={() => { setHoldersOf(s); setHolders(s.holders) }}>{UI.seals.changeHolders}</Button>}
                        {s.status === 'active' && <Button size="small" onClick={() => send('seal.suspend', { esID: s.esID })}>{UI.seals.suspend}</Button>}
                        {s.status === 'suspended' && <Button size="small" onClick={() => send('seal.resume', { esID: s.esID })}>{UI.seals.resume}</Button>}
                        {(s.status === 'active' || s.status === 'suspended') && <Button size="small" danger onClick={() => send('seal.revoke', { esID: s.esID })}>{UI.seals.revoke}</Button>}
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'log',
            label: UI.seals.log,
            children: (
              <>
                <Input.Search allowClear placeholder={UI.seals.logFilter} onChange={(e) => setFilter(e.target.value.trim())} style={{ width: 320, marginBottom: 12 }} />
                <Table<LogEntry>
                  rowKey="seq"
                  size="small"
                  dataSource={log.filter((l) => !filter || [l.sealName, l.title, l.docNumber, name(l.by)].some((f) => f.includes(filter))).reverse()}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    { title: UI.seals.logAt, width: 170, render: (_, l) => formatDateTime(new Date(l.at)) },
                    { title: UI.seals.logSeal, dataIndex: 'sealName' },
                    { title: UI.seals.logBy, width: 100, render: (_, l) => name(l.by) },
                    { title: UI.seals.logDoc, render: (_, l) => `${l.title}${l.docNumber ? `（${l.docNumber}）` : ''}` },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={UI.seals.create}
        onCancel={() => { setCreating(false); form.resetFields(); setPicture(undefined) }}
        destroyOnHidden
        onOk={() => void form.validateFields().then((f) => {
          if (!send('seal.create', { name: f.name.trim(), typeName: f.typeName, holders: f.holders, validEnd: f.validEnd.format('YYYY-MM-DD'), ...(picture ? { picture } : {}) })) return
          setCreating(false)
          form.resetFields()
          setPicture(undefined)
        })}
      >
        <Form form={form} layout="vertical" initialValues={{ typeName: '单位印章' }} requiredMark={false}>
          <Form.Item name="name" label={UI.seals.name} rules={[{ required: true, whitespace: true, message: UI.seals.nameRequired }, { max: 40 }]}>
            <Input data-testid="seal-name" />
          </Form.Item>
          <Form.Item name="typeName" label={UI.seals.type}>
            <Select options={Object.keys(SEAL_TYPES).map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item name="holders" label={UI.seals.holders} rules={[{ required: true, message: UI.seals.holdersRequired }]}>
            <PeoplePicker users={directory.users} units={directory.units} prefer="clerk" testId="seal-holders" />
          </Form.Item>
          <Form.Item name="validEnd" label={UI.seals.validUntil} rules={[{ required: true, message: UI.seals.dateRequired }]}>
            <DatePicker data-testid="seal-valid-until" />
          </Form.Item>
          <Form.Item label={UI.seals.picture} extra={UI.seals.pictureHint}>
            <Upload
              accept=".png,.svg"
              showUploadList={false}
              beforeUpload={(file) => {
                void file.arrayBuffer().then((buf) => {
                  const bytes = new Uint8Array(buf)
                  const p: UploadedPicture = { type: bytes[0] === 0x89 ? 'png' : 'svg', data: toBase64(bytes), widthMm: 42, heightMm: 42 }
                  if (pictureProblem(p)) message.error(errorMessage('bad_picture'))
                  else setPicture(p)
                })
                return false
              }}
            >
              <Button size="small">{picture ? UI.seals.pictureChosen : UI.seals.pictureUpload}</Button>
            </Upload>
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={!!holdersOf} title={UI.seals.changeHolders} onCancel={() => setHoldersOf(null)} onOk={() => { if (holdersOf && holders.length && !send('seal.holders', { esID: holdersOf.esID, holders })) return; setHoldersOf(null) }} destroyOnHidden>
        <PeoplePicker users={directory.users} units={directory.units} value={holders} onChange={setHolders} />
      </Modal>
    </Card>
  )
}

