// Which server addresses the desktop accepts: https anywhere, plain http only on this machine's
// loopback. Over http on an office network the bearer token, the documents and every signed
// command would cross the wire in clear text, which 等保 2.0's 通信传输 requirement forbids.
import { ERROR_MESSAGES } from '../../core/messages/errors'

export type ServerUrlCheck =
  | { ok: true; origin: string }
  | { ok: false; code: 'bad_server_url' | 'insecure_server_url'; message: string }

const refuse = (code: 'bad_server_url' | 'insecure_server_url'): ServerUrlCheck => ({ ok: false, code, message: ERROR_MESSAGES[code] })

/** 127.0.0.0/8, ::1 and localhost, as WHATWG URL canonicalises them (127.1 → 127.0.0.1). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/** Judges a server address the user typed or the installation configured; answers its origin. */
export function checkServerUrl(input: string): ServerUrlCheck {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return refuse('bad_server_url')
  }
  if (url.username || url.password || !url.hostname) return refuse('bad_server_url')
  if (url.protocol === 'https:') return { ok: true, origin: url.origin }
  if (url.protocol === 'http:') return isLoopbackHost(url.hostname) ? { ok: true, origin: url.origin } : refuse('insecure_server_url')
  return refuse('bad_server_url')
}
