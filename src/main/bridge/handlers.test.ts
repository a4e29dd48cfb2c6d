import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BRIDGE_METHODS } from '../../core/bridge/contract'
import { ConfigStore } from '../config/configStore'
import { DeepLinkInbox } from '../deepLink/deepLinks'
import { desktopHandlers } from '../handlers'
import { faceChoice, findFonts } from '../../pdf/fonts'
import { DesktopKeyStore, type SecretBox } from '../keys/desktopKeyStore'
import { HandlerTable } from './handlers'
import { ownWindowGuard, type IpcSender } from './sender'

// stands in for Electron's safeStorage, which cannot run here
const testBox: SecretBox = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(plain).reverse(),
  decryptString: (sealed) => Buffer.from(sealed).reverse().toString(),
}

// a call from our own window's main frame (sender.test.ts covers the refusals)
const OWN: IpcSender = { sender: { id: 1 }, senderFrame: { url: 'app://zhengtong/index.html', origin: 'app://zhengtong', parent: null, isDestroyed: () => false } }

const saveDir = mkdtempSync(join(tmpdir(), 'zt-save-'))

function table(): { handlers: HandlerTable; notified: string[]; config: ConfigStore; reloads: () => number; deepLinks: DeepLinkInbox; prints: () => number } {
  let prints = 0
  const config = new ConfigStore(mkdtempSync(join(tmpdir(), 'zt-config-')))
  const notified: string[] = []
  let reloads = 0
  const deepLinks = new DeepLinkInbox()
  const handlers = new HandlerTable(ownWindowGuard(() => [1]))
  handlers.registerAll(desktopHandlers(config, new DesktopKeyStore(mkdtempSync(join(tmpdir(), 'zt-keys-')), testBox), deepLinks, {
    version: '1.2.3', platform: 'linux', notify: (t, b) => notified.push(`${t}:${b}`),
    // the save dialog answers with a path in a temporary folder, or cancels for "取消.pdf"
    chooseSavePath: async (name) => (name === '取消.pdf' ? null : join(saveDir, name)),
    // the print dialog: printed the first time, cancelled after
    print: async () => ({ printed: prints++ === 0 }),
    reloadWindow: () => reloads++,
  }))
  return { handlers, notified, config, reloads: () => reloads, deepLinks, prints: () => prints }
}

