// The bridge methods as the desktop host answers them. Electron's few calls come in as `os`, so
// this stays plain Node that unit tests run.
import type { Handlers } from './bridge/handlers'
import type { ConfigStore } from './config/configStore'

export interface DesktopOs {
  version: string
  platform: string
  notify(title: string, body: string): void
}

export function desktopHandlers(config: ConfigStore, os: DesktopOs): Handlers {
  return {
    'app.info': () => ({ version: os.version, host: 'desktop', platform: os.platform }),
    'config.getServerUrl': () => config.read().serverUrl,
    'config.setServerUrl': (url) => {
      config.write({ serverUrl: new URL(url).origin })
      return undefined
    },
    'notify.show': ({ title, body }) => {
      os.notify(title, body)
      return undefined
    },
  }
}
