// The one storage interface of the server (ARCHITECTURE.md §3.8): an embedded store by default,
// PostgreSQL later; the same integration suite runs against each.
import type { AuditEntry, AuditRecord } from '../../src/core/audit/chain'
import type { Clearance, Role } from '../../src/core/directory/model'
import type { Access } from '../../src/core/api/http'

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
}

export interface UnitRecord {
  id: string
  name: string
  code?: string
  order: number
}

export interface SessionRecord {
  /** SM3/SHA-256 of the bearer token; the token itself is never stored */
  tokenHash: string
  userId: string
  createdAt: string
  expiresAt: string
}

export interface CertRecord {
  serial: string
  userId: string
  /** PEM of the X.509 certificate */
  pem: string
  issuedAt: string
  revokedAt?: string
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
}

export interface Storage {
  // Room updates: append-only, durable when the promise resolves.
  loadRoom(room: string): Promise<Uint8Array[]>
  appendUpdate(room: string, update: Uint8Array): Promise<void>
  /** Replaces the room's snapshot and log by one merged state. */
  compactRoom(room: string, state: Uint8Array): Promise<void>
  /** records in the room's log since the last compaction */
  logLength(room: string): number
  /** the room left memory: release what is held open for it */
  releaseRoom(room: string): Promise<void>

  units(): UnitRecord[]
  putUnit(unit: UnitRecord): Promise<void>
  users(): UserRecord[]
  userById(id: string): UserRecord | undefined
  userByUsername(username: string): UserRecord | undefined
  putUser(user: UserRecord): Promise<void>

  putSession(session: SessionRecord): Promise<void>
  session(tokenHash: string): SessionRecord | undefined
  deleteSession(tokenHash: string): Promise<void>

  room(room: string): RoomRecord | undefined
  roomsOf(userId: string): RoomRecord[]
  putRoom(record: RoomRecord): Promise<void>

  /**
   * Records a command's answer; accepted commands get the next sequence number. Counters named in
   * `counters` (e.g. 发文字号 per 代字 and year) take their new values in the same durable write,
   * so a number is never given twice or skipped.
   */
  putCommand(command: Omit<CommandRecord, 'seq'>, counters?: Record<string, number>): Promise<CommandRecord>
  command(id: string): CommandRecord | undefined
  /** accepted commands of a room, in sequence order */
  roomCommands(room: string): CommandRecord[]
  counter(name: string): number

  /** Stores bytes under their SM3 (written durably before the record), or adds the room to an existing blob. */
  putBlob(record: BlobRecord, bytes: Uint8Array): Promise<BlobRecord>
  blob(sm3: string): BlobRecord | undefined
  readBlob(sm3: string): Promise<Uint8Array>

  putCert(cert: CertRecord): Promise<void>
  certs(): CertRecord[]

  /** Appends to the audit chain; a function is given the head at the moment of appending. */
  appendAudit(entry: AuditEntry | ((head: AuditRecord | null) => AuditEntry)): Promise<AuditRecord>
  /** drops records older than `before` at a checkpoint boundary and records that; last seq removed, or 0 */
  pruneAudit(before: Date, retentionDays: number): Promise<number>

  close(): Promise<void>
}
