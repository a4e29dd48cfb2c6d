// The Electron main process, kept thin: one locked-down window, the bridge handlers, and nothing
// else. Logic lives in the plain modules beside this file, which vitest covers without Electron.
import { app, BrowserWindow, dialog, ipcMain, Notification, safeStorage, session, shell } from 'electron'
import { join } from 'node:path'
import { BRIDGE_METHODS, channelOf } from '../core/bridge/contract'
import { HandlerTable } from './bridge/handlers'
import { ConfigStore } from './config/configStore'
import { desktopHandlers } from './handlers'
import { DesktopKeyStore } from './keys/desktopKeyStore'
import { allowPermission } from './security/permissions'
import { buildCsp, isAllowedExternal } from './security/csp'

const EXTERNAL_HOSTS: readonly string[] = []

if (!app.requestSingleInstanceLock()) app.quit()

const config = new ConfigStore(app.getPath('userData'), { serverUrl: process.env.ZT_SERVER_URL ?? 'http://127.0.0.1:7788' })
if (process.env.ZT_SERVER_URL) config.write({ serverUrl: process.env.ZT_SERVER_URL })

const handlers = new HandlerTable()
handlers.registerAll(
  desktopHandlers(config, new DesktopKeyStore(app.getPath('userData'), safeStorage), {
    version: app.getVersion(),
    platform: process.platform,
    notify: (title, body) => new Notification({ title, body }).show(),
    chooseSavePath: async (suggestedName) => {
      const options = { defaultPath: suggestedName, filters: [{ name: 'PDF', extensions: ['pdf'] }] }
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
  }),
)

let win: BrowserWindow | null = null

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
    },
  })
  win.on('ready-to-show', () => win?.show())
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url, EXTERNAL_HOSTS)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  void win.loadFile(join(import.meta.dirname, '../renderer/index.html'))
}

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback, details) =>
    callback(allowPermission({ permission, url: wc.getURL(), mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined })))
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [buildCsp(config.read().serverUrl)] } })
  })
  for (const method of BRIDGE_METHODS) ipcMain.handle(channelOf(method), (_event, arg: unknown) => handlers.call(method, arg))
  createWindow()
})

app.on('second-instance', () => {
  if (win?.isMinimized()) win.restore()
  win?.focus()
})
app.on('window-all-closed', () => app.quit())
