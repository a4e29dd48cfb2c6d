// The storage port of the server (ARCHITECTURE.md §3.8): what every store implements — the embedded
// one under --data (the default) and PostgreSQL (--postgres). The same contract suite runs against
// each. It lives in core because it is a contract, not an implementation: it names no Node API.
//
// Reads of what grows with use (sessions, room records, commands, counters, blobs) are async: a
// store answers them from disk or a database. The directory (units, users, certificates) is small
// and read on every request, so stores serve it from memory; a store shared by several processes
// keeps that copy fresh itself, and `catchUp()` waits until it has seen every change made anywhere
// before now (call it where a decision must see the newest directory, as the command judge does).
import type { AuditEntry, AuditRecord } from '../audit/chain'
import type { AgencyTemplate, Clearance, Role } from '../directory/model'
import type { Access } from '../api/http'

export interface UserRecord {
  id: string
  username: string
  name: string
  unitId: string
  title: string
  roles: Role[]
  clearance: Clearance
  phone?: string
  /** scrypt$N$r$p$salt$hash */
  passwordHash: string
  /** when an administrator last allowed a new enrolment after a revocation (`zt admin allow-enroll`) */
  enrolApprovedAt?: string
}

export interface UnitRecord {
  id: string
  name: string
  code?: string
  order: number
  /** 收发员 (公文交换) */
  registrars?: string[]
  template?: AgencyTemplate
}

export interface SessionRecord {
  /** SM3/SHA-256 of the bearer token; the token itself is never stored */
  tokenHash: string
  userId: string
  createdAt: string
  expiresAt: string
  /** last request or socket message (written at most about once a minute): for the idle timeout */
  lastSeenAt?: string
}

export interface CertRecord {
  serial: string
  userId: string
  /** PEM of the X.509 certificate */
  pem: string
  issuedAt: string
  revokedAt?: string
  /** absent: revoked by an administrator; superseded: its device enrolled a new key */
  revokedReason?: 'superseded'
  /** the device that enrolled it (its own random id), for the one-per-device bound */
  device?: string
}

export interface CommandRecord {
  id: string
  actor: string
  type: string
  room: string
  at: string
  receivedAt: string
  /** server sequence number of an accepted command */
  seq?: number
  status: 'accepted' | 'rejected'
  reason?: string
  /** details for the rejection message (who acted first, when…) */
  reasonParams?: Record<string, string>
  /** kept for accepted commands: the flow is reduced from them */
  payload?: Record<string, unknown>
  contentHash?: string
  /** what the server decided in accepting it (e.g. the 发文字号) */
  result?: Record<string, unknown>
  /** kept for accepted commands: the signature and the command it follows, so the log can be filed and re-verified */
  sig?: string
  prev?: string
}

export interface BlobRecord {
  /** SM3 hex of the bytes: the blob's name */
  sm3: string
  size: number
  uploadedBy: string
  uploadedAt: string
  /** rooms whose readers may fetch it (a blob is attached to a room by uploading it there) */
  rooms: string[]
}

export interface RoomRecord {
  room: string
  owner: string
  members: Record<string, Access>
  title: string
  docType: string
  classification?: string
  urgency?: string
  createdAt: string
  updatedAt: string
  /** a 公文 under a workflow (every document created since issue 4) */
  flowKind?: 'outgoing' | 'incoming' | 'sealrequest'
  /** who may write meta/body/files now (the flow's editing holders) */
  editors?: string[]
  /** signed off: content frozen */
  frozen?: boolean
  /** the current step, for lists */
  step?: string
  /** arrived by internal 分发, already registered */
  registered?: boolean
  /** the 发文 room this 收文 was distributed from */
  source?: string
  /** the receiving unit of a copy sent by 公文交换 */
  unitId?: string
  /** a 正本 copy (公文交换): its 收文 flow goes through 登记 */
  original?: boolean
  /** a copy sent to a unit: every 收发员 who holds its 签收 (one of them signs for the unit) */
  receivers?: string[]
}

/** What changed in a store, for caches of it (in this process or, for a shared store, any other). */
export type StorageChange =
  | { kind: 'room'; room: string }
  | { kind: 'directory' }
  /** sessions ended: by token hash, or every session of a user */
  | { kind: 'sessions'; tokenHashes?: string[]; userId?: string }

/** A room's log read from a position: the updates after it and the position they reach. */
export interface RoomUpdates {
  updates: Uint8Array[]
  position: number
}

