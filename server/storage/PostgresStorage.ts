// The PostgreSQL store (`--postgres postgres://…`): the Storage contract on tables that several
// server processes share. Each part lives in its own file — room updates (PostgresRoomLog), the
// directory and the change log (PostgresDirectory), locks (PostgresLocks), the audit chain
// (PostgresAudit), the schema (PostgresSchema); sessions, room records, commands, counters and
// blobs are single statements here. Every write is committed before its promise resolves.
import pg from 'pg'
import type { AuditEntry, AuditRecord } from '../../src/core/audit/chain'
import type {
  BlobRecord, CertRecord, CommandRecord, RoomRecord, RoomUpdates, SessionRecord, Storage, StorageChange, UnitRecord, UserRecord,
} from '../../src/core/storage/types'
import type { CaKeyStore } from '../ca/AgencyCa'
import { PostgresAudit } from './PostgresAudit'
import { postgresCaKeys } from './PostgresCaKeys'
import { clientConfig, parsePostgresUrl, type PostgresTarget } from './PostgresConnection'
import { PostgresDirectory } from './PostgresDirectory'
import { PostgresLocks } from './PostgresLocks'
import { PostgresRoomLog } from './PostgresRoomLog'
import { migrate } from './PostgresSchema'

export interface PostgresOptions {
  /** connections for queries (besides one for LISTEN and one per lock name); default 10 */
  poolSize?: number
}

/** A counter asked to go back or stay (a number would be given twice): the command is not recorded. */
export class CounterConflictError extends Error {
  constructor() {
    super('counter_conflict')
  }
}

const PUT_COMMAND = `
WITH s AS (
  UPDATE zt_heads SET value = value + 1 WHERE name = 'commands' AND $2::boolean RETURNING value
), cmd AS (
  INSERT INTO zt_commands (id, seq, room, record) VALUES ($1, (SELECT value FROM s), $3, $4) RETURNING seq
), c AS (
  -- a counter only moves forward: whoever took a number, nobody else gets it
  INSERT INTO zt_counters AS k (name, value) SELECT * FROM unnest($5::text[], $6::bigint[])
  ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value WHERE k.value < EXCLUDED.value
  RETURNING 1
)
SELECT (SELECT seq FROM cmd) AS seq,
  CASE WHEN (SELECT count(*) FROM c) < cardinality($5::text[]) THEN zt_refuse('counter_conflict') END AS refused`

const PUT_BLOB = `
INSERT INTO zt_blobs AS b (sm3, size, uploaded_by, uploaded_at, rooms, data) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (sm3) DO UPDATE SET rooms = b.rooms || ARRAY(SELECT r FROM unnest(EXCLUDED.rooms) AS r WHERE r <> ALL (b.rooms))
RETURNING sm3, size, uploaded_by, uploaded_at, rooms`

export class PostgresStorage implements Storage {
  private readonly rooms: PostgresRoomLog
  private readonly directory: PostgresDirectory
  private readonly locks: PostgresLocks
  private readonly audit: PostgresAudit

  private constructor(
    private readonly pool: pg.Pool,
    readonly target: PostgresTarget,
  ) {
    this.rooms = new PostgresRoomLog(pool)
    this.directory = new PostgresDirectory(pool, target)
    this.locks = new PostgresLocks(target)
    this.audit = new PostgresAudit(pool)
  }

  /** Connects, creates or migrates the schema, and loads the directory. */
  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStorage> {
    const target = parsePostgresUrl(url)
    const pool = new pg.Pool({ ...clientConfig(target), max: options.poolSize ?? 10, idleTimeoutMillis: 30_000 })
    // an idle connection that drops is replaced on next use; nothing is lost with it
    pool.on('error', () => undefined)
    try {
      await migrate(pool, target.schema)
      const store = new PostgresStorage(pool, target)
      await store.directory.open()
      return store
    } catch (err) {
      await pool.end().catch(() => undefined)
      throw err
    }
  }

  /** where the agency CA keeps its keys when the processes share this database */
  caKeys(): CaKeyStore {
    return postgresCaKeys(this.pool)
  }

