// The host API the renderer may call: the Electron preload's `window.zt`, or, in the browser
// build, the same interface implemented in the page.
import type { ZtApi } from '../../core/bridge/contract'
import { browserZt } from './browserZt'

declare global {
  interface Window {
    zt?: ZtApi
  }
}

export const host: ZtApi = window.zt ?? browserZt