describe('main bridge handlers', () => {
  it('saves a page model as a PDF where the user chose, and nothing when they cancel', async () => {
    const { handlers } = table()
    const model = { width: 210, height: 297, title: '测试', pages: [{ number: 1, boxes: [{ kind: 'text', x: 28, baseline: 50, text: '关于做好年终安全检查的通知', face: 'xiaobiaosong', size: 22, advance: 7.76, color: 'black' }] }] }
    const saved = (await handlers.call('pdf.save', { model, fileName: '通知.pdf', date: '2026-11-22T00:00:00.000Z' }, OWN)) as { saved: boolean; path: string }
    expect(saved).toEqual({ saved: true, path: join(saveDir, '通知.pdf') })
    expect(readFileSync(saved.path).subarray(0, 5).toString()).toBe('%PDF-')
    expect(await handlers.call('pdf.save', { model, fileName: '取消.pdf', date: '2026-11-22T00:00:00.000Z' }, OWN)).toEqual({ saved: false })
    await expect(handlers.call('pdf.save', { model: { ...model, pages: [{ boxes: [{ kind: 'script' }] }] }, fileName: 'x.pdf', date: '2026-11-22T00:00:00.000Z' }, OWN)).rejects.toThrow(/invalid argument/)
  })

  it('saves bytes made in the page (an OFD) where the user chose', async () => {
    const { handlers } = table()
    const data = new Uint8Array([0x50, 0x4b, 3, 4, 9])
    const saved = (await handlers.call('file.save', { data, fileName: '通知.ofd', kind: 'ofd' }, OWN)) as { saved: boolean; path: string }
    expect(saved).toEqual({ saved: true, path: join(saveDir, '通知.ofd') })
    expect([...readFileSync(saved.path)]).toEqual([...data])
    expect(await handlers.call('file.save', { data, fileName: '取消.pdf', kind: 'pdf' }, OWN)).toEqual({ saved: false })
    await expect(handlers.call('file.save', { data: 'PK', fileName: 'x.ofd', kind: 'ofd' }, OWN)).rejects.toThrow(/invalid argument/)
    await expect(handlers.call('file.save', { data, fileName: 'x.exe', kind: 'exe' }, OWN)).rejects.toThrow(/invalid argument/)
  })

  it('names the fonts its PDFs use, and hands the page the same files', async () => {
    const { handlers } = table()
    const choice = (await handlers.call('fonts.choice', undefined, OWN)) as { faces: Record<string, { label: string; fallback: boolean }> }
    const fonts = findFonts()
    expect(choice.faces).toEqual(faceChoice(fonts))
    const data = (await handlers.call('fonts.data', { face: 'fangsong' }, OWN)) as Uint8Array
    expect(Buffer.from(data).equals(readFileSync(fonts.fangsong.path))).toBe(true)
    await expect(handlers.call('fonts.data', { face: 'arial' }, OWN)).rejects.toThrow(/invalid argument/)
  })

  it('prints through the window, and says when the user cancelled', async () => {
    const { handlers, prints } = table()
    expect(await handlers.call('page.print', undefined, OWN)).toEqual({ printed: true })
    expect(await handlers.call('page.print', undefined, OWN)).toEqual({ printed: false })
    expect(prints()).toBe(2)
  })

  it('answers every contract method', async () => {
    const { handlers } = table()
    expect(handlers.methods().sort()).toEqual([...BRIDGE_METHODS].sort())
    expect(await handlers.call('app.info', undefined, OWN)).toEqual({ version: '1.2.3', host: 'desktop', platform: 'linux' })
  })

  it('validates arguments before anything runs', async () => {
    const { handlers, config } = table()
    await expect(handlers.call('config.setServerUrl', 42, OWN)).rejects.toThrow(/invalid argument/)
    await expect(handlers.call('config.setServerUrl', 'x'.repeat(501), OWN)).rejects.toThrow(/invalid argument/)
    expect(config.read().serverUrl).toBe('http://127.0.0.1:7788')
  })

  it('sets the server, reloading the window only when it changed, and refuses plain http off loopback in Chinese', async () => {
    const { handlers, config, reloads } = table()
    expect(await handlers.call('config.setServerUrl', 'not a url', OWN)).toEqual({ ok: false, error: '服务器地址格式不正确，应形如 https://zt.example.gov.cn' })
    const refused = (await handlers.call('config.setServerUrl', 'http://zt.example.gov.cn', OWN)) as { ok: false; error: string }
    expect(refused.ok).toBe(false)
    expect(refused.error).toMatch(/^服务器地址须以 https:\/\/ 开头/)
    expect(config.read().serverUrl).toBe('http://127.0.0.1:7788')
    expect(await handlers.call('config.setServerUrl', 'http://127.0.0.1:7788/', OWN)).toEqual({ ok: true, reloading: false })
    expect(reloads()).toBe(0)
    expect(await handlers.call('config.setServerUrl', 'https://zt.example.gov.cn/app/', OWN)).toEqual({ ok: true, reloading: true })
    expect(reloads()).toBe(1)
    expect(await handlers.call('config.getServerUrl', undefined, OWN)).toBe('https://zt.example.gov.cn')
  })

  it('hands the page the zhengtong:// links the OS gave the app', async () => {
    const { handlers, deepLinks } = table()
    const asked = handlers.call('app.nextDeepLink', undefined, OWN)
    deepLinks.push('zhengtong://doc/abc')
    expect(await asked).toEqual({ url: 'zhengtong://doc/abc' })
  })

  it('refuses unknown methods and a second registration', async () => {
    const { handlers, notified } = table()
    await expect(handlers.call('shell.exec', 'rm -rf /', OWN)).rejects.toThrow(/unknown bridge method/)
    expect(() => handlers.register('notify.show', () => undefined)).toThrow(/registered twice/)
    await handlers.call('notify.show', { title: '新待办', body: '关于数字政府建设的通知' }, OWN)
    expect(notified).toEqual(['新待办:关于数字政府建设的通知'])
  })

  it('signs a command only for the user whose key it holds', async () => {
    const { handlers } = table()
    const { publicKey } = (await handlers.call('keys.create', { userId: 'u1' }, OWN)) as { publicKey: string }
    expect(await handlers.call('keys.state', { userId: 'u1' }, OWN)).toEqual({ state: 'unlocked', usesPin: false, publicKey })
    const unsigned = { id: crypto.randomUUID(), type: 'doc.share', room: 'doc:1', actor: 'u1', at: new Date().toISOString(), payload: { username: 'lisi', access: 'read' } }
    const signed = (await handlers.call('keys.sign', unsigned, OWN)) as { sig: string }
    expect(signed.sig).toMatch(/^30[0-9a-f]+$/)
    await expect(handlers.call('keys.sign', { ...unsigned, actor: 'u2' }, OWN)).rejects.toThrow(/locked/)
    await expect(handlers.call('keys.sign', { ...unsigned, type: 'Bad Type' }, OWN)).rejects.toThrow(/invalid argument/)
  })
})
