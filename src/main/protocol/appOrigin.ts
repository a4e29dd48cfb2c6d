// The origin the desktop app is served from (src/main/protocol/appProtocol.ts). One fixed host on
// a scheme of our own, so "is this our page?" is one exact comparison, never a prefix match.
export const APP_SCHEME = 'app'
export const APP_HOST = 'zhengtong'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** True for URLs of our own origin exactly: scheme, host, no port and no credentials. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  // WHATWG URL gives non-special schemes an opaque origin ("null"), so compare the parts
  return u.protocol === `${APP_SCHEME}:` && u.hostname === APP_HOST && u.port === '' && u.username === '' && u.password === ''
}

/** Origins as Chromium reports them for a standard scheme: `app://zhengtong`. */
export function isAppOrigin(origin: string | undefined | null): boolean {
  return origin === APP_ORIGIN
}
