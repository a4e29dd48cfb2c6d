// The 版式 fields of a 公文 beyond its title and body, edited while drafting by whoever holds the pen:
// 主送机关, 发文机关标志, 署名, 附注, and the 版记 (抄送机关, 印发机关), as GB/T 9704 lays them out.
import { Divider, Form, Input } from 'antd'
import type * as Y from 'yjs'
import { UI } from '../../../core/messages/ui'
import { useDocValue } from '../../sync/hooks'

const FIELDS = ['mainTo', 'issuerMark', 'issuerName', 'note', 'cc', 'printer'] as const
type Field = (typeof FIELDS)[number]

const LABELS: Record<Field, string> = {
  mainTo: UI.docs.fieldMainTo, issuerMark: UI.docs.fieldIssuerMark, issuerName: UI.docs.fieldIssuerName, note: UI.docs.fieldNote,
  cc: UI.docs.fieldCc, printer: UI.docs.fieldPrinter,
}

const readFields = (doc: Y.Doc): Record<Field, string> => {
  const meta = doc.getMap('meta')
  return Object.fromEntries(FIELDS.map((k) => {
    const v = meta.get(k)
    return [k, typeof v === 'string' ? v : '']
  })) as Record<Field, string>
}
const EMPTY = Object.fromEntries(FIELDS.map((k) => [k, ''])) as Record<Field, string>

export function LayoutFields({ doc, editable }: { doc: Y.Doc; editable: boolean }): React.JSX.Element {
  const values = useDocValue(doc, readFields, EMPTY)
  const field = (k: Field): React.JSX.Element => (
    <Form.Item key={k} label={LABELS[k]} htmlFor={`layout-${k}`} style={{ marginBottom: 8 }}>
      <Input
        id={`layout-${k}`}
        value={values[k]}
        readOnly={!editable}
        onChange={(e) => editable && doc.getMap('meta').set(k, e.target.value)}
        data-testid={`layout-${k}`}
      />
    </Form.Item>
  )
  return (
    <Form layout="horizontal" labelCol={{ flex: '10em' }} className="layout-fields" data-testid="layout-fields">
      <Divider titlePlacement="start" plain>{UI.docs.layoutFields}</Divider>
      {(['mainTo', 'issuerMark', 'issuerName', 'note'] as const).map(field)}
      <Divider titlePlacement="start" plain>{UI.docs.colophon}</Divider>
      {(['cc', 'printer'] as const).map(field)}
    </Form>
  )
}
