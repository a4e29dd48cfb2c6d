import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { buildCsp, isAllowedExternal } from './csp'

describe('desktop CSP', () => {
  it('lets the app reach only its own files and the configured server', () => {
    const csp = buildCsp('https://zt.example.gov.cn')
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain('connect-src \'self\' https://zt.example.gov.cn wss://zt.example.gov.cn')
    // WebAssembly may compile (hb-subset); JavaScript eval stays shut
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect(csp).not.toMatch(/[\s]'unsafe-eval'/)
    expect(buildCsp('http://127.0.0.1:7788')).toContain('ws://127.0.0.1:7788')
    expect(buildCsp('https://zt.example.gov.cn')).toContain("frame-src 'none'")
  })

  it('admits no whole scheme (http:, https:, ws:, wss:) anywhere, in the desktop policy or the page\'s meta', () => {
    const scheme = /(^|\s)(https?|wss?):(\s|;|$)/
    expect(buildCsp('https://zt.example.gov.cn')).not.toMatch(scheme)
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8')
    const meta = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? ''
    // the browser build is served by the server it talks to: its own origin is the server
    expect(meta.split(';').map((d) => d.trim())).toContain("connect-src 'self'")
    expect(meta).not.toMatch(scheme)
  })
})

describe('external links', () => {
  it('opens only https links to allowed hosts', () => {
    expect(isAllowedExternal('https://www.gov.cn/zhengce/', ['www.gov.cn'])).toBe(true)
    expect(isAllowedExternal('http://www.gov.cn/', ['www.gov.cn'])).toBe(false)
    expect(isAllowedExternal('https://evil.example/', ['www.gov.cn'])).toBe(false)
    expect(isAllowedExternal('file:///etc/passwd', ['www.gov.cn'])).toBe(false)
    expect(isAllowedExternal('not a url', ['www.gov.cn'])).toBe(false)
  })
})
