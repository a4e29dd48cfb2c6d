// Every host implements every bridge method: the preload, main's handler table, and the browser build.
import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HandlerTable } from '../../src/main/bridge/handlers'
import { ConfigStore } from '../../src/main/config/configStore'
import { DeepLinkInbox } from '../../src/main/deepLink/deepLinks'
import { desktopHandlers } from '../../src/main/handlers'
import { DesktopKeyStore } from '../../src/main/keys/desktopKeyStore'
import { makePreloadApi } from '../../src/preload/api'
import { BRIDGE_METHODS, channelOf } from '../../src/core/bridge/contract'

describe('bridge coverage', () => {
  it('the preload exposes each method on its own zt: channel', async () => {
    const calls: string[] = []
    const api = makePreloadApi(async (channel) => {
      calls.push(channel)
      return undefined
    })
    expect(Object.keys(api).sort()).toEqual([...BRIDGE_METHODS].sort())
    for (const m of BRIDGE_METHODS) await (api[m] as (a?: unknown) => Promise<unknown>)(undefined)
    expect(calls).toEqual(BRIDGE_METHODS.map(channelOf))
    expect(calls.every((c) => c.startsWith('zt:'))).toBe(true)
  })

  it('main registers a handler for each method', () => {
    const handlers = new HandlerTable()
    handlers.registerAll(desktopHandlers(new ConfigStore(mkdtempSync(join(tmpdir(), 'zt-'))), new DesktopKeyStore(mkdtempSync(join(tmpdir(), 'zt-')), { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' }), new DeepLinkInbox(), { version: '0', platform: 'test', notify: () => undefined, chooseSavePath: async () => null, print: async () => ({ printed: false }), reloadWindow: () => undefined }))
    expect(handlers.methods().sort()).toEqual([...BRIDGE_METHODS].sort())
  })

  it('the browser build implements each method', async () => {
    const { browserZt } = await import('../../src/renderer/platform/browserZt')
    expect(Object.keys(browserZt).sort()).toEqual([...BRIDGE_METHODS].sort())
  })
})
