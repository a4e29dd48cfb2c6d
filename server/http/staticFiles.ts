// Serves the built renderer (out/renderer) at /app/ — the browser build of the same app.
import { createReadStream, existsSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.map': 'application/json; charset=utf-8',
}

export const NOT_BUILT_HINT = '<!doctype html><meta charset="utf-8"><title>政通</title><p>应用尚未构建，请先运行 <code>npm run build</code>，然后刷新本页。</p>'

/** Answers GET /app/… from `root`; paths without an extension fall back to index.html. */
export function serveApp(root: string, path: string, res: ServerResponse): void {
  let rel: string
  try {
    rel = decodeURIComponent(path.slice('/app/'.length)) || 'index.html'
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad request')
    return
  }
  let file = normalize(join(root, rel))
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(403).end()
    return
  }
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(rel) !== '') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found')
      return
    }
    file = join(root, 'index.html')
  }
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' }).end(NOT_BUILT_HINT)
    return
  }
  const name = file.slice(root.length + 1)
  const immutable = name.startsWith('assets' + sep)
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  })
  createReadStream(file).pipe(res)
}