  // ── room updates ──────────────────────────────────────────────────────────────────────────
  loadRoom(room: string): Promise<Uint8Array[]> {
    return this.rooms.load(room)
  }
  appendUpdate(room: string, update: Uint8Array): Promise<number> {
    return this.rooms.append(room, update)
  }
  updatesSince(room: string, position: number): Promise<RoomUpdates> {
    return this.rooms.since(room, position)
  }
  /** where each room's log has reached, for a process checking that it missed nothing (server/scale) */
  roomPositions(rooms: string[]): Promise<Map<string, number>> {
    return this.rooms.positions(rooms)
  }
  compactRoom(room: string, state: Uint8Array): Promise<void> {
    return this.rooms.compact(room, state)
  }
  logLength(room: string): number {
    return this.rooms.length(room)
  }
  async releaseRoom(room: string): Promise<void> {
    this.rooms.release(room)
  }

  // ── the directory ─────────────────────────────────────────────────────────────────────────
  units(): UnitRecord[] {
    return this.directory.allUnits()
  }
  putUnit(unit: UnitRecord): Promise<void> {
    return this.directory.write('INSERT INTO zt_units (id, record) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record', [unit.id, JSON.stringify(unit)], { kind: 'unit', unit })
  }
  users(): UserRecord[] {
    return this.directory.allUsers()
  }
  userById(id: string): UserRecord | undefined {
    return this.directory.user(id)
  }
  userByUsername(username: string): UserRecord | undefined {
    return this.directory.userNamed(username)
  }
  putUser(user: UserRecord): Promise<void> {
    return this.directory.write(
      'INSERT INTO zt_users (id, username, record) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, record = EXCLUDED.record',
      [user.id, user.username, JSON.stringify(user)],
      { kind: 'user', user },
    )
  }
  certs(): CertRecord[] {
    return this.directory.allCerts()
  }
  certsOf(userId: string): CertRecord[] {
    return this.directory.certsOf(userId)
  }
  putCert(cert: CertRecord): Promise<void> {
    return this.directory.write(
      'INSERT INTO zt_certs (serial, user_id, record) VALUES ($1, $2, $3) ON CONFLICT (serial) DO UPDATE SET user_id = EXCLUDED.user_id, record = EXCLUDED.record',
      [cert.serial, cert.userId, JSON.stringify(cert)],
      { kind: 'cert', cert },
    )
  }
  catchUp(): Promise<void> {
    return this.directory.catchUp()
  }

  // ── sessions ──────────────────────────────────────────────────────────────────────────────
  async putSession(session: SessionRecord): Promise<void> {
    // expired sessions are dropped whenever a new one is written
    await this.pool.query('DELETE FROM zt_sessions WHERE expires_at < now()')
    await this.pool.query(
      'INSERT INTO zt_sessions (token_hash, user_id, expires_at, record) VALUES ($1, $2, $3, $4) ON CONFLICT (token_hash) DO UPDATE SET user_id = EXCLUDED.user_id, expires_at = EXCLUDED.expires_at, record = EXCLUDED.record',
      [session.tokenHash, session.userId, session.expiresAt, JSON.stringify(session)],
    )
  }
  async session(tokenHash: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.pool.query<{ record: SessionRecord }>('SELECT record FROM zt_sessions WHERE token_hash = $1', [tokenHash])
    return rows[0]?.record
  }
  deleteSession(tokenHash: string): Promise<void> {
    return this.directory.write('DELETE FROM zt_sessions WHERE token_hash = $1', [tokenHash], { kind: 'sessions', tokenHashes: [tokenHash] })
  }
  deleteSessionsOf(userId: string): Promise<void> {
    return this.directory.write('DELETE FROM zt_sessions WHERE user_id = $1', [userId], { kind: 'sessions', userId })
  }

  // ── room records ──────────────────────────────────────────────────────────────────────────
  async room(room: string): Promise<RoomRecord | undefined> {
    const { rows } = await this.pool.query<{ record: RoomRecord }>('SELECT record FROM zt_rooms WHERE room = $1', [room])
    return rows[0]?.record
  }
  async roomsOf(userId: string): Promise<RoomRecord[]> {
    const { rows } = await this.pool.query<{ record: RoomRecord }>('SELECT record FROM zt_rooms WHERE owner = $1 OR members @> ARRAY[$1]::text[]', [userId])
    return rows.map((r) => r.record)
  }
  putRoom(record: RoomRecord): Promise<void> {
    return this.directory.write(
      'INSERT INTO zt_rooms (room, owner, members, record) VALUES ($1, $2, $3, $4) ON CONFLICT (room) DO UPDATE SET owner = EXCLUDED.owner, members = EXCLUDED.members, record = EXCLUDED.record',
      [record.room, record.owner, Object.keys(record.members), JSON.stringify(record)],
      { kind: 'room', room: record.room },
    )
  }

