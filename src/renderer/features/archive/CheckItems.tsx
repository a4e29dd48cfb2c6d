// One 四性检测 report: every item with its code, name, result and reason.
import { Table, Tag } from 'antd'
import type { CheckItem, ItemResult } from '../../../core/archive/fourChecks'
import { UI } from '../../../core/messages/ui'

const COLOUR: Record<ItemResult, string> = { pass: 'green', fail: 'red', not_run: 'default' }
export const resultName = (r: ItemResult): string => (r === 'pass' ? UI.archive.passed : r === 'fail' ? UI.archive.failed : UI.archive.notRun)

export function CheckItems({ items }: { items: CheckItem[] }): React.JSX.Element {
  return (
    <Table<CheckItem>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={items}
      data-testid="check-items"
      rowClassName={(i) => (i.result === 'fail' ? 'check-failed' : '')}
      columns={[
        { title: UI.archive.items.code, dataIndex: 'code', width: 82 },
        { title: UI.archive.items.name, dataIndex: 'name', width: 200 },
        { title: UI.archive.items.result, dataIndex: 'result', width: 80, render: (r: ItemResult) => <Tag color={COLOUR[r]}>{resultName(r)}</Tag> },
        { title: UI.archive.items.reason, dataIndex: 'reason' },
      ]}
    />
  )
}