export interface Storage {
  // ── room updates: append-only, durable when the promise resolves ────────────────────────
  // A room's position counts the updates appended to it (by any process sharing the store) and
  // never goes back: a compaction keeps it. A process that has seen a room up to a position asks
  // for what came after (updatesSince) instead of loading the room again. Positions hold while the
  // store is open; a store shared by processes keeps them for good.
  loadRoom(room: string): Promise<Uint8Array[]>
  /** Appends an update; resolves, once it is durable, with the room's position after it. */
  appendUpdate(room: string, update: Uint8Array): Promise<number>
  /**
   * The updates appended after `position` (0: all of them) and the position they reach. Updates
   * compacted since come as the merged state that holds them (applying an update twice changes nothing).
   */
  updatesSince(room: string, position: number): Promise<RoomUpdates>
  /**
   * Replaces the room's snapshot and log by one merged state. A shared store keeps whatever other
   * processes appended meanwhile, and appends go on while it runs.
   */
  compactRoom(room: string, state: Uint8Array): Promise<void>
  /** records in the room's log since the last compaction */
  logLength(room: string): number
  /** the room left memory: release what is held open for it */
  releaseRoom(room: string): Promise<void>

  // ── the directory: served from memory, fresh after catchUp() ────────────────────────────
  units(): UnitRecord[]
  putUnit(unit: UnitRecord): Promise<void>
  users(): UserRecord[]
  userById(id: string): UserRecord | undefined
  userByUsername(username: string): UserRecord | undefined
  putUser(user: UserRecord): Promise<void>
  certs(): CertRecord[]
  /** a user's certificates, newest first */
  certsOf(userId: string): CertRecord[]
  putCert(cert: CertRecord): Promise<void>
  /** resolves once every change committed anywhere before the call is visible to this process */
  catchUp(): Promise<void>

  // ── sessions ────────────────────────────────────────────────────────────────────────────
  putSession(session: SessionRecord): Promise<void>
  session(tokenHash: string): Promise<SessionRecord | undefined>
  deleteSession(tokenHash: string): Promise<void>
  /** ends every session of a user (their certificates were revoked) */
  deleteSessionsOf(userId: string): Promise<void>

  // ── room records ────────────────────────────────────────────────────────────────────────
  room(room: string): Promise<RoomRecord | undefined>
  /** rooms the user owns or is a member of (what they may see of them is core policy: visibleRooms) */
  roomsOf(userId: string): Promise<RoomRecord[]>
  putRoom(record: RoomRecord): Promise<void>

  // ── signed commands ─────────────────────────────────────────────────────────────────────
  /**
   * Records a command's answer; accepted commands get the next sequence number. Counters named in
   * `counters` (e.g. 发文字号 per 代字 and year) take their new values in the same durable write,
   * so a number is never given twice or skipped.
   */
  putCommand(command: Omit<CommandRecord, 'seq'>, counters?: Record<string, number>): Promise<CommandRecord>
  command(id: string): Promise<CommandRecord | undefined>
  /** accepted commands of a room, in sequence order */
  roomCommands(room: string): Promise<CommandRecord[]>
  counter(name: string): Promise<number>
  /**
   * Runs `task` while holding the lock `name`, exclusive across every process sharing the store
   * (commands are judged one at a time, so a check and its effects see the same state).
   */
  withLock<T>(name: string, task: () => Promise<T>): Promise<T>
  /**
   * Runs `task` (one command's judging and effects, under the `commands` lock) with its writes
   * staged where the store can: each write resolves as soon as this process reads it, and server
   * writes to rooms are relayed only once durable; `durable` settles once every write of this
   * stage and of the stages before it is durable, and the answer waits for it. If a staged write
   * fails the store stops (every later write is refused): later commands were judged on it. A
   * store that cannot stage (one shared by processes, whose next judge may be elsewhere) runs
   * `task` with writes durable as they resolve, and `durable` is settled.
   */
  staged<T>(task: () => Promise<T>): Promise<{ value: T; durable: Promise<void> }>

  // ── blobs (attachments by SM3) ──────────────────────────────────────────────────────────
  /** Stores bytes under their SM3 (written durably before the record), or adds the room to an existing blob. */
  putBlob(record: BlobRecord, bytes: Uint8Array): Promise<BlobRecord>
  blob(sm3: string): Promise<BlobRecord | undefined>
  readBlob(sm3: string): Promise<Uint8Array>

  // ── the audit chain ─────────────────────────────────────────────────────────────────────
  /** Appends to the audit chain; a function is given the head at the moment of appending. */
  appendAudit(entry: AuditEntry | ((head: AuditRecord | null) => AuditEntry)): Promise<AuditRecord>
  /** drops records older than `before` at a checkpoint boundary and records that; last seq removed, or 0 */
  pruneAudit(before: Date, retentionDays: number): Promise<number>
  /** every record of the chain in order, for `zt audit verify` */
  readAudit(): AsyncIterable<AuditRecord>

  /** Calls `listener` after each change is committed (by this process or, for a shared store, any); returns an unsubscribe. */
  watch(listener: (change: StorageChange) => void): () => void

  close(): Promise<void>
}
