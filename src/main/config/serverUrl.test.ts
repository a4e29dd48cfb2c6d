import { describe, expect, it } from 'vitest'
import { checkServerUrl, isLoopbackHost } from './serverUrl'

describe('the desktop server address', () => {
  it('accepts https anywhere, answering the origin only', () => {
    expect(checkServerUrl('https://zt.example.gov.cn/app/')).toEqual({ ok: true, origin: 'https://zt.example.gov.cn' })
    expect(checkServerUrl(' https://10.1.2.3:8443 ')).toEqual({ ok: true, origin: 'https://10.1.2.3:8443' })
  })

  it('accepts plain http on loopback only: 127.0.0.0/8, ::1, localhost', () => {
    for (const url of ['http://127.0.0.1:7788', 'http://127.8.9.10', 'http://127.1:7788', 'http://localhost:7788', 'http://LOCALHOST', 'http://[::1]:7788']) {
      expect(checkServerUrl(url), url).toMatchObject({ ok: true })
    }
    expect(checkServerUrl('http://127.1:7788')).toEqual({ ok: true, origin: 'http://127.0.0.1:7788' })
  })

  it('refuses plain http to any other host, with the Chinese reason', () => {
    for (const url of ['http://zt.example.gov.cn', 'http://10.0.0.5:7788', 'http://192.168.1.20', 'http://128.0.0.1', 'http://[::2]', 'http://[::ffff:7f00:1]', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io', 'http://0.0.0.0:7788']) {
      const check = checkServerUrl(url)
      expect(check, url).toMatchObject({ ok: false, code: 'insecure_server_url' })
      expect(check.ok || check.message).toContain('https://')
    }
  })

  it('refuses what is not a server address', () => {
    for (const url of ['', 'zt.example.gov.cn', 'ftp://zt.example.gov.cn', 'ws://127.0.0.1:7788', 'file:///etc/passwd', 'https://user:pw@zt.example.gov.cn', 'javascript:alert(1)']) {
      expect(checkServerUrl(url), url).toMatchObject({ ok: false, code: 'bad_server_url', message: '服务器地址格式不正确，应形如 https://zt.example.gov.cn' })
    }
  })

  it('knows loopback names as the URL parser writes them', () => {
    expect(isLoopbackHost('127.255.255.255')).toBe(true)
    expect(isLoopbackHost('::1')).toBe(false) // URL.hostname keeps the brackets
    expect(isLoopbackHost('localhost6')).toBe(false)
  })
})
