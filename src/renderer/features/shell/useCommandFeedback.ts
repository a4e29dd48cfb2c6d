// One way every page tells its user what became of an action: 已提交 while the server has not
// answered (or 已保存在本机 offline), then 已生效 or the server's reason, in the same message.
// A refused action is never shown as a success; it also stays in the page's refused list.
import { App as AntApp } from 'antd'
import { useCallback } from 'react'
import { UI } from '../../../core/messages/ui'
import { useEngine } from '../../sync/hooks'
import { RefusedBeforeSigning } from '../../sync/SyncEngine'

export type TrackCommand = (acted: Promise<string>, effective?: string) => void

export function useCommandFeedback(): TrackCommand {
  const { message } = AntApp.useApp()
  const engine = useEngine()
  return useCallback<TrackCommand>((acted, effective = UI.commands.effective) => {
    acted.then((id) => {
      message.open({ key: id, type: navigator.onLine ? 'loading' : 'info', content: navigator.onLine ? UI.commands.waiting : UI.commands.queuedOffline, duration: navigator.onLine ? 0 : 4 })
      const stop = engine.onOutcome((o) => {
        if (o.id !== id) return
        stop()
        if (o.status === 'accepted') message.open({ key: id, type: 'success', content: effective })
        else message.open({ key: id, type: 'error', content: UI.commands.refused(o.message), duration: 8 })
      })
    }, (err: unknown) => {
      message.error(err instanceof RefusedBeforeSigning ? err.message : UI.docs.signFailed)
    })
  }, [engine, message])
}