  // ── signed commands ───────────────────────────────────────────────────────────────────────
  async putCommand(command: Omit<CommandRecord, 'seq'>, counters: Record<string, number> = {}): Promise<CommandRecord> {
    const names = Object.keys(counters)
    try {
      const { rows } = await this.pool.query<{ seq: number | null }>(PUT_COMMAND, [
        command.id, command.status === 'accepted', command.room, JSON.stringify(command), names, names.map((n) => counters[n]),
      ])
      const seq = rows[0]?.seq
      return seq ? { ...command, seq } : { ...command }
    } catch (err) {
      if ((err as { code?: string }).code === 'ZT001') throw new CounterConflictError()
      throw err
    }
  }
  async command(id: string): Promise<CommandRecord | undefined> {
    const { rows } = await this.pool.query<{ seq: number | null; record: CommandRecord }>('SELECT seq, record FROM zt_commands WHERE id = $1', [id])
    return rows[0] ? withSeq(rows[0]) : undefined
  }
  async roomCommands(room: string): Promise<CommandRecord[]> {
    const { rows } = await this.pool.query<{ seq: number; record: CommandRecord }>('SELECT seq, record FROM zt_commands WHERE room = $1 AND seq IS NOT NULL ORDER BY seq', [room])
    return rows.map(withSeq)
  }
  async counter(name: string): Promise<number> {
    const { rows } = await this.pool.query<{ value: number }>('SELECT value FROM zt_counters WHERE name = $1', [name])
    return rows[0] ? rows[0].value : 0
  }
  withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
    return this.locks.withLock(name, task)
  }
  /** shared by processes: the next judge may be another process, so every write is durable as it resolves */
  async staged<T>(task: () => Promise<T>): Promise<{ value: T; durable: Promise<void> }> {
    return { value: await task(), durable: Promise.resolve() }
  }

  // ── blobs: bytes as bytea, in the same row and transaction as their record ───────────────
  async putBlob(record: BlobRecord, bytes: Uint8Array): Promise<BlobRecord> {
    const { rows } = await this.pool.query<BlobRow>(PUT_BLOB, [record.sm3, record.size, record.uploadedBy, record.uploadedAt, record.rooms, bytes])
    return blobOf(rows[0]!)
  }
  async blob(sm3: string): Promise<BlobRecord | undefined> {
    const { rows } = await this.pool.query<BlobRow>('SELECT sm3, size, uploaded_by, uploaded_at, rooms FROM zt_blobs WHERE sm3 = $1', [sm3])
    return rows[0] ? blobOf(rows[0]) : undefined
  }
  async readBlob(sm3: string): Promise<Uint8Array> {
    const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM zt_blobs WHERE sm3 = $1', [sm3])
    if (!rows[0]) throw Object.assign(new Error(`no blob ${sm3}`), { code: 'ENOENT' })
    return new Uint8Array(rows[0].data.buffer, rows[0].data.byteOffset, rows[0].data.byteLength)
  }

  // ── the audit chain ───────────────────────────────────────────────────────────────────────
  appendAudit(entry: AuditEntry | ((head: AuditRecord | null) => AuditEntry)): Promise<AuditRecord> {
    return this.audit.append(entry)
  }
  pruneAudit(before: Date, retentionDays: number): Promise<number> {
    return this.audit.prune(before, retentionDays)
  }
  readAudit(): AsyncIterable<AuditRecord> {
    return this.audit.read()
  }

  watch(listener: (change: StorageChange) => void): () => void {
    return this.directory.watch(listener)
  }

  async close(): Promise<void> {
    await this.rooms.idle()
    await this.audit.idle()
    await this.locks.close()
    await this.directory.close()
    await this.pool.end()
  }
}

interface BlobRow {
  sm3: string
  size: number
  uploaded_by: string
  uploaded_at: string
  rooms: string[]
}

function blobOf(row: BlobRow): BlobRecord {
  return { sm3: row.sm3, size: row.size, uploadedBy: row.uploaded_by, uploadedAt: row.uploaded_at, rooms: row.rooms }
}

function withSeq(row: { seq: number | null; record: CommandRecord }): CommandRecord {
  return row.seq ? { ...row.record, seq: row.seq } : row.record
}
