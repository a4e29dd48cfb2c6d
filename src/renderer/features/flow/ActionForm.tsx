// The fields one flow action needs (opinion, next step and people, 退回 target, 批办 choices…),
// composed into a signed command with the same rules the server applies, then queued.
import { Alert, App as AntApp, Button, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Tag } from 'antd'
import { useState } from 'react'
import type { Directory, Role } from '../../../core/directory/model'
import {
  ACTION_NAMES, actionName, composeCommand, previewCommand, sealDataHash, stepName, type ActChoices, type AvailableAction, type DocView, type Ink, type StepId,
} from '../../../core/docflow'
import { errorMessage } from '../../../core/messages/errors'
import { UI } from '../../../core/messages/ui'
import { useEngine, useSeals, useSyncStatus, useTrust } from '../../sync/hooks'
import { host } from '../../platform/host'
import { toBase64 } from '../../../core/pki/der'
import { HandwritingPad } from './HandwritingPad'
import { PeoplePicker } from './PeoplePicker'

const PREFER: Partial<Record<StepId, Role>> = { review: 'reviewer', countersign: 'countersigner', signoff: 'signer', number: 'clerk', instruct: 'signer', propose: 'clerk', seal: 'clerk' }

/** Actions whose form offers an opinion box. */
const WITH_OPINION = new Set(['approve', 'countersign', 'signoff', 'read', 'propose', 'instruct', 'complete', 'submit'])

