// The Electron main process, kept thin: one locked-down window served from app://zhengtong, the
// bridge handlers behind a sender check, deny-by-default permissions, and zhengtong:// links
// forwarded to the page. Logic lives in the plain modules beside this file, which vitest covers
// without Electron.
import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, safeStorage, session, shell } from 'electron'
import { join } from 'node:path'
import { BRIDGE_METHODS, channelOf, DEEP_LINK_SCHEME } from '../core/bridge/contract'
import { HandlerTable } from './bridge/handlers'
import { ownWindowGuard } from './bridge/sender'
import { ConfigStore, defaultServerUrl } from './config/configStore'
import { DeepLinkInbox, deepLinkInArgv } from './deepLink/deepLinks'
import { desktopHandlers } from './handlers'
import { DesktopKeyStore } from './keys/desktopKeyStore'
import { APP_ENTRY_URL, APP_SCHEME } from './protocol/appOrigin'
import { APP_SCHEME_PRIVILEGES, serveAppRequest } from './protocol/appProtocol'
import { allowDevice, allowPermission, allowPermissionCheck } from './security/permissions'
import { buildCsp, isAllowedExternal } from './security/csp'

const EXTERNAL_HOSTS: readonly string[] = []
const RENDERER_DIR = join(import.meta.dirname, '../renderer')

// must happen before `ready`
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])

if (!app.requestSingleInstanceLock()) app.quit()

// the installation's default server (ZT_SERVER_URL) obeys the same rule as one typed at login
const startup = defaultServerUrl(process.env.ZT_SERVER_URL)
const config = new ConfigStore(app.getPath('userData'), { serverUrl: startup.serverUrl })
if (process.env.ZT_SERVER_URL && !startup.refused) config.setServerUrl(startup.serverUrl)

const deepLinks = new DeepLinkInbox()
const firstLink = deepLinkInArgv(process.argv)
if (firstLink) deepLinks.push(firstLink)
// a dev run (electron .) must not make itself the system's handler of zhengtong://
if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)

let win: BrowserWindow | null = null

const handlers = new HandlerTable(ownWindowGuard(() => (win && !win.isDestroyed() ? [win.webContents.id] : [])))
handlers.registerAll(
  desktopHandlers(config, new DesktopKeyStore(app.getPath('userData'), safeStorage), deepLinks, {
    version: app.getVersion(),
    platform: process.platform,
    notify: (title, body) => new Notification({ title, body }).show(),
    chooseSavePath: async (suggestedName, kind) => {
      const options = { defaultPath: suggestedName, filters: [{ name: kind.toUpperCase(), extensions: [kind] }] }
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    // the page's print stylesheet lays the 版式 sheets out at A4 with no margin of the printer's own
    print: () => new Promise((resolve) => {
      if (!win) return resolve({ printed: false })
      win.webContents.print({ silent: false, printBackground: true, pageSize: 'A4', margins: { marginType: 'none' } }, (printed, reason) =>
        resolve(printed || /cancel/i.test(reason) ? { printed } : { printed, error: reason }))
    }),
    // after the answer has gone back to the page
    reloadWindow: () => setTimeout(() => win?.webContents.reload(), 100),
  }),
)

function createWindow(): void {
  win = new BrowserWindow({
    width: 1280,
    height: 820,
    title: '政通',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  })
  const contents = win.webContents
  win.on('ready-to-show', () => win?.show())
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame) deepLinks.forgetWaiters()
  })
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault()
    callback('')
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url, EXTERNAL_HOSTS)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  void win.loadURL(APP_ENTRY_URL)
}

function lockDownSession(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(allowPermission({ permission, url: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined })))
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    allowPermissionCheck({ permission, origin: requestingOrigin, isMainFrame: details.isMainFrame, mediaType: details.mediaType, embeddingOrigin: details.embeddingOrigin }))
  ses.setDevicePermissionHandler(allowDevice)
  ses.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }))
  // no device is ever chosen: each chooser is cancelled (without preventDefault Electron picks the first)
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault()
    callback()
  })
  ses.on('select-serial-port', (event, _ports, _wc, callback) => {
    event.preventDefault()
    callback('')
  })
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault()
    callback()
  })
}

function showWindow(): void {
  if (win?.isMinimized()) win.restore()
  win?.focus()
}

void app.whenReady().then(() => {
  if (startup.refused) dialog.showErrorBox('政通', `ZT_SERVER_URL：${startup.refused.message}`)
  lockDownSession()
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, { root: RENDERER_DIR, csp: () => buildCsp(config.read().serverUrl) }))
  for (const method of BRIDGE_METHODS) ipcMain.handle(channelOf(method), (event, arg: unknown) => handlers.call(method, arg, event))
  createWindow()
})

// Linux and Windows: a link opened while we run starts a second instance, which hands us its argv
app.on('second-instance', (_event, argv) => {
  const link = deepLinkInArgv(argv)
  if (link) deepLinks.push(link)
  showWindow()
})
// macOS hands links as events
app.on('open-url', (event, url) => {
  event.preventDefault()
  deepLinks.push(url)
  showWindow()
})
app.on('window-all-closed', () => app.quit())
