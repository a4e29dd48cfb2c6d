// The signed-in session, kept on the machine so the app reopens without a network.
import { loginResponseSchema, type LoginResponse } from '../core/api/http'

const KEY = 'zt.session'

export interface Session extends LoginResponse {
  serverUrl: string
}

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY)
    if (!raw) return null
    const parsed = JSON.parse(raw) as Session
    const valid = loginResponseSchema.safeParse(parsed)
    return valid.success && typeof parsed.serverUrl === 'string' ? parsed : null
  } catch {
    return null
  }
}

export function saveSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session))
}

export function clearSession(): void {
  localStorage.removeItem(KEY)
}
