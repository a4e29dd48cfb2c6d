// Commands the server refused, shown to their author with its reason until dismissed.
import { Alert, Button } from 'antd'
import { UI } from '../../../core/messages/ui'
import type { OutboxRow } from '../../store'
import { useEngine } from '../../sync/hooks'

export function RejectedCommands({ rows, title, label, testId }: { rows: OutboxRow[]; title: string; label: (row: OutboxRow) => string; testId?: string }): React.JSX.Element | null {
  const engine = useEngine()
  if (!rows.length) return null
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={title}
      data-testid={testId}
      description={rows.map((r) => (
        <div key={r.seq}>
          {label(r)}：{r.error}{' '}
          <Button size="small" type="link" onClick={() => void engine.dismissRejected(r.seq!)}>{UI.docs.dismiss}</Button>
        </div>
      ))}
    />
  )
}
