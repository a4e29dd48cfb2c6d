import { Form, Input, Modal, Radio, Select } from 'antd'
import { classificationsFor } from '../../../core/directory/model'
import { DOC_TYPES, URGENCIES } from '../../../core/docflow/docTypes'
import type { DocMeta } from '../../../core/docflow/docMeta'
import { UI } from '../../../core/messages/ui'
import type { FlowKind } from '../../../core/docflow/definitions'
import { useDirectory, useEngine } from '../../sync/hooks'

type Fields = Pick<DocMeta, 'title' | 'docType' | 'classification' | 'urgency'>
export interface NewDoc {
  meta: Fields
  kind: FlowKind
  /** 版式 fields: 主送机关, 抄送, 发文机关标志, 署名, 印发机关 */
  layout: Record<string, string>
}
type FormFields = Fields & { kind: FlowKind; template?: string; mainTo?: string; cc?: string; issuerMark?: string; issuerName?: string; printer?: string }

export function NewDocModal({ open, onCancel, onCreate }: { open: boolean; onCancel: () => void; onCreate: (d: NewDoc) => void }): React.JSX.Element {
  const [form] = Form.useForm<FormFields>()
  const kind = Form.useWatch('kind', form)
  const directory = useDirectory()
  const me = useEngine().session.user
  // 新建公文 picks a unit's template (the drafter's own first), so nobody types the 红头
  const templated = directory.units.filter((u) => u.template).sort((a, b) => a.order - b.order)
  const ownUnit = directory.users.find((u) => u.id === me.id)?.unitId
  const fill = (unitId: string | undefined): void => {
    const t = directory.units.find((u) => u.id === unitId)?.template
    if (t) form.setFieldsValue({ issuerMark: t.issuerMark, issuerName: t.issuerName, printer: t.printer })
  }
  const initialTemplate = templated.find((u) => u.id === ownUnit)?.id ?? templated[0]?.id
  const initialFill = directory.units.find((u) => u.id === initialTemplate)?.template
  return (
    <Modal
      open={open}
      title={UI.docs.newTitle}
      okText={UI.docs.create}
      cancelText={UI.docs.cancel}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((f) => {
        form.resetFields()
        onCreate({
          meta: { title: f.title.trim(), docType: f.docType, classification: f.classification, urgency: f.urgency },
          kind: f.kind,
          layout: { mainTo: f.mainTo ?? '', cc: f.cc ?? '', ...(f.kind === 'outgoing' ? { issuerMark: f.issuerMark ?? '', issuerName: f.issuerName ?? '', printer: f.printer ?? '' } : {}) },
        })
      })}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'outgoing', docType: '通知', classification: '非密', urgency: '平件', template: initialTemplate, issuerMark: initialFill?.issuerMark, issuerName: initialFill?.issuerName, printer: initialFill?.printer }} requiredMark={false}>
        <Form.Item name="kind" label={UI.docs.fieldKind}>
          <Radio.Group optionType="button" options={[{ value: 'outgoing', label: UI.inbox.outgoing }, { value: 'incoming', label: UI.inbox.incoming }, { value: 'sealrequest', label: UI.inbox.sealrequest }]} />
        </Form.Item>
        <Form.Item name="title" label={UI.docs.fieldTitle} rules={[{ required: true, whitespace: true, message: UI.docs.titleRequired }, { max: 200 }]}>
          <Input autoFocus data-testid="new-doc-title" />
        </Form.Item>
        <Form.Item name="docType" label={UI.docs.fieldType}>
          <Select options={DOC_TYPES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="classification" label={UI.docs.fieldClassification}>
          {/* none above one's own clearance: the server would refuse it, and its creator could not open it */}
          <Select options={classificationsFor(me.clearance).map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="urgency" label={UI.docs.fieldUrgency}>
          <Select options={URGENCIES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="mainTo" label={UI.docs.fieldMainTo}>
          <Input placeholder={UI.docs.mainToHint} />
        </Form.Item>
        <Form.Item name="cc" label={UI.docs.fieldCc}>
          <Input />
        </Form.Item>
        {kind === 'outgoing' && (
          <>
            <Form.Item name="template" label={UI.units.template} extra={UI.units.templateHint}>
              <Select
                data-testid="new-doc-template"
                onChange={(v: string) => fill(v)}
                options={[...templated.map((u) => ({ value: u.id, label: `${u.name} · ${u.template!.issuerMark}` })), { value: '', label: UI.units.noTemplate }]}
              />
            </Form.Item>
            <Form.Item name="issuerMark" label={UI.docs.fieldIssuerMark}>
              <Input placeholder={UI.docs.issuerMarkHint} data-testid="new-doc-issuer-mark" />
            </Form.Item>
            <Form.Item name="issuerName" label={UI.docs.fieldIssuerName}>
              <Input />
            </Form.Item>
            <Form.Item name="printer" label={UI.docs.fieldPrinter}>
              <Input />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  )
}
