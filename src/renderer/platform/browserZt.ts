// The browser build's implementation of the bridge contract (the desktop build's lives in the
// Electron preload and main process).
import type { ZtApi } from '../../core/bridge/contract'

const SERVER_URL_KEY = 'zt.serverUrl'

export const browserZt: ZtApi = {
  'app.info': async () => ({ version: '0.1.0', host: 'browser', platform: navigator.platform || 'web' }),
  'config.getServerUrl': async () => localStorage.getItem(SERVER_URL_KEY) ?? location.origin,
  'config.setServerUrl': async (url: string) => {
    localStorage.setItem(SERVER_URL_KEY, new URL(url).origin)
  },
  'notify.show': async ({ title, body }) => {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
    new Notification(title, { body })
  },
}
