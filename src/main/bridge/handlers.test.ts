import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BRIDGE_METHODS } from '../../core/bridge/contract'
import { ConfigStore } from '../config/configStore'
import { desktopHandlers } from '../handlers'
import { DesktopKeyStore, type SecretBox } from '../keys/desktopKeyStore'
import { HandlerTable } from './handlers'

// stands in for Electron's safeStorage, which cannot run here
const testBox: SecretBox = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(plain).reverse(),
  decryptString: (sealed) => Buffer.from(sealed).reverse().toString(),
}

function table(): { handlers: HandlerTable; notified: string[]; config: ConfigStore } {
  const config = new ConfigStore(mkdtempSync(join(tmpdir(), 'zt-config-')))
  const notified: string[] = []
  const handlers = new HandlerTable()
  handlers.registerAll(desktopHandlers(config, new DesktopKeyStore(mkdtempSync(join(tmpdir(), 'zt-keys-')), testBox), { version: '1.2.3', platform: 'linux', notify: (t, b) => notified.push(`${t}:${b}`) }))
  return { handlers, notified, config }
}

describe('main bridge handlers', () => {
  it('answers every contract method', async () => {
    const { handlers } = table()
    expect(handlers.methods().sort()).toEqual([...BRIDGE_METHODS].sort())
    expect(await handlers.call('app.info', undefined)).toEqual({ version: '1.2.3', host: 'desktop', platform: 'linux' })
  })

  it('validates arguments before anything runs', async () => {
    const { handlers, config } = table()
    await expect(handlers.call('config.setServerUrl', 'not a url')).rejects.toThrow(/invalid argument/)
    await expect(handlers.call('config.setServerUrl', 42)).rejects.toThrow(/invalid argument/)
    expect(config.read().serverUrl).toBe('http://127.0.0.1:7788')
    await handlers.call('config.setServerUrl', 'https://zt.example.gov.cn/app/')
    expect(await handlers.call('config.getServerUrl', undefined)).toBe('https://zt.example.gov.cn')
  })

  it('refuses unknown methods and a second registration', async () => {
    const { handlers, notified } = table()
    await expect(handlers.call('shell.exec', 'rm -rf /')).rejects.toThrow(/unknown bridge method/)
    expect(() => handlers.register('notify.show', () => undefined)).toThrow(/registered twice/)
    await handlers.call('notify.show', { title: '新待办', body: '关于数字政府建设的通知' })
    expect(notified).toEqual(['新待办:关于数字政府建设的通知'])
  })

  it('signs a command only for the user whose key it holds', async () => {
    const { handlers } = table()
    const { publicKey } = (await handlers.call('keys.create', { userId: 'u1' })) as { publicKey: string }
    expect(await handlers.call('keys.state', { userId: 'u1' })).toEqual({ state: 'unlocked', usesPin: false, publicKey })
    const unsigned = { id: crypto.randomUUID(), type: 'doc.share', room: 'doc:1', actor: 'u1', at: new Date().toISOString(), payload: { username: 'lisi', access: 'read' } }
    const signed = (await handlers.call('keys.sign', unsigned)) as { sig: string }
    expect(signed.sig).toMatch(/^30[0-9a-f]+$/)
    await expect(handlers.call('keys.sign', { ...unsigned, actor: 'u2' })).rejects.toThrow(/locked/)
    await expect(handlers.call('keys.sign', { ...unsigned, type: 'Bad Type' })).rejects.toThrow(/invalid argument/)
  })
})
