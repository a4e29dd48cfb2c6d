// Serves the renderer's files (out/renderer) at app://zhengtong/… instead of file:// (Electron
// security checklist §18): the page gets a real origin of its own that the IPC sender check and
// the permission handlers compare exactly, and only files under the renderer folder can be read.
// Plain Node (Request → Response), so vitest covers it; main passes it to protocol.handle.
import { readFile, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve } from 'node:path'
import { APP_HOST, APP_SCHEME } from './appOrigin'

/**
 * What the scheme may do: standard (relative URLs, an origin, storage), secure (a secure context,
 * which getUserMedia needs for 扫码签到), fetch (pdf.js fetches its worker and data), V8 code cache.
 * Not corsEnabled (no other origin may read our files), not bypassCSP, no service workers.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
}

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

export type AppPath = { status: 200; file: string } | { status: 400 | 404 }

/**
 * The file under `root` a request URL names. Each path segment is decoded and judged on its own
 * (so `%2e%2e`, `%2f` and `%5c` cannot climb out), the result must still lie inside `root`, and
 * a path that names no file and has no extension (a route of the page) gets index.html.
 */
export async function resolveAppPath(requestUrl: string, root: string): Promise<AppPath> {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return { status: 400 }
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username || url.password) return { status: 404 }
  const segments: string[] = []
  for (const raw of url.pathname.split('/')) {
    if (raw === '') continue
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return { status: 400 }
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return { status: 400 }
    segments.push(segment)
  }
  const base = resolve(root)
  const wanted = resolve(base, ...segments)
  const inside = relative(base, wanted)
  if (inside.startsWith('..') || isAbsolute(inside)) return { status: 400 }
  if (segments.length > 0 && (await isFile(wanted))) return { status: 200, file: wanted }
  const last = segments.at(-1) ?? ''
  if (extname(last) === '' || url.pathname.endsWith('/')) {
    const index = join(base, 'index.html')
    if (await isFile(index)) return { status: 200, file: index }
  }
  return { status: 404 }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i

/**
 * index.html as the desktop serves it: the browser build's CSP meta (which admits only the page's
 * own origin) carries the desktop's policy instead, the same one as the header; meta and header
 * would otherwise both apply and together admit no server at all.
 */
export function withDesktopCsp(html: string, csp: string): string {
  return html.replace(CSP_META, (_m, open: string, close: string) => `${open}${csp.replaceAll('"', '&quot;')}${close}`)
}

export interface AppServerOptions {
  /** the built renderer (out/renderer) */
  root: string
  /** the page's Content-Security-Policy, read per page load (the server address can change) */
  csp(): string
}

export async function serveAppRequest(request: Request, options: AppServerOptions): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } })
  const found = await resolveAppPath(request.url, options.root)
  if (found.status !== 200) return new Response(null, { status: found.status })
  const type = mimeTypeOf(found.file)
  const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' }
  const bytes = await readFile(found.file)
  let body: BodyInit = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength)
  if (type.startsWith('text/html')) {
    const csp = options.csp()
    headers['Content-Security-Policy'] = csp
    body = withDesktopCsp(bytes.toString('utf8'), csp)
  }
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers })
}
