// How a result shows its kind, date and 密级.
import { Space, Tag, Typography } from 'antd'
import { UI } from '../../../core/messages/ui'
import { formatDocDate } from '../../../core/text/formatDate'
import type { FoundItem } from './protocol'

const KIND_COLOUR: Record<string, string> = { doc: 'red', meeting: 'blue', record: 'gold' }

export function ResultTags({ item }: { item: FoundItem }): React.JSX.Element {
  return (
    <Space size={4}>
      <Tag color={KIND_COLOUR[item.kind]} style={{ marginInlineEnd: 0 }}>{UI.search.kinds[item.kind]}</Tag>
      {item.classification !== '非密' && <Tag color="volcano" style={{ marginInlineEnd: 0 }}>{item.classification}</Tag>}
      {item.date && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDocDate(new Date(`${item.date}T12:00:00+08:00`))}</Typography.Text>}
    </Space>
  )
}
