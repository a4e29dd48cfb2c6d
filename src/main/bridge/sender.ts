// Who may call the bridge: only the main frame of our own window, showing our own page. Any other
// frame — a subframe, a page of another origin after a navigation we failed to stop, a window we
// did not open — is refused before its argument is even parsed (Electron security checklist:
// "validate the sender of all IPC messages").
import { isAppOrigin, isAppUrl } from '../protocol/appOrigin'

/** The parts of Electron's IpcMainInvokeEvent we judge (structural, so tests need no Electron). */
export interface IpcSenderFrame {
  readonly url: string
  readonly origin: string
  /** null for a main frame */
  readonly parent: unknown
  isDestroyed(): boolean
}

export interface IpcSender {
  readonly sender: { readonly id: number }
  /** null once the frame has navigated away or gone */
  readonly senderFrame: IpcSenderFrame | null
}

/** Why a call is refused, or null when the sender is ours. */
export type SenderGuard = (event: IpcSender) => string | null

/** The guard of a table nobody configured: nothing is trusted. */
export const refuseEverySender: SenderGuard = () => 'no sender is trusted'

/** Trusts the main frame of one of `windowIds()` (webContents ids) showing a page of our origin. */
export function ownWindowGuard(windowIds: () => readonly number[]): SenderGuard {
  return (event) => {
    const frame = event.senderFrame
    if (!frame || frame.isDestroyed()) return 'the calling frame is gone'
    if (!windowIds().includes(event.sender.id)) return 'not one of our windows'
    if (frame.parent !== null) return 'a subframe'
    if (!isAppUrl(frame.url) || !isAppOrigin(frame.origin)) return `not our origin: ${frame.origin || frame.url}`
    return null
  }
}

export class BridgeSenderRefused extends Error {
  constructor(method: string, reason: string) {
    super(`bridge call refused (${method}): ${reason}`)
    this.name = 'BridgeSenderRefused'
  }
}
