// The directory (units, users, certificates) held in memory, and the change log that keeps every
// process's copy fresh. A write that others must hear of (the directory, a room record, ended
// sessions) goes with an entry in zt_changes in the same statement, numbered by the 'changes'
// head, whose row lock makes the numbers gap-free and committed in order, and a NOTIFY on the
// store's channel. Each process reads the log after the last number it has applied: woken by the
// NOTIFY, after its own writes, and in catchUp() — which is exact, because an entry committed
// before the call has a number at most the head it then reads.
import pg from 'pg'
import type { CertRecord, StorageChange, UnitRecord, UserRecord } from '../../src/core/storage/types'
import { changeChannel, clientConfig, type PostgresTarget } from './PostgresConnection'
import { quoteIdent } from './PostgresSchema'

/** What the log holds: directory entries carry the record, so applying one needs no other read. */
export type LoggedChange =
  | { kind: 'unit'; unit: UnitRecord }
  | { kind: 'user'; user: UserRecord }
  | { kind: 'cert'; cert: CertRecord }
  | Exclude<StorageChange, { kind: 'directory' }>

/** log entries older than this are removed; a process that was away longer reloads the directory */
const KEEP_CHANGES = '1 day'
const PRUNE_EVERY_MS = 3_600_000
const RECONNECT_MS = 1_000

export class PostgresDirectory {
  private units = new Map<string, UnitRecord>()
  private users = new Map<string, UserRecord>()
  private byUsername = new Map<string, UserRecord>()
  private certs = new Map<string, CertRecord>()
  private certsByUser = new Map<string, CertRecord[]>()
  /** the last log entry applied here */
  private seen = 0
  private running: Promise<void> = Promise.resolve()
  private queued: Promise<void> | null = null
  private readonly listeners = new Set<(change: StorageChange) => void>()
  private listener: pg.Client | null = null
  private closed = false
  private readonly pruneTimer: NodeJS.Timeout

  constructor(
    private readonly pool: pg.Pool,
    private readonly target: PostgresTarget,
  ) {
    this.pruneTimer = setInterval(() => void this.prune().catch(() => undefined), PRUNE_EVERY_MS)
    this.pruneTimer.unref()
  }

  async open(): Promise<void> {
    await this.listen()
    await this.reload()
    await this.prune()
  }

  // ── reads, from memory ──────────────────────────────────────────────────────────────────
  allUnits(): UnitRecord[] {
    return [...this.units.values()]
  }
  allUsers(): UserRecord[] {
    return [...this.users.values()]
  }
  user(id: string): UserRecord | undefined {
    return this.users.get(id)
  }
  userNamed(username: string): UserRecord | undefined {
    return this.byUsername.get(username)
  }
  allCerts(): CertRecord[] {
    return [...this.certs.values()]
  }
  certsOf(userId: string): CertRecord[] {
    return [...(this.certsByUser.get(userId) ?? [])]
  }

  // ── writes ──────────────────────────────────────────────────────────────────────────────
  /**
   * Runs `data` (one data-modifying statement using $1…$n) with its change-log entry and NOTIFY
   * as one statement, then applies the log here, so the change is visible before this resolves.
   */
  async write(data: string, params: unknown[], change: LoggedChange): Promise<void> {
    const n = params.length
    await this.pool.query(
      `WITH h AS (UPDATE zt_heads SET value = value + 1 WHERE name = 'changes' RETURNING value),
            d AS (${data}),
            c AS (INSERT INTO zt_changes (seq, change) SELECT value, $${n + 1}::json FROM h)
       SELECT pg_notify($${n + 2}, value::text) FROM h`,
      [...params, JSON.stringify(change), changeChannel(this.target.schema)],
    )
    await this.pull()
  }

  /** Resolves once every change committed before the call has been applied here. */
  catchUp(): Promise<void> {
    return this.pull()
  }

  watch(listener: (change: StorageChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.pruneTimer)
    await this.running.catch(() => undefined)
    const listener = this.listener
    this.listener = null
    await listener?.end().catch(() => undefined)
  }

  // ── the log ─────────────────────────────────────────────────────────────────────────────
  /** One read of the log at a time; a caller that comes while one is waiting to start shares it. */
  private pull(): Promise<void> {
    if (this.queued) return this.queued
    const next = this.running.then(() => {
      this.queued = null
      return this.readLog()
    })
    this.queued = next
    this.running = next.catch(() => undefined)
    return next
  }

