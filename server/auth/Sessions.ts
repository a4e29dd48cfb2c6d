// Bearer tokens: 32 random bytes handed to the client once; only their SHA-256 is stored, so a
// copy of the data directory yields no usable token. A session ends at its fixed expiry, after
// `idleMs` without a request or a socket message (会话超时), at logout, or when its user's
// certificates are revoked; the relay then closes the sockets opened with it.
import { createHash, randomBytes } from 'node:crypto'
import type { SessionRecord, Storage, UserRecord } from '../../src/core/storage/types'

export interface SessionOptions {
  ttlMs: number
  idleMs: number
  clock?: () => number
}

export interface Authenticated {
  user: UserRecord
  tokenHash: string
}

export class Sessions {
  private readonly clock: () => number
  /** socket activity not yet written to the store, by token hash */
  private readonly activity = new Map<string, number>()

  constructor(
    private readonly storage: Storage,
    private readonly options: SessionOptions,
  ) {
    this.clock = options.clock ?? Date.now
  }

  /** how stale a stored last-seen time may get before it is written again (a write per request would be too many) */
  private get touchEveryMs(): number {
    return Math.min(60_000, this.options.idleMs / 4)
  }

  async issue(user: UserRecord): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url')
    const now = new Date(this.clock())
    const expiresAt = new Date(now.getTime() + this.options.ttlMs).toISOString()
    await this.storage.putSession({ tokenHash: tokenHash(token), userId: user.id, createdAt: now.toISOString(), expiresAt, lastSeenAt: now.toISOString() })
    return { token, expiresAt }
  }

  /** The user a token stands for, or null when it is unknown, ended, expired or idle too long; counts as activity. */
  async authenticate(token: string | null | undefined): Promise<UserRecord | null> {
    return (await this.check(token))?.user ?? null
  }

  async check(token: string | null | undefined): Promise<Authenticated | null> {
    if (!token || token.length > 200) return null
    const hash = tokenHash(token)
    const session = await this.live(hash, this.clock(), true)
    const user = session && this.storage.userById(session.userId)
    return user ? { user, tokenHash: hash } : null
  }

  /** A message on a socket opened with the session: activity, written to the store at the next sweep. */
  touch(hash: string): void {
    this.activity.set(hash, this.clock())
  }

  /** Is the session still live (for a socket opened with it)? Ends it when it has expired or idled. */
  async stillLive(hash: string): Promise<boolean> {
    return (await this.live(hash, this.clock(), false)) !== null
  }

  revoke(token: string): Promise<void> {
    this.activity.delete(tokenHash(token))
    return this.storage.deleteSession(tokenHash(token))
  }

  /** Ends every session of a user (their certificates were revoked). */
  endAllOf(userId: string): Promise<void> {
    return this.storage.deleteSessionsOf(userId)
  }

  /**
   * The session if still live, judged on its last activity before now; `request` counts this call
   * as activity (a socket check does not). Activity is written when the stored time is stale.
   */
  private async live(hash: string, now: number, request: boolean): Promise<SessionRecord | null> {
    const session = await this.storage.session(hash)
    if (!session) {
      this.activity.delete(hash)
      return null
    }
    const stored = Date.parse(session.lastSeenAt ?? session.createdAt)
    const seen = Math.max(stored, this.activity.get(hash) ?? 0)
    if (Date.parse(session.expiresAt) <= now || now - seen > this.options.idleMs) {
      this.activity.delete(hash)
      // ended either way; a store that cannot write now drops it at the next sweep
      await this.storage.deleteSession(hash).catch((err: unknown) => console.error(err))
      return null
    }
    const latest = request ? now : seen
    if (latest - stored > this.touchEveryMs) {
      this.activity.delete(hash)
      // a read must not fail for its bookkeeping (a full disk): the activity stays in memory instead
      await this.storage.putSession({ ...session, lastSeenAt: new Date(latest).toISOString() }).catch(() => this.activity.set(hash, latest))
    }
    return session
  }
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
