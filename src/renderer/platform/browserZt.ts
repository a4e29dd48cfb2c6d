// The browser build's implementation of the bridge contract (the desktop build's lives in the
// Electron preload and main process).
import type { ZtApi } from '../../core/bridge/contract'
import { PinKeyVault } from '../../core/keys/pinVault'
import { ERROR_MESSAGES } from '../../core/messages/errors'
import { browserKeyStorage } from '../store'
import { browserPdf } from './browserPdf'
import { download } from './download'
import { serverFaceChoice, serverFontData } from './serverFonts'

const SERVER_URL_KEY = 'zt.serverUrl'
const serverUrl = (): string => localStorage.getItem(SERVER_URL_KEY) ?? location.origin

// unlocked keys live in this page's memory only: a reload asks for the PIN again
const vault = new PinKeyVault(browserKeyStorage, (n) => crypto.getRandomValues(new Uint8Array(n)))

export const browserZt: ZtApi = {
  'app.info': async () => ({ version: '0.1.0', host: 'browser', platform: navigator.platform || 'web' }),
  'config.getServerUrl': async () => serverUrl(),
  'config.setServerUrl': async (url: string) => {
    if (!URL.canParse(url)) return { ok: false, error: ERROR_MESSAGES.bad_server_url }
    localStorage.setItem(SERVER_URL_KEY, new URL(url).origin)
    return { ok: true, reloading: false }
  },
  // no OS hands links to a web page: the ask stays pending for ever
  'app.nextDeepLink': () => new Promise(() => undefined),
  'notify.show': async ({ title, body }) => {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
    new Notification(title, { body })
  },
  'keys.state': async ({ userId }) => ({ ...(await vault.state(userId)), usesPin: true }),
  'keys.create': async ({ userId, pin }) => {
    if (pin === undefined) throw new Error('PIN required')
    return { publicKey: await vault.create(userId, pin) }
  },
  'keys.unlock': async ({ userId, pin }) => ({ ok: await vault.unlock(userId, pin) }),
  'keys.lock': async ({ userId }) => {
    vault.lock(userId)
    return undefined
  },
  'keys.sign': async (command) => vault.sign(command),
  'keys.sealSign': async (req) => ({ der: vault.sealSign(req) }),
  // drawn here with the server's fonts, then downloaded: the browser says where it went
  'pdf.save': async (req) => {
    try {
      download(await browserPdf(serverUrl(), req), req.fileName, 'pdf')
      return { saved: true, path: req.fileName }
    } catch (err) {
      return { saved: false, error: err instanceof Error ? err.message : String(err) }
    }
  },
  'file.save': async ({ data, fileName, kind }) => {
    download(data, fileName, kind)
    return { saved: true, path: fileName }
  },
  'fonts.choice': async () => {
    try {
      return { faces: await serverFaceChoice(serverUrl()) }
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) }
    }
  },
  'fonts.data': ({ face }) => serverFontData(serverUrl(), face),
  // the browser's own dialog; it does not tell the page whether the user printed or cancelled
  'page.print': async () => {
    window.print()
    return { printed: true }
  },
}
