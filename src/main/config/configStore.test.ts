import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigStore, defaultServerUrl } from './configStore'

const dir = (): string => mkdtempSync(join(tmpdir(), 'zt-config-'))

describe('desktop settings', () => {
  it('keeps an accepted server as its origin and says whether it changed', () => {
    const config = new ConfigStore(dir())
    expect(config.read().serverUrl).toBe('http://127.0.0.1:7788')
    expect(config.setServerUrl('https://zt.example.gov.cn/app/')).toEqual({ ok: true, origin: 'https://zt.example.gov.cn', changed: true })
    expect(config.setServerUrl('https://zt.example.gov.cn')).toEqual({ ok: true, origin: 'https://zt.example.gov.cn', changed: false })
    expect(config.read().serverUrl).toBe('https://zt.example.gov.cn')
  })

  it('refuses a plain-http office server and keeps the one it had', () => {
    const config = new ConfigStore(dir())
    const answer = config.setServerUrl('http://10.0.0.5:7788')
    expect(answer).toMatchObject({ ok: false, code: 'insecure_server_url' })
    expect(answer.ok || answer.message).toMatch(/https:\/\//)
    expect(config.read().serverUrl).toBe('http://127.0.0.1:7788')
  })

  it('ignores a settings file that names a plain-http office server', () => {
    const d = dir()
    writeFileSync(join(d, 'zhengtong.json'), JSON.stringify({ serverUrl: 'http://zt.example.gov.cn' }))
    expect(new ConfigStore(d).read().serverUrl).toBe('http://127.0.0.1:7788')
  })

  it('checks the configured default (ZT_SERVER_URL) the same way', () => {
    expect(defaultServerUrl(undefined)).toEqual({ serverUrl: 'http://127.0.0.1:7788' })
    expect(defaultServerUrl('https://zt.example.gov.cn/')).toEqual({ serverUrl: 'https://zt.example.gov.cn' })
    expect(defaultServerUrl('http://zt.example.gov.cn')).toMatchObject({ serverUrl: 'http://127.0.0.1:7788', refused: { code: 'insecure_server_url' } })
    expect(() => new ConfigStore(dir(), { serverUrl: 'http://zt.example.gov.cn' })).toThrow()
  })
})
