import { LockOutlined, UserOutlined, GlobalOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { UI } from '../../../core/messages/ui'
import { host } from '../../platform/host'
import type { Session } from '../../session'
import { ApiError, login } from '../../sync/api'

export function LoginPage({ onLogin, notice }: { onLogin: (s: Session) => void; notice?: string }): React.JSX.Element {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [desktop, setDesktop] = useState(false)
  const [form] = Form.useForm<{ username: string; password: string; serverUrl: string }>()

  useEffect(() => {
    void host['app.info']().then((info) => setDesktop(info.host === 'desktop'))
    void host['config.getServerUrl']().then((url) => form.setFieldValue('serverUrl', url))
  }, [form])

  const submit = async (values: { username: string; password: string; serverUrl: string }): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      const serverUrl = values.serverUrl || (await host['config.getServerUrl']())
      if (desktop) {
        const set = await host['config.setServerUrl'](serverUrl)
        if (!set.ok) {
          setError(set.error)
          return
        }
        // a new server: the window reloads under a CSP that admits it; sign in again there
        if (set.reloading) return
      }
      const answer = await login(serverUrl, values.username.trim(), values.password)
      onLogin({ ...answer, serverUrl })
    } catch (err) {
      setError(err instanceof ApiError ? (err.isNetwork ? UI.login.unreachable : err.message) : UI.login.unreachable)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="login-page">
      <Card className="login-card">
        <div className="login-brand">
          <div className="brand-mark">政</div>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>{UI.appName}</Typography.Title>
            <Typography.Text type="secondary">{UI.appSubtitle}</Typography.Text>
          </div>
        </div>
        {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          {desktop && (
            <Form.Item name="serverUrl" label={UI.login.serverUrl}>
              <Input prefix={<GlobalOutlined />} />
            </Form.Item>
          )}
          <Form.Item name="username" label={UI.login.username} rules={[{ required: true, message: UI.login.usernameRequired }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={UI.login.password} rules={[{ required: true, message: UI.login.passwordRequired }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} size="large">
            {UI.login.submit}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {UI.login.demoHint}
        </Typography.Paragraph>
      </Card>
    </div>
  )
}
