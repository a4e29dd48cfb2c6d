// 单位模板 (administrators): every unit with its 收发员 and 发文 template — 发文机关标志, 代字 list,
// 署名, 印发机关. Saving is a signed command (unit.template); the directory carries the result to
// every machine, where 新建公文 and 编号 read it offline.
import { Button, Card, Form, Input, Modal, Select, Table } from 'antd'
import { useState } from 'react'
import type { Unit } from '../../../core/directory/model'
import { unitPrefixes } from '../../../core/directory/model'
import { UI } from '../../../core/messages/ui'
import { DIRECTORY_ROOM } from '../../../core/sync/roomName'
import { useDirectory, useEngine } from '../../sync/hooks'
import { PeoplePicker } from '../flow/PeoplePicker'
import { useCommandFeedback } from '../shell/useCommandFeedback'

interface TemplateFields { issuerMark: string; prefixes: string[]; issuerName: string; printer: string; registrars: string[] }

export function UnitsPage(): React.JSX.Element {
  const directory = useDirectory()
  const [editing, setEditing] = useState<Unit | null>(null)
  const name = (id: string): string => directory.users.find((u) => u.id === id)?.name ?? id
  const t = UI.units
  return (
    <Card title={t.title} data-testid="units-page">
      <Table<Unit>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...directory.units].sort((a, b) => a.order - b.order)}
        onRow={(u) => ({ 'data-testid': `unit-${u.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t.colUnit, dataIndex: 'name' },
          { title: t.colRegistrars, render: (_, u) => (u.registrars ?? []).map(name).join('、') || '—' },
          { title: t.colIssuerMark, render: (_, u) => u.template?.issuerMark ?? <span className="doc-meta-label">{t.none}</span> },
          { title: t.colPrefixes, render: (_, u) => unitPrefixes(u).join('、') || '—' },
          { title: t.colIssuerName, render: (_, u) => u.template?.issuerName ?? '—' },
          { title: t.colPrinter, render: (_, u) => u.template?.printer || '—' },
          { title: '', render: (_, u) => <Button size="small" onClick={() => setEditing(u)} data-testid={`edit-unit-${u.id}`}>{t.edit}</Button> },
        ]}
      />
      {editing && <TemplateModal unit={editing} onClose={() => setEditing(null)} />}
    </Card>
  )
}

function TemplateModal({ unit, onClose }: { unit: Unit; onClose: () => void }): React.JSX.Element {
  const engine = useEngine()
  const directory = useDirectory()
  const track = useCommandFeedback()
  const [form] = Form.useForm<TemplateFields>()
  const t = UI.units
  const save = (f: TemplateFields): void => {
    const payload = { unit: unit.id, issuerMark: f.issuerMark.trim(), prefixes: f.prefixes.map((p) => p.trim()).filter(Boolean), issuerName: f.issuerName.trim(), printer: (f.printer ?? '').trim(), registrars: f.registrars ?? [] }
    track(engine.act('unit.template', DIRECTORY_ROOM, payload), `${t.saved(unit.name)}：${UI.commands.effective}`)
    onClose()
  }
  return (
    <Modal open title={t.editTitle(unit.name)} okText={t.save} cancelText={UI.flow.cancel} onCancel={onClose} onOk={() => void form.validateFields().then(save)} okButtonProps={{ ...({ 'data-testid': 'unit-save' } as Record<string, string>) }} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ issuerMark: unit.template?.issuerMark ?? '', prefixes: unitPrefixes(unit), issuerName: unit.template?.issuerName ?? '', printer: unit.template?.printer ?? '', registrars: [...(unit.registrars ?? [])] }}
      >
        <Form.Item name="issuerMark" label={t.colIssuerMark} rules={[{ required: true, whitespace: true }]}><Input data-testid="unit-issuer-mark" /></Form.Item>
        <Form.Item name="prefixes" label={t.colPrefixes} extra={t.prefixesHint} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select mode="tags" open={false} data-testid="unit-prefixes" />
        </Form.Item>
        <Form.Item name="issuerName" label={t.colIssuerName} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item>
        <Form.Item name="printer" label={t.colPrinter}><Input /></Form.Item>
        <Form.Item name="registrars" label={t.colRegistrars}>
          <PeoplePicker users={directory.users} units={directory.units} prefer="clerk" testId="unit-registrars" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
