import { Form, Input, Modal, Select } from 'antd'
import { CLEARANCE_LEVELS } from '../../../core/directory/model'
import { DOC_TYPES, URGENCIES } from '../../../core/docflow/docTypes'
import type { DocMeta } from '../../../core/docflow/docMeta'
import { UI } from '../../../core/messages/ui'

type Fields = Pick<DocMeta, 'title' | 'docType' | 'classification' | 'urgency'>

export function NewDocModal({ open, onCancel, onCreate }: { open: boolean; onCancel: () => void; onCreate: (f: Fields) => void }): React.JSX.Element {
  const [form] = Form.useForm<Fields>()
  return (
    <Modal
      open={open}
      title={UI.docs.newTitle}
      okText={UI.docs.create}
      cancelText={UI.docs.cancel}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((f) => {
        form.resetFields()
        onCreate({ ...f, title: f.title.trim() })
      })}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ docType: '通知', classification: '非密', urgency: '平件' }} requiredMark={false}>
        <Form.Item name="title" label={UI.docs.fieldTitle} rules={[{ required: true, whitespace: true, message: UI.docs.titleRequired }, { max: 200 }]}>
          <Input autoFocus data-testid="new-doc-title" />
        </Form.Item>
        <Form.Item name="docType" label={UI.docs.fieldType}>
          <Select options={DOC_TYPES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="classification" label={UI.docs.fieldClassification}>
          <Select options={CLEARANCE_LEVELS.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="urgency" label={UI.docs.fieldUrgency}>
          <Select options={URGENCIES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
