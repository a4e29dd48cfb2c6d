// The fields one flow action needs (opinion, next step and people, 退回 target, 批办 choices…),
// composed into a signed command with the same rules the server applies, then queued.
import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Tag } from 'antd'
import { useState } from 'react'
import type { Directory, Role } from '../../../core/directory/model'
import {
  ACTION_NAMES, SOURCE_FIELDS, actionName, composeCommand, previewCommand, sealDataHash, sourceFieldsOf, stepName, type ActChoices, type AvailableAction, type DocView, type Ink, type StepId,
} from '../../../core/docflow'
import { errorMessage } from '../../../core/messages/errors'
import { UI } from '../../../core/messages/ui'
import { useEngine, useSeals, useSyncStatus, useTrust } from '../../sync/hooks'
import { host } from '../../platform/host'
import { fromBase64, toBase64 } from '../../../core/pki/der'
import { sealDataCoversContent, sealDataHashOf } from '../../../core/seal/sealData'
import { ApiError, sealRendition } from '../../sync/api'
import { HandwritingPad } from './HandwritingPad'
import { PeoplePicker } from './PeoplePicker'
import { useCommandFeedback } from '../shell/useCommandFeedback'
import { RefusedBeforeSigning } from '../../sync/SyncEngine'
import { unitPrefixes } from '../../../core/directory/model'
import { cstYear } from '../../../core/docflow/docNumber'
import { UnitPicker, unitsNamedIn } from '../exchange/UnitPicker'

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
  const track = useCommandFeedback()
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
  // 分发 preselects the units the document names as 主送 and 抄送
  const [units, setUnits] = useState(() => {
    const main = unitsNamedIn(view.content.meta.mainTo, directory.units)
    return { main, cc: unitsNamedIn(view.content.meta.cc, directory.units).filter((id) => !main.includes(id)) }
  })
  // 编号: the drafting unit's 代字, the first by default, shown before the number is taken
  const drafterUnit = directory.units.find((u) => u.id === directory.users.find((x) => x.id === view.ctx.drafter)?.unitId)
  const prefixes = unitPrefixes(drafterUnit)
  const prefix = c.prefix ?? prefixes[0]
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
    // a 正本 copy: 签收 records the 来文 fields it came with, and 登记 keeps them
    const source = view.original ? sourceFieldsOf(view.original) : undefined
    const withFields = source && (as === 'receive' || as === 'register') ? { ...choices, fields: { ...(as === 'register' ? { copies: 1 } : {}), ...choices.fields, ...source } } : choices
    const cmd = composeCommand(view, as, as === 'distribute' ? { ...withFields, units } : as === 'number' && prefix ? { ...withFields, prefix } : withFields)
    const refusal = previewCommand(view, me, cmd, new Date())
    if (refusal) return setError(errorMessage(refusal.code, refusal.params))
    setBusy(true)
    try {
      if (as === 'seal' && sealId) {
        // 用印 with an electronic seal: the key holder builds the SES_Signature over the signed-off text
        const seal = mySeals.find((s) => s.esID === sealId)
        const key = await host['keys.state']({ userId: me })
        const cert = key.publicKey ? trust?.certFor(me, key.publicKey) : undefined
        const approved = sealDataHash(view)
        if (!seal || !cert || !approved) {
          setError(errorMessage(!cert ? 'not_enrolled' : 'no_such_seal'))
          return
        }
        // a 公文's seal covers its rendition: the server renders the PDF and OFD, this machine checks
        // that the seal data lists the approved content before the key signs it
        let dataHash = approved
        let rendition: { sealData: string; rendition: string } | undefined
        if (view.state.kind !== 'sealrequest') {
          if (!online) return setError(errorMessage('rendition_required'))
          const made = await sealRendition(engine.session.serverUrl, engine.session.token, room, seal.esID, perforation)
          const sealData = fromBase64(made.sealData)
          if (!sealDataCoversContent(sealData, approved)) return setError(errorMessage('rendition_mismatch'))
          dataHash = sealDataHashOf(sealData)
          rendition = { sealData: made.sealData, rendition: made.ofd }
        }
        const { der } = await host['keys.sealSign']({
          userId: me, sealDer: seal.der, certDer: toBase64(cert.der), timeInfo: new Date().toISOString(),
          dataHash, propertyInfo: `${room};seq=${view.state.lastSeq}`,
        })
        Object.assign(cmd.payload, { signature: der, seal: seal.esID, ...(perforation ? { perforation: true } : {}), ...rendition })
      }
      const acted = engine.act(cmd.type, room, cmd.payload, cmd.contentHash)
      track(acted, `${actionName(view.state.kind, as)}：${UI.commands.effective}`)
      await acted
      onDone()
    } catch (err) {
      setError(err instanceof RefusedBeforeSigning || err instanceof ApiError ? err.message : UI.docs.signFailed)
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
      {action === 'reject' && (
        <Form.Item label={UI.exchange.rejectReason} required>
          <Input.TextArea rows={3} value={c.reason} placeholder={UI.exchange.rejectHint} onChange={(e) => set({ reason: e.target.value })} data-testid="act-reason" />
        </Form.Item>
      )}
      {action === 'number' && prefixes.length > 0 && (
        <Form.Item label={UI.exchange.prefix} extra={<span data-testid="number-preview">{UI.exchange.numberPreview(prefix ?? '', cstYear(new Date()))}</span>}>
          <Radio.Group value={prefix} onChange={(e) => set({ prefix: e.target.value })} optionType="button" options={prefixes.map((p) => ({ value: p, label: p }))} data-testid="act-prefix" />
        </Form.Item>
      )}
      {action === 'distribute' && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={UI.exchange.fromDocument(view.content.meta.mainTo, view.content.meta.cc)} />
          <Form.Item label={UI.exchange.mainUnits}>
            <UnitPicker units={directory.units} users={directory.users} value={units.main} onChange={(main) => setUnits({ main, cc: units.cc.filter((id) => !main.includes(id)) })} exclude={drafterUnit ? [drafterUnit.id] : []} testId="act-main-units" />
          </Form.Item>
          <Form.Item label={UI.exchange.ccUnits}>
            <UnitPicker units={directory.units} users={directory.users} value={units.cc} onChange={(cc) => setUnits({ ...units, cc })} exclude={[...units.main, ...(drafterUnit ? [drafterUnit.id] : [])]} testId="act-cc-units" />
          </Form.Item>
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
      {action === 'register' && (
        <RegisterFields
          value={view.original ? { ...c.fields, ...sourceFieldsOf(view.original) } : c.fields ?? {}}
          fixed={view.original ? SOURCE_FIELDS : []}
          onChange={(fields) => set({ fields })}
        />
      )}
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
        <Form.Item label={action === 'distribute' ? UI.exchange.persons : UI.flow.circulate} required={action !== 'distribute'}>
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

function RegisterFields({ value, fixed, onChange }: { value: Record<string, unknown>; fixed: readonly string[]; onChange: (v: Record<string, unknown>) => void }): React.JSX.Element {
  const f = UI.flow.register
  // the 来文 fields of a 正本 copy are the 正本's: shown, not typed
  const text = (key: string, label: string, required = false): React.JSX.Element => (
    <Form.Item label={label} required={required}>
      <Input value={String(value[key] ?? '')} disabled={fixed.includes(key)} onChange={(e) => onChange({ ...value, [key]: e.target.value })} data-testid={`reg-${key}`} />
    </Form.Item>
  )
  return (
    <>
      {text('serial', f.serial)}
      {text('sourceOrg', f.sourceOrg, true)}
      {text('sourceNumber', f.sourceNumber)}
      {text('sourceDate', f.sourceDate)}
      {fixed.includes('senderUnit') && text('senderUnit', UI.exchange.senderUnit)}
      <Form.Item label={f.copies}>
        <InputNumber min={1} value={Number(value.copies ?? 1)} onChange={(n) => onChange({ ...value, copies: n ?? 1 })} />
      </Form.Item>
      {text('limit', f.limit)}
    </>
  )
}
