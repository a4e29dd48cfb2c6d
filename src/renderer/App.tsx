import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { useCallback, useEffect, useState } from 'react'
import { UI } from '../core/messages/ui'
import { KeyGate } from './features/keys/KeyGate'
import { LoginPage } from './features/login/LoginPage'
import { Shell } from './features/shell/Shell'
import { host } from './platform/host'
import { clearSession, loadSession, saveSession, type Session } from './session'
import { openDb } from './store'
import { logout } from './sync/api'
import { EngineContext } from './sync/hooks'
import { SyncEngine } from './sync/SyncEngine'

// date pickers and weekdays in Chinese, weeks from Monday
dayjs.locale('zh-cn')

export function App(): React.JSX.Element {
  const [session, setSession] = useState<Session | null>(() => loadSession())
  const [engine, setEngine] = useState<SyncEngine | null>(null)
  const [notice, setNotice] = useState<string | undefined>()

  const expire = useCallback(() => {
    clearSession()
    setSession(null)
    setNotice(UI.shell.sessionExpired)
  }, [])

  const signOut = useCallback(() => {
    if (session) {
      void logout(session.serverUrl, session.token).catch(() => undefined)
      void host['keys.lock']({ userId: session.user.id })
    }
    clearSession()
    setSession(null)
  }, [session])

  useEffect(() => {
    if (!session) return
    const e = new SyncEngine(openDb(session.user.id), session, expire)
    setEngine(e)
    void e.start()
    return () => {
      e.stop()
      setEngine(null)
    }
  }, [session, expire])

  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4 } }}>
      <AntApp>
        {!session ? (
          <LoginPage
            notice={notice}
            onLogin={(s) => {
              saveSession(s)
              setNotice(undefined)
              setSession(s)
            }}
          />
        ) : engine ? (
          <EngineContext.Provider value={engine}>
            <KeyGate session={session} engine={engine} onSwitchUser={signOut}>
              <Shell session={session} onLogout={signOut} />
            </KeyGate>
          </EngineContext.Provider>
        ) : null}
      </AntApp>
    </ConfigProvider>
  )
}
