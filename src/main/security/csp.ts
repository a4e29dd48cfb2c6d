// The desktop window's Content-Security-Policy: the app's own files, and network access only to
// the configured server (HTTP for the API, WebSocket for rooms): its two origins, never a whole
// scheme. Sent with index.html by the app:// handler, header and meta alike.
export function buildCsp(serverUrl: string): string {
  const server = new URL(serverUrl)
  const ws = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`
  return [
    "default-src 'self'",
    // compiling WebAssembly (hb-subset, for the OFD's fonts), not eval of JavaScript
    "script-src 'self' 'wasm-unsafe-eval'",
    `connect-src 'self' ${server.origin} ${ws}`,
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "worker-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Links the app may hand to the system browser: https pages of an explicit allow-list only. */
export function isAllowedExternal(url: string, allowedHosts: readonly string[]): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' && allowedHosts.includes(u.hostname)
  } catch {
    return false
  }
}
