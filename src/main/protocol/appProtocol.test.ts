import { describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mimeTypeOf, resolveAppPath, serveAppRequest, withDesktopCsp } from './appProtocol'

// out/renderer in miniature, with a sibling folder whose name starts like it (a prefix check's trap)
const top = mkdtempSync(join(tmpdir(), 'zt-app-'))
const root = join(top, 'renderer')
mkdirSync(join(root, 'assets'), { recursive: true })
mkdirSync(join(top, 'renderer-secret'))
const INDEX = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self'" /></head><body></body></html>`
writeFileSync(join(root, 'index.html'), INDEX)
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
writeFileSync(join(root, 'assets', 'pdf.worker.min-x.mjs'), 'self.onmessage = null')
writeFileSync(join(root, 'assets', 'NotoSerif.woff2'), 'wOF2')
writeFileSync(join(root, 'assets', '公文.svg'), '<svg/>')
writeFileSync(join(top, 'renderer-secret', 'key.txt'), 'secret')
writeFileSync(join(top, 'key.txt'), 'secret')

const at = (path: string): Promise<unknown> => resolveAppPath(`app://zhengtong${path}`, root)
const file = (...parts: string[]): { status: 200; file: string } => ({ status: 200, file: join(root, ...parts) })

describe('app:// paths', () => {
  it('serves the files under the renderer folder', async () => {
    expect(await at('/index.html')).toEqual(file('index.html'))
    expect(await at('/assets/index-abc.js?v=1#x')).toEqual(file('assets', 'index-abc.js'))
    expect(await at('/assets/%E5%85%AC%E6%96%87.svg')).toEqual(file('assets', '公文.svg'))
  })

  it('answers index.html for the root and for the page\'s own routes, 404 for a missing file', async () => {
    expect(await at('/')).toEqual(file('index.html'))
    expect(await at('')).toEqual(file('index.html'))
    expect(await at('/meetings/today')).toEqual(file('index.html'))
    expect(await at('/assets/')).toEqual(file('index.html'))
    expect(await at('/assets/missing.js')).toEqual({ status: 404 })
  })

  it('never leaves the renderer folder', async () => {
    // the URL parser folds plain and %2e dot segments before we see them: these stay inside
    expect(await at('/../key.txt')).toEqual({ status: 404 })
    expect(await at('/%2e%2e/%2E%2E/key.txt')).toEqual({ status: 404 })
    expect(await at('/assets/../../renderer-secret/key.txt')).toEqual({ status: 404 })
    // encoded separators and NUL are refused outright
    expect(await at('/..%2fkey.txt')).toEqual({ status: 400 })
    expect(await at('/..%2Frenderer-secret%2Fkey.txt')).toEqual({ status: 400 })
    expect(await at('/..%5ckey.txt')).toEqual({ status: 400 })
    expect(await at('/index.html%00.js')).toEqual({ status: 400 })
    expect(await at(`/${encodeURIComponent(join(top, 'key.txt'))}`)).toEqual({ status: 400 })
    expect(await at('/%E4%B8')).toEqual({ status: 400 })
  })

  it('serves only its own host', async () => {
    expect(await resolveAppPath('app://evil/index.html', root)).toEqual({ status: 404 })
    expect(await resolveAppPath('app://zhengtong:8080/index.html', root)).toEqual({ status: 404 })
    expect(await resolveAppPath('file:///etc/passwd', root)).toEqual({ status: 404 })
  })

  it('names the MIME type of what the renderer ships', () => {
    expect(mimeTypeOf('a/index.html')).toBe('text/html; charset=utf-8')
    expect(mimeTypeOf('index-abc.js')).toBe('text/javascript; charset=utf-8')
    expect(mimeTypeOf('pdf.worker.min.mjs')).toBe('text/javascript; charset=utf-8')
    expect(mimeTypeOf('x.CSS')).toBe('text/css; charset=utf-8')
    expect(mimeTypeOf('f.woff2')).toBe('font/woff2')
    expect(mimeTypeOf('s.svg')).toBe('image/svg+xml')
    expect(mimeTypeOf('m.wasm')).toBe('application/wasm')
    expect(mimeTypeOf('unknown.bin')).toBe('application/octet-stream')
  })
})

describe('app:// responses', () => {
  const CSP = "default-src 'self'; connect-src 'self' https://zt.example.gov.cn wss://zt.example.gov.cn"
  const serve = (path: string, method = 'GET'): Promise<Response> => serveAppRequest(new Request(`app://zhengtong${path}`, { method }), { root, csp: () => CSP })

  it('gives the page the desktop CSP, in the header and in place of the meta', async () => {
    const res = await serve('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(CSP)
    const html = await res.text()
    expect(html).toContain(`content="${CSP}"`)
    expect(html).not.toContain("connect-src 'self'\"")
  })

  it('serves scripts with their type, nosniff, and refuses what is not a read', async () => {
    const res = await serve('/assets/pdf.worker.min-x.mjs')
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toBeNull()
    expect(await res.text()).toBe('self.onmessage = null')
    expect((await serve('/index.html', 'POST')).status).toBe(405)
    const head = await serve('/assets/index-abc.js', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    expect((await serve('/..%2fkey.txt')).status).toBe(400)
    expect((await serve('/nothing.js')).status).toBe(404)
  })

  it('writes the policy into the meta tag safely', () => {
    expect(withDesktopCsp(INDEX, `img-src 'self' "x"`)).toContain(`content="img-src 'self' &quot;x&quot;"`)
    expect(withDesktopCsp('<html></html>', 'x')).toBe('<html></html>')
  })

  it('finds the meta of the real index.html (else the browser build\'s connect-src \'self\' would shut the desktop off its server)', () => {
    const source = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8')
    expect(withDesktopCsp(source, 'DESKTOP-POLICY')).toContain('content="DESKTOP-POLICY"')
  })
})
