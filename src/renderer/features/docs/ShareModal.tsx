import { Form, Modal, Radio, Select } from 'antd'
import type { Access } from '../../../core/api/http'
import { UI } from '../../../core/messages/ui'
import { useDirectory } from '../../sync/hooks'

export function ShareModal({ open, onCancel, onShare, exclude }: { open: boolean; onCancel: () => void; onShare: (username: string, access: Access, name: string) => void; exclude: string }): React.JSX.Element {
  const [form] = Form.useForm<{ username: string; access: Access }>()
  const dir = useDirectory()
  const unitName = new Map(dir.units.map((u) => [u.id, u.name]))
  return (
    <Modal
      open={open}
      title={UI.docs.shareTitle}
      okText={UI.docs.shareSubmit}
      cancelText={UI.docs.cancel}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((v) => {
        form.resetFields()
        onShare(v.username, v.access, dir.users.find((u) => u.username === v.username)?.name ?? v.username)
      })}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ access: 'write' }}>
        <Form.Item name="username" label={UI.docs.shareWith} rules={[{ required: true }]}>
          <Select
            showSearch
            data-testid="share-user"
            optionFilterProp="label"
            options={dir.users.filter((u) => u.id !== exclude).map((u) => ({ value: u.username, label: `${u.name}（${unitName.get(u.unitId) ?? ''} · ${u.title}）` }))}
          />
        </Form.Item>
        <Form.Item name="access" label={UI.docs.shareAccess}>
          <Radio.Group options={[{ value: 'write', label: UI.docs.accessWrite }, { value: 'read', label: UI.docs.accessRead }]} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
