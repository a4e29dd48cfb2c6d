// The bridge methods as the desktop host answers them. Electron's few calls come in as `os`, so
// this stays plain Node that unit tests run.
import { readFile, writeFile } from 'node:fs/promises'
import { faceChoice, findFonts, MissingFontError } from '../pdf/fonts'
import { writePdf } from '../pdf/writePdf'
import type { Handlers } from './bridge/handlers'
import type { ConfigStore } from './config/configStore'
import type { DeepLinkInbox } from './deepLink/deepLinks'
import type { DesktopKeyStore } from './keys/desktopKeyStore'

export interface DesktopOs {
  version: string
  platform: string
  notify(title: string, body: string): void
  /** asks where to save (a save dialog); null when the user cancels */
  chooseSavePath(suggestedName: string, kind: 'pdf' | 'ofd'): Promise<string | null>
  /** Electron's print dialog for the window; false when the user cancels or printing failed */
  print(): Promise<{ printed: boolean; error?: string }>
  /** reloads the window after this answer (a new server needs a new CSP) */
  reloadWindow(): void
}

export function desktopHandlers(config: ConfigStore, keys: DesktopKeyStore, deepLinks: DeepLinkInbox, os: DesktopOs): Handlers {
  return {
    'app.info': () => ({ version: os.version, host: 'desktop', platform: os.platform }),
    'config.getServerUrl': () => config.read().serverUrl,
    'config.setServerUrl': (url) => {
      const answer = config.setServerUrl(url)
      if (!answer.ok) return { ok: false, error: answer.message }
      if (answer.changed) os.reloadWindow()
      return { ok: true, reloading: answer.changed }
    },
    'app.nextDeepLink': async () => ({ url: await deepLinks.next() }),
    'notify.show': ({ title, body }) => {
      os.notify(title, body)
      return undefined
    },
    'keys.state': ({ userId }) => keys.state(userId),
    'keys.create': ({ userId }) => keys.create(userId),
    // the OS unlocks the desktop key store at login; there is no PIN to check
    'keys.unlock': () => ({ ok: true }),
    'keys.lock': () => undefined,
    'keys.sign': (command) => keys.sign(command),
    'keys.sealSign': (req) => ({ der: keys.sealSign(req) }),
    'pdf.save': async ({ model, fileName, date, contentHash }) => {
      const path = await os.chooseSavePath(fileName, 'pdf')
      if (!path) return { saved: false }
      try {
        await writeFile(path, await writePdf(model, { date: new Date(date), ...(contentHash ? { contentHash } : {}) }))
        return { saved: true, path }
      } catch (err) {
        return { saved: false, error: err instanceof MissingFontError ? err.message : String(err) }
      }
    },
    'file.save': async ({ data, fileName, kind }) => {
      const path = await os.chooseSavePath(fileName, kind)
      if (!path) return { saved: false }
      try {
        await writeFile(path, data)
        return { saved: true, path }
      } catch (err) {
        return { saved: false, error: String(err) }
      }
    },
    // the same fonts pdf.save writes with, so the page view here matches this machine's PDFs
    'fonts.choice': () => {
      try {
        return { faces: faceChoice(findFonts()) }
      } catch (err) {
        if (err instanceof MissingFontError) return { error: err.message }
        throw err
      }
    },
    'fonts.data': async ({ face }) => new Uint8Array(await readFile(findFonts()[face].path)),
    'page.print': () => os.print(),
  }
}