  private async readLog(): Promise<void> {
    const { rows } = await this.pool.query<{ seq: number; change: LoggedChange }>('SELECT seq, change FROM zt_changes WHERE seq > $1 ORDER BY seq', [this.seen])
    if (rows.length === 0) return
    const changes = rows.map((r) => r.change)
    if (rows[0]!.seq !== this.seen + 1) {
      // entries were pruned before this process read them: start again from the tables
      await this.reload()
      this.emit([{ kind: 'directory' }, ...changes.filter((c) => c.kind === 'room' || c.kind === 'sessions')])
      return
    }
    for (const c of changes) this.apply(c)
    this.seen = rows.at(-1)!.seq
    this.emit(changes)
  }

  private emit(changes: (LoggedChange | StorageChange)[]): void {
    let directory = false
    for (const c of changes) {
      const out: StorageChange = c.kind === 'unit' || c.kind === 'user' || c.kind === 'cert' ? { kind: 'directory' } : c
      // several directory entries read at once are one change for caches of it
      if (out.kind === 'directory') {
        if (directory) continue
        directory = true
      }
      for (const listener of this.listeners) {
        try {
          listener(out)
        } catch (err) {
          console.error(err)
        }
      }
    }
  }

  private apply(change: LoggedChange): void {
    if (change.kind === 'unit') this.units.set(change.unit.id, change.unit)
    else if (change.kind === 'user') {
      const before = this.users.get(change.user.id)
      if (before) this.byUsername.delete(before.username)
      this.users.set(change.user.id, change.user)
      this.byUsername.set(change.user.username, change.user)
    } else if (change.kind === 'cert') {
      this.certs.set(change.cert.serial, change.cert)
      const list = (this.certsByUser.get(change.cert.userId) ?? []).filter((c) => c.serial !== change.cert.serial)
      list.push(change.cert)
      list.sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))
      this.certsByUser.set(change.cert.userId, list)
    }
  }

  /** Reads the whole directory and the head of the log in one snapshot. */
  private async reload(): Promise<void> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      const head = await client.query<{ value: number }>("SELECT value FROM zt_heads WHERE name = 'changes'")
      const units = await client.query<{ record: UnitRecord }>('SELECT record FROM zt_units')
      const users = await client.query<{ record: UserRecord }>('SELECT record FROM zt_users')
      const certs = await client.query<{ record: CertRecord }>('SELECT record FROM zt_certs')
      await client.query('COMMIT')
      this.units = new Map()
      this.users = new Map()
      this.byUsername = new Map()
      this.certs = new Map()
      this.certsByUser = new Map()
      for (const r of units.rows) this.apply({ kind: 'unit', unit: r.record })
      for (const r of users.rows) this.apply({ kind: 'user', user: r.record })
      for (const r of certs.rows) this.apply({ kind: 'cert', cert: r.record })
      this.seen = head.rows[0]!.value
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    } finally {
      client.release()
    }
  }

  private async prune(): Promise<void> {
    await this.pool.query(`DELETE FROM zt_changes WHERE at < now() - interval '${KEEP_CHANGES}'`)
  }

  /** A connection of its own that LISTENs; when it drops, another is opened (until one answers) and the log read. */
  private async listen(): Promise<void> {
    const client = new pg.Client(clientConfig(this.target))
    let dropped = false
    const drop = (): void => {
      if (dropped) return
      dropped = true
      if (this.listener === client) this.listener = null
      client.end().catch(() => undefined)
      if (!this.closed) this.relisten()
    }
    client.on('error', drop)
    client.on('end', drop)
    client.on('notification', () => void this.pull().catch(() => undefined))
    try {
      await client.connect()
      await client.query(`LISTEN ${quoteIdent(changeChannel(this.target.schema))}`)
    } catch (err) {
      // not yet listening: whoever called decides when to try again
      dropped = true
      client.end().catch(() => undefined)
      throw err
    }
    if (this.closed) {
      dropped = true
      await client.end()
      return
    }
    this.listener = client
  }

  private relisten(): void {
    setTimeout(() => {
      if (this.closed) return
      this.listen()
        .then(() => this.pull())
        .catch(() => this.relisten())
    }, RECONNECT_MS).unref()
  }
}
