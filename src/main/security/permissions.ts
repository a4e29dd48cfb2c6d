// Which web permissions the window may have: only the camera (video, never the microphone), for
// 扫码签到 (scanning a meeting's 签到码), and only for our own page in its main frame. Everything
// else — location, notifications (main shows those), HID, serial, USB, Bluetooth … — is refused,
// both when the page asks (request) and when Chromium merely checks (check), and no device is
// ever chosen or granted.
import { isAppOrigin, isAppUrl } from '../protocol/appOrigin'

export interface PermissionAsk {
  permission: string
  /** the frame asking (Electron's details.requestingUrl) */
  url: string
  /** false for a subframe; unknown counts as a subframe */
  isMainFrame?: boolean
  /** for 'media': what it wants */
  mediaTypes?: readonly string[]
}

/** setPermissionRequestHandler: the page asks for a permission. */
export function allowPermission(ask: PermissionAsk): boolean {
  if (ask.permission !== 'media' || ask.isMainFrame !== true || !isAppUrl(ask.url)) return false
  const types = ask.mediaTypes ?? []
  return types.length > 0 && types.every((t) => t === 'video')
}

export interface PermissionCheck {
  permission: string
  /** Electron's requestingOrigin */
  origin: string
  isMainFrame: boolean
  /** for 'media': 'video', 'audio' or 'unknown' */
  mediaType?: string
  /** set for cross-origin subframes */
  embeddingOrigin?: string
}

/** setPermissionCheckHandler: Chromium asks whether a permission is held (permissions.query, device labels …). */
export function allowPermissionCheck(check: PermissionCheck): boolean {
  return check.permission === 'media' && check.mediaType === 'video' && check.isMainFrame && check.embeddingOrigin === undefined && isAppOrigin(check.origin)
}

/** setDevicePermissionHandler: no HID, serial or USB device is ever granted. */
export const allowDevice = (): boolean => false

/** The device-choosing events, as main subscribes to them: each is cancelled (no device chosen). */
export const DEVICE_CHOOSERS = ['select-hid-device', 'select-serial-port', 'select-usb-device', 'select-bluetooth-device'] as const
