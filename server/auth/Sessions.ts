// Bearer tokens: 32 random bytes handed to the client once; only their SHA-256 is stored, so a
// copy of the data directory yields no usable token. Tokens expire and can be revoked.
import { createHash, randomBytes } from 'node:crypto'
import type { Storage, UserRecord } from '../storage/types'

export class Sessions {
  constructor(
    private readonly storage: Storage,
    private readonly ttlMs: number,
  ) {}

  async issue(user: UserRecord): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url')
    const now = new Date()
    const expiresAt = new Date(now.getTime() + this.ttlMs).toISOString()
    await this.storage.putSession({ tokenHash: tokenHash(token), userId: user.id, createdAt: now.toISOString(), expiresAt })
    return { token, expiresAt }
  }

  /** The user a token stands for, or null when it is unknown, revoked or expired. */
  authenticate(token: string | null | undefined): UserRecord | null {
    if (!token || token.length > 200) return null
    const session = this.storage.session(tokenHash(token))
    if (!session || Date.parse(session.expiresAt) <= Date.now()) return null
    return this.storage.userById(session.userId) ?? null
  }

  revoke(token: string): Promise<void> {
    return this.storage.deleteSession(tokenHash(token))
  }
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