export function ActionForm({ view, room, available, directory, onDone, onCancel }: {
  view: DocView
  room: string
  available: AvailableAction
  directory: Directory
  onDone: () => void
  onCancel?: () => void
}): React.JSX.Element {
  const engine = useEngine()
  const { online } = useSyncStatus()
  const { message } = AntApp.useApp()
  const me = engine.session.user.id
  const { action, transition, needsNext } = available
  const [c, setC] = useState<ActChoices>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const seals = useSeals()
  const trust = useTrust()
  const mySeals = seals.filter((s) => s.status === 'active' && s.holders.includes(me))
  const [sealId, setSealId] = useState<string>('')
  const [perforation, setPerforation] = useState(false)
  const set = (patch: Partial<ActChoices>): void => setC((prev) => ({ ...prev, ...patch }))
  const steps = transition?.kind === 'choose' ? transition.steps : []
  const next = (c.next ?? steps[0]) as StepId | undefined
  // a 用印申请 goes to a 印章管理员 for approval
  const preferred: Role | undefined = view.state.kind === 'sealrequest' && next === 'signoff' ? 'sealAdmin' : next ? PREFER[next] : undefined
  const people = (props: { value?: string[]; onChange: (ids: string[]) => void; multiple?: boolean; prefer?: Role; testId: string }): React.JSX.Element => (
    <PeoplePicker users={directory.users} units={directory.units} exclude={me} {...props} />
  )

  const submit = async (choices: ActChoices, as: typeof action = action): Promise<void> => {
    setError(null)
    if (as === 'number' && !online) return setError(UI.flow.numberOffline)
    const cmd = composeCommand(view, as, choices)
    const refusal = previewCommand(view, me, cmd, new Date())
    if (refusal) return setError(errorMessage(refusal.code, refusal.params))
    setBusy(true)
    try {
      if (as === 'seal' && sealId) {
        // 用印 with an electronic seal: the key holder builds the SES_Signature over the signed-off text
        const seal = mySeals.find((s) => s.esID === sealId)
        const key = await host['keys.state']({ userId: me })
        const cert = key.publicKey ? trust?.certFor(me, key.publicKey) : undefined
        const dataHash = sealDataHash(view)
        if (!seal || !cert || !dataHash) {
          setError(errorMessage(!cert ? 'not_enrolled' : 'no_such_seal'))
          return
        }
        const { der } = await host['keys.sealSign']({
          userId: me, sealDer: seal.der, certDer: toBase64(cert.der), timeInfo: new Date().toISOString(),
          dataHash, propertyInfo: `${room};seq=${view.state.lastSeq}`,
        })
        Object.assign(cmd.payload, { signature: der, seal: seal.esID, ...(perforation ? { perforation: true } : {}) })
      }
      await engine.act(cmd.type, room, cmd.payload, cmd.contentHash)
      message.success(navigator.onLine ? `${UI.flow.sent}：${actionName(view.state.kind, as)}` : UI.flow.queued)
      onDone()
    } catch {
      setError(UI.docs.signFailed)
    } finally {
      setBusy(false)
    }
  }

  // the leader's 签发 form (a 印章管理员 approving a 用印申请 gets the plain form)
  const signing = action === 'signoff' && view.state.kind !== 'sealrequest'
  return (
    <Form layout="vertical" data-testid={`act-form-${action}`}>
      {signing && <Alert type="info" showIcon title={UI.flow.leaderIntro} style={{ marginBottom: 12 }} />}
      {WITH_OPINION.has(action) && (
        <Form.Item label={UI.flow.opinion}>
          <Input.TextArea rows={3} value={c.opinion} onChange={(e) => set({ opinion: e.target.value })} data-testid="act-opinion" />
          <Space wrap size={4} style={{ marginTop: 6 }}>
            <span className="doc-meta-label">{UI.flow.commonOpinions}</span>
            {UI.flow.common.map((o) => (
              <Tag key={o} className="clickable-tag" onClick={() => set({ opinion: o })}>{o}</Tag>
            ))}
          </Space>
        </Form.Item>
      )}
      {signing && (
        <Form.Item label={UI.flow.handwriting}>
          <HandwritingPad onChange={(ink: Ink | undefined) => set({ ink })} />
        </Form.Item>
      )}
      {action === 'return' && (
        <>
          <Form.Item label={UI.flow.reason} required>
            <Input.TextArea rows={3} value={c.reason} onChange={(e) => set({ reason: e.target.value })} data-testid="act-reason" />
          </Form.Item>
          {view.state.trail.length > 1 && (
            <Form.Item label={UI.flow.returnTo}>
              <Radio.Group value={c.to ?? 'previous'} onChange={(e) => set({ to: e.target.value === 'previous' ? undefined : e.target.value })}>
                <Radio value="previous">{UI.flow.returnPrevious}</Radio>
                <Radio value="drafter">{UI.flow.returnDrafter}</Radio>
              </Radio.Group>
            </Form.Item>
          )}
        </>
      )}
      {action === 'urge' && (
        <Form.Item label={UI.flow.message} required>
          <Input value={c.message} onChange={(e) => set({ message: e.target.value })} data-testid="act-message" />
        </Form.Item>
      )}
      {action === 'handle' && (
        <Form.Item label={UI.flow.result} required>
          <Input.TextArea rows={3} value={c.result} onChange={(e) => set({ result: e.target.value })} data-testid="act-result" />
        </Form.Item>
      )}
      {action === 'register' && <RegisterFields value={c.fields ?? {}} onChange={(fields) => set({ fields })} />}
      {action === 'instruct' && (
        <>
          <Form.Item label={UI.flow.main}>{people({ value: c.main, onChange: (main) => set({ main }), testId: 'act-main' })}</Form.Item>
          <Form.Item label={UI.flow.assist}>{people({ value: c.assist, onChange: (assist) => set({ assist }), testId: 'act-assist' })}</Form.Item>
          <Form.Item label={UI.flow.circulate}>{people({ value: c.circulate, onChange: (circulate) => set({ circulate }), testId: 'act-circulate' })}</Form.Item>
          <Form.Item label={UI.flow.limit}>
            <DatePicker onChange={(d) => set({ limit: d ? d.format('YYYY-MM-DD') : undefined })} />
          </Form.Item>
        </>
      )}
      {(action === 'addsigner' || action === 'transfer' || action === 'delegate') && (
        <Form.Item label={UI.flow.person} required>{people({ value: c.to as string[] | undefined, onChange: (to) => set({ to }), multiple: false, testId: 'act-to' })}</Form.Item>
      )}
      {(action === 'circulate' || action === 'distribute') && (
        <Form.Item label={action === 'distribute' ? UI.flow.distributeTo : UI.flow.circulate} required>
          {people({ value: c.to as string[] | undefined, onChange: (to) => set({ to }), testId: 'act-to' })}
        </Form.Item>
      )}
      {needsNext && (
        <>
          {steps.length > 1 && (
            <Form.Item label={UI.flow.nextStep}>
              <Radio.Group value={next} onChange={(e) => set({ next: e.target.value })} data-testid="act-next">
                {steps.map((s) => <Radio key={s} value={s}>{stepName(view.state.kind, s)}</Radio>)}
              </Radio.Group>
            </Form.Item>
          )}
          <Form.Item label={`${UI.flow.nextPeople}（${next ? stepName(view.state.kind, next) : ''}）`} required>
            {people({ value: c.to as string[] | undefined, onChange: (to) => set({ to }), ...(preferred ? { prefer: preferred } : {}), testId: 'act-to' })}
          </Form.Item>
          {next === 'countersign' && (
            <Space>
              <Radio.Group value={c.mode ?? 'parallel'} onChange={(e) => set({ mode: e.target.value })}>
                <Radio value="parallel">{UI.flow.modeParallel}</Radio>
                <Radio value="sequential">{UI.flow.modeSequential}</Radio>
              </Radio.Group>
              <Checkbox checked={c.edit === true} onChange={(e) => set({ edit: e.target.checked })}>{UI.flow.allowEdit}</Checkbox>
            </Space>
          )}
        </>
      )}
      {action === 'seal' && (
        <>
          <Form.Item label={UI.seal.choose}>
            <Select
              value={sealId}
              onChange={setSealId}
              data-testid="act-seal"
              options={[{ value: '', label: UI.seal.paperOnly }, ...mySeals.map((s) => ({ value: s.esID, label: `${s.name}（${s.typeName}）` }))]}
            />
          </Form.Item>
          {sealId && <Checkbox checked={perforation} onChange={(e) => setPerforation(e.target.checked)} style={{ marginBottom: 12 }}>{UI.seal.perforation}</Checkbox>}
        </>
      )}
      {action === 'number' && !online && <Alert type="warning" showIcon title={UI.flow.numberOffline} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="act-error" />}
      <Space>
        <Button type="primary" loading={busy} disabled={action === 'number' && !online} onClick={() => void submit(c)} data-testid="act-submit">
          {actionName(view.state.kind, action)}
        </Button>
        {signing && (
          <Button onClick={() => void submit({ ...c, opinion: c.opinion || '阅' }, 'read')} data-testid="act-circle">{ACTION_NAMES.read}（圈阅）</Button>
        )}
        {onCancel && <Button onClick={onCancel}>{UI.flow.cancel}</Button>}
      </Space>
    </Form>
  )
}

function RegisterFields({ value, onChange }: { value: Record<string, unknown>; onChange: (v: Record<string, unknown>) => void }): React.JSX.Element {
  const f = UI.flow.register
  const text = (key: string, label: string, required = false): React.JSX.Element => (
    <Form.Item label={label} required={required}>
      <Input value={String(value[key] ?? '')} onChange={(e) => onChange({ ...value, [key]: e.target.value })} data-testid={`reg-${key}`} />
    </Form.Item>
  )
  return (
    <>
      {text('serial', f.serial)}
      {text('sourceOrg', f.sourceOrg, true)}
      {text('sourceNumber', f.sourceNumber)}
      {text('sourceDate', f.sourceDate)}
      <Form.Item label={f.copies}>
        <InputNumber min={1} value={Number(value.copies ?? 1)} onChange={(n) => onChange({ ...value, copies: n ?? 1 })} />
      </Form.Item>
      {text('limit', f.limit)}
    </>
  )
}
