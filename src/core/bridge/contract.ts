// The one typed bridge between the renderer and its host (ARCHITECTURE.md §4, STYLE.md "One typed
// bridge"). Every `window.zt` method is listed here with zod schemas for its argument and result.
// The Electron preload exposes each on its own fixed channel `zt:<name>`; main validates the
// argument before anything runs; the browser build implements the same interface in the page.
import { z } from 'zod'

export const ZT_CHANNEL_PREFIX = 'zt:'

export const bridgeContract = {
  'app.info': {
    arg: z.undefined(),
    result: z.object({
      version: z.string(),
      host: z.enum(['desktop', 'browser']),
      platform: z.string(),
    }),
  },
  'config.getServerUrl': {
    arg: z.undefined(),
    result: z.string(),
  },
  'config.setServerUrl': {
    arg: z.string().url().max(500),
    result: z.undefined(),
  },
  'notify.show': {
    arg: z.object({ title: z.string().max(200), body: z.string().max(1000) }),
    result: z.undefined(),
  },
} as const

export type BridgeContract = typeof bridgeContract
export type BridgeMethod = keyof BridgeContract
export type BridgeArg<M extends BridgeMethod> = z.infer<BridgeContract[M]['arg']>
export type BridgeResult<M extends BridgeMethod> = z.infer<BridgeContract[M]['result']>

/** `window.zt`: one async function per contract method, named by its dotted name. */
export type ZtApi = {
  [M in BridgeMethod]: BridgeArg<M> extends undefined ? () => Promise<BridgeResult<M>> : (arg: BridgeArg<M>) => Promise<BridgeResult<M>>
}

export const BRIDGE_METHODS = Object.keys(bridgeContract) as BridgeMethod[]

export function channelOf(method: BridgeMethod): string {
  return ZT_CHANNEL_PREFIX + method
}
