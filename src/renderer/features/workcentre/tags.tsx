// The small marks every work list shows: 特急 / 加急, 密级, 即将超时 / 已超时.
import { Tag } from 'antd'
import type { DueState } from '../../../core/docflow/flow'
import { UI } from '../../../core/messages/ui'

export function UrgencyTags({ urgency, classification }: { urgency: string; classification?: string }): React.JSX.Element {
  return (
    <>
      {urgency === '特急' && <Tag color="red">{urgency}</Tag>}
      {urgency === '加急' && <Tag color="volcano">{urgency}</Tag>}
      {classification && classification !== '非密' && <Tag color="orange">{classification}</Tag>}
    </>
  )
}

export function DueTag({ due }: { due: DueState }): React.JSX.Element | null {
  if (due === 'soon') return <Tag color="gold" style={{ marginLeft: 4 }} data-testid="due-soon">{UI.inbox.soon}</Tag>
  if (due === 'overdue') return <Tag color="red" style={{ marginLeft: 4 }} data-testid="due-overdue">{UI.inbox.overdue}</Tag>
  return null
}
