// Where a document stands in its flow and what the user may do now: the step, its holders and
// time limit, one button per available action (the leader's 签发 form inline), and this room's
// queued or refused commands with the server's reason.
import { Alert, Button, Card, Descriptions, Modal, Space, Tag, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import type { Directory } from '../../../core/directory/model'
import { actionName, availableActions, currentHandlers, dueState, dutyOf, stepName, type AvailableAction, type DocView } from '../../../core/docflow'
import { UI } from '../../../core/messages/ui'
import { useLiveQuery } from '../../store'
import { useEngine } from '../../sync/hooks'
import { ActionForm } from './ActionForm'
import { RejectedCommands } from '../shell/RejectedCommands'

export function FlowPanel({ view, room, directory }: { view: DocView; room: string; directory: Directory }): React.JSX.Element {
  const engine = useEngine()
  const me = engine.session.user.id
  const { state } = view
  const [acting, setActing] = useState<AvailableAction | null>(null)
  const outbox = useLiveQuery(() => engine.db.outbox.where('room').equals(room).toArray(), [engine, room])
  const pending = (outbox ?? []).filter((r) => r.status === 'pending' && r.kind === 'command' && r.command?.type !== 'doc.open')
  const rejected = (outbox ?? []).filter((r) => r.status === 'rejected')
  const name = (id: string): string => view.users.find((u) => u.id === id)?.name ?? id
  const actions = useMemo(() => availableActions(view, me), [view, me])
  const handlers = currentHandlers(state)
  const duty = dutyOf(state, me)
  const waitingOnQueue = pending.length > 0

  // opening a document at one's own step is recorded (撤回 is possible only until then)
  useEffect(() => {
    if (!duty || duty.opened || state.ended || !outbox || state.visit.by === me) return
    if (outbox.some((r) => r.command?.type === 'doc.open' && r.command.payload.visit === state.visit.seq)) return
    void engine.act('doc.open', room, { visit: state.visit.seq }).catch(() => undefined)
  }, [duty, state.visit.seq, state.visit.by, state.ended, outbox, engine, room, me])

  const signoff = state.kind === 'sealrequest' ? undefined : actions.find((a) => a.action === 'signoff')
  // at 签发 the leader's form offers 签发 and 圈阅 together
  const buttons = signoff ? actions.filter((a) => a.action !== 'signoff' && a.action !== 'read') : actions
  const due = state.visit.dueAt ? dueState(state.visit.dueAt, new Date()) : 'none'

  return (
    <Card size="small" className="flow-panel" data-testid="flow-panel">
      <Descriptions size="small" column={4}>
        <Descriptions.Item label={UI.flow.step}>
          <span data-testid="flow-step">{state.ended ? (state.ended === 'returned' ? (state.records.at(-1)?.action === 'reject' ? UI.flow.rejectedEnd : UI.flow.returnedEnd) : UI.flow.ended) : stepName(state.kind, state.visit.step)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={UI.flow.handlers}>{handlers.map(name).join('、') || '—'}</Descriptions.Item>
        {state.docNumber && <Descriptions.Item label={UI.flow.docNumber}><span data-testid="flow-docnumber">{state.docNumber}</span></Descriptions.Item>}
        {state.visit.dueAt && (
          <Descriptions.Item label={UI.flow.due}>
            {state.visit.dueAt} {due === 'soon' && <Tag color="gold">{UI.inbox.soon}</Tag>}{due === 'overdue' && <Tag color="red">{UI.inbox.overdue}</Tag>}
          </Descriptions.Item>
        )}
      </Descriptions>
      {state.frozen && <Tag color="red" style={{ marginBottom: 8 }}>{UI.flow.frozen}</Tag>}
      <RejectedCommands rows={rejected} title={UI.flow.rejectedHere} testId="flow-rejected" label={(r) => UI.commands.label(r.command?.type ?? '', r.payload)} />
      {waitingOnQueue && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={UI.flow.pendingHere(pending.length)} data-testid="flow-pending" />}
      {!waitingOnQueue && !state.ended && (
        <Space wrap>
          {duty ? <Typography.Text strong style={{ color: '#b71c1c' }}>{UI.flow.yourTurn}</Typography.Text> : handlers.length > 0 && <Typography.Text type="secondary">{UI.flow.waiting(handlers.map(name).join('、'))}</Typography.Text>}
          {buttons.map((a) => (
            <Button key={a.action} type={a.transition ? 'primary' : 'default'} danger={a.action === 'return'} onClick={() => setActing(a)} data-testid={`act-${a.action}`}>
              {actionName(state.kind, a.action)}
            </Button>
          ))}
        </Space>
      )}
      {signoff && !waitingOnQueue && (
        <Card size="small" title={UI.flow.signoffTitle} style={{ marginTop: 12 }} className="signoff-card">
          <ActionForm view={view} room={room} available={signoff} directory={directory} onDone={() => undefined} />
        </Card>
      )}
      <Modal open={!!acting} title={acting ? actionName(state.kind, acting.action) : ''} footer={null} onCancel={() => setActing(null)} destroyOnHidden width={620}>
        {acting && <ActionForm view={view} room={room} available={acting} directory={directory} onDone={() => setActing(null)} onCancel={() => setActing(null)} />}
      </Modal>
    </Card>
  )
}
