// The `window.zt` object: one named function per contract method, each on its own fixed channel.
// Built from an `invoke` so that tests can check it without Electron. Only types come from the
// contract: a sandboxed preload loads no modules, so this file stays free of runtime imports.
import type { ZtApi } from '../core/bridge/contract'

export type Invoke = (channel: string, arg?: unknown) => Promise<unknown>

const PREFIX = 'zt:'

export function makePreloadApi(invoke: Invoke): ZtApi {
  const call = (method: keyof ZtApi) => {
    const channel = PREFIX + method
    return (arg?: unknown) => invoke(channel, arg)
  }
  return {
    'app.info': call('app.info'),
    'config.getServerUrl': call('config.getServerUrl'),
    'config.setServerUrl': call('config.setServerUrl'),
    'app.nextDeepLink': call('app.nextDeepLink'),
    'notify.show': call('notify.show'),
    'keys.state': call('keys.state'),
    'keys.create': call('keys.create'),
    'keys.unlock': call('keys.unlock'),
    'keys.lock': call('keys.lock'),
    'keys.sign': call('keys.sign'),
    'keys.sealSign': call('keys.sealSign'),
    'pdf.save': call('pdf.save'),
    'file.save': call('file.save'),
    'fonts.choice': call('fonts.choice'),
    'fonts.data': call('fonts.data'),
    'page.print': call('page.print'),
  } as ZtApi satisfies ZtApi
}
