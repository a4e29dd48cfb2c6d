// Before the workspace opens, the user's signing key must be ready on this device: made (and
// enrolled with the agency CA) at the first sign-in here, unlocked with the PIN after that in the
// browser build. Every action the user takes is then signed by it (ARCHITECTURE.md §3.2, §3.5).
import { KeyOutlined, SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input, Spin, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { UI } from '../../../core/messages/ui'
import { host } from '../../platform/host'
import type { Session } from '../../session'
import { ApiError } from '../../sync/api'
import type { SyncEngine } from '../../sync/SyncEngine'

type Gate = { kind: 'loading' } | { kind: 'create'; usesPin: boolean } | { kind: 'unlock' } | { kind: 'ready' }

const PIN_RULE = { pattern: /^\d{6,12}$/, message: UI.keys.pinRule }

export function KeyGate({ session, engine, onSwitchUser, children }: { session: Session; engine: SyncEngine; onSwitchUser: () => void; children: React.ReactNode }): React.JSX.Element {
  const userId = session.user.id
  const [gate, setGate] = useState<Gate>({ kind: 'loading' })
  const [error, setError] = useState<string | null>(null)
  const [info, setInfo] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const refresh = useCallback(async () => {
    const key = await host['keys.state']({ userId })
    setGate(key.state === 'none' ? { kind: 'create', usesPin: key.usesPin } : key.state === 'locked' ? { kind: 'unlock' } : { kind: 'ready' })
  }, [userId])

  useEffect(() => {
    void refresh().catch(() => setError(UI.keys.failed))
  }, [refresh])

  const create = async (pin?: string): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      // let the spinner paint before the key derivation holds the thread
      await new Promise((r) => setTimeout(r, 50))
      const { publicKey } = await host['keys.create']({ userId, ...(pin ? { pin } : {}) })
      try {
        await engine.enroll(publicKey)
      } catch (err) {
        // offline: enrolled later, by itself; refused (e.g. after a revocation): say why
        setInfo(err instanceof ApiError && !err.isNetwork ? err.message : UI.keys.enrollLater)
      }
      await refresh()
    } catch (err) {
      setError(err instanceof Error && /key store/.test(err.message) ? UI.keys.osStoreUnavailable : UI.keys.failed)
    } finally {
      setBusy(false)
    }
  }

  const unlock = async (pin: string): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await new Promise((r) => setTimeout(r, 50))
      const { ok } = await host['keys.unlock']({ userId, pin })
      if (!ok) setError(UI.keys.wrongPin)
      else {
        engine.kick()
        await refresh()
      }
    } finally {
      setBusy(false)
    }
  }

  if (gate.kind === 'ready') {
    return (
      <>
        {info && <Alert type="info" showIcon closable title={info} style={{ margin: 8 }} />}
        {children}
      </>
    )
  }
  return (
    <div className="login-page">
      <Card className="login-card" data-testid="key-gate">
        {gate.kind === 'loading' ? (
          <Spin />
        ) : (
          <>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {gate.kind === 'create' ? <SafetyCertificateOutlined /> : <KeyOutlined />} {gate.kind === 'create' ? UI.keys.setupTitle : UI.keys.unlockTitle}
            </Typography.Title>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="key-error" />}
            {gate.kind === 'create' ? (
              <>
                <Typography.Paragraph>{UI.keys.setupIntro}</Typography.Paragraph>
                {gate.usesPin ? (
                  <Form layout="vertical" requiredMark={false} onFinish={(v: { pin: string }) => void create(v.pin)}>
                    <Typography.Paragraph type="secondary">{UI.keys.setupPinIntro}</Typography.Paragraph>
                    <Form.Item name="pin" label={UI.keys.pin} rules={[{ required: true, ...PIN_RULE }]}>
                      <Input.Password inputMode="numeric" autoComplete="new-password" autoFocus maxLength={12} />
                    </Form.Item>
                    <Form.Item
                      name="pin2"
                      label={UI.keys.pinConfirm}
                      dependencies={['pin']}
                      rules={[
                        { required: true, message: UI.keys.pinMismatch },
                        ({ getFieldValue }) => ({ validator: (_r, v) => (v === getFieldValue('pin') ? Promise.resolve() : Promise.reject(new Error(UI.keys.pinMismatch))) }),
                      ]}
                    >
                      <Input.Password inputMode="numeric" autoComplete="new-password" maxLength={12} />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" block loading={busy}>{busy ? UI.keys.creating : UI.keys.create}</Button>
                  </Form>
                ) : (
                  <Button type="primary" block loading={busy} onClick={() => void create()}>{busy ? UI.keys.creating : UI.keys.create}</Button>
                )}
              </>
            ) : (
              <Form layout="vertical" requiredMark={false} onFinish={(v: { pin: string }) => void unlock(v.pin)}>
                <Typography.Paragraph>{UI.keys.unlockIntro(session.user.name)}</Typography.Paragraph>
                <Form.Item name="pin" label={UI.keys.pin} rules={[{ required: true, ...PIN_RULE }]}>
                  <Input.Password inputMode="numeric" autoComplete="current-password" autoFocus maxLength={12} />
                </Form.Item>
                <Button type="primary" htmlType="submit" block loading={busy}>{UI.keys.unlock}</Button>
              </Form>
            )}
            <Button type="link" block style={{ marginTop: 8 }} onClick={onSwitchUser}>{UI.keys.switchUser}</Button>
          </>
        )}
      </Card>
    </div>
  )
}
