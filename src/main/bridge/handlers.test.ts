import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
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

const saveDir = mkdtempSync(join(tmpdir(), 'zt-save-'))

function table(): { handlers: HandlerTable; notified: string[]; config: ConfigStore } {
  const config = new ConfigStore(mkdtempSync(join(tmpdir(), 'zt-config-')))
  const notified: string[] = []
  const handlers = new HandlerTable()
  handlers.registerAll(desktopHandlers(config, new DesktopKeyStore(mkdtempSync(join(tmpdir(), 'zt-keys-')), testBox), {
    version: '1.2.3', platform: 'linux', notify: (t, b) => notified.push(`${t}:${b}`),
    // the save dialog answers with a path in a temporary folder, or cancels for "取消.pdf"
    chooseSavePath: async (name) => (name === '取消.pdf' ? null : join(saveDir, name)),
  }))
  return { handlers, notified, config }
}

describe('main bridge handlers', () => {
  it('saves a page model as a PDF where the user chose, and nothing when they cancel', async () => {
    const { handlers } = table()
    const model = { width: 210, height: 297, title: '测试', pages: [{ number: 1, boxes: [{ kind: 'text', x: 28, baseline: 50, text: '关于做好年终安全检查的通知', face: 'xiaobiaosong', size: 22, advance: 7.76, color: 'black' }] }] }
    const saved = (await handlers.call('pdf.save', { model, fileName: '通知.pdf', date: '2026-11-22T00:00:00.000Z' })) as { saved: boolean; path: string }
    expect(saved).toEqual({ saved: true, path: join(saveDir, '通知.pdf') })
    expect(readFileSync(saved.path).subarray(0, 5).toString()).toBe('%PDF-')
    expect(await handlers.call('pdf.save', { model, fileName: '取消.pdf', date: '2026-11-22T00:00:00.000Z' })).toEqual({ saved: false })
    await expect(handlers.call('pdf.save', { model: { ...model, pages: [{ boxes: [{ kind: 'script' }] }] }, fileName: 'x.pdf', date: '2026-11-22T00:00:00.000Z' })).rejects.toThrow(/invalid argument/)
  })

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
