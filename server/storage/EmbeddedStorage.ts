// The default store: plain files under --data, no external service.
//   rooms/<room>.log   append-only records  [u32 length][u32 crc32][update bytes], fdatasync'd
//   rooms/<room>.snap  the merged state at the last compaction (written to a temp file, fsync'd, renamed)
//   tables.json        users, units, sessions, rooms (atomic rewrite on change)
//   audit.log          the audit hash chain, one JSON record a line, fdatasync'd
// A record torn by a crash mid-write fails its length or checksum and is dropped on load, with
// everything after it (nothing after it was ever acknowledged).
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { crc32 } from 'node:zlib'
import { chainRecord, type AuditEntry, type AuditRecord } from '../../src/core/audit/chain'
import { CHECKPOINT_TYPE, PRUNED_TYPE } from '../../src/core/audit/checkpoint'
import type { BlobRecord, CertRecord, CommandRecord, RoomRecord, RoomUpdates, SessionRecord, Storage, StorageChange, UnitRecord, UserRecord } from '../../src/core/storage/types'

interface Tables {
  certs?: Record<string, CertRecord>
  commands?: Record<string, CommandRecord>
  commandSeq?: number
  counters?: Record<string, number>
  blobs?: Record<string, BlobRecord>
  units: Record<string, UnitRecord>
  users: Record<string, UserRecord>
  sessions: Record<string, SessionRecord>
  rooms: Record<string, RoomRecord>
}

const HEADER = 8

export class EmbeddedStorage implements Storage {
  private readonly roomsDir: string
  private readonly tablesFile: string
  private readonly auditFile: string
  private tables: Tables
  private readonly logs = new Map<string, FileHandle>()
  private readonly logLengths = new Map<string, number>()
  /** the position a room's snapshot stands for; its log records follow it (one process: kept in memory) */
  private readonly bases = new Map<string, number>()
  private auditHandle: FileHandle | null = null
  private auditHead: AuditRecord | null = null
  private auditQueue: Promise<unknown> = Promise.resolve()
  private readonly locks = new Map<string, Promise<unknown>>()
  private readonly listeners = new Set<(change: StorageChange) => void>()

  private constructor(readonly dir: string) {
    this.roomsDir = join(dir, 'rooms')
    this.tablesFile = join(dir, 'tables.json')
    this.auditFile = join(dir, 'audit.log')
    mkdirSync(this.roomsDir, { recursive: true })
    this.tables = existsSync(this.tablesFile)
      ? (JSON.parse(readFileSync(this.tablesFile, 'utf8')) as Tables)
      : { units: {}, users: {}, sessions: {}, rooms: {} }
    this.auditHead = readAuditHead(this.auditFile)
  }

  static async open(dir: string): Promise<EmbeddedStorage> {
    const storage = new EmbeddedStorage(dir)
    storage.auditHandle = await open(storage.auditFile, 'a')
    return storage
  }

  // ── rooms ────────────────────────────────────────────────────────────────────────────────
  private file(room: string, ext: 'log' | 'snap'): string {
    // room names are validated by parseRoomName: [a-z]+ ':' [0-9a-z_-]+ — safe once ':' is mapped
    return join(this.roomsDir, `${room.replace(':', '_')}.${ext}`)
  }

  async loadRoom(room: string): Promise<Uint8Array[]> {
    const updates: Uint8Array[] = []
    const snap = this.file(room, 'snap')
    if (existsSync(snap)) updates.push(new Uint8Array(readFileSync(snap)))
    const log = this.file(room, 'log')
    let count = 0
    if (existsSync(log)) {
      const buf = readFileSync(log)
      let at = 0
      while (at + HEADER <= buf.length) {
        const len = buf.readUInt32LE(at)
        const sum = buf.readUInt32LE(at + 4)
        if (at + HEADER + len > buf.length) break
        const body = buf.subarray(at + HEADER, at + HEADER + len)
        if (crc32(body) !== sum) break
        updates.push(new Uint8Array(body))
        count++
        at += HEADER + len
      }
      if (at < buf.length) {
        // drop the torn tail so later appends follow the last good record
        const fd = openSync(log, 'r+')
        try {
          ftruncateSync(fd, at)
          fsyncSync(fd)
        } finally {
          closeSync(fd)
        }
      }
    }
    this.logLengths.set(room, count)
    if (!this.bases.has(room)) this.bases.set(room, updates.length > count ? 1 : 0)
    return updates
  }

  private position(room: string): number {
    return this.bases.get(room)! + this.logLength(room)
  }

  async updatesSince(room: string, position: number): Promise<RoomUpdates> {
    const all = await this.loadRoom(room)
    const base = this.bases.get(room)!
    const logStart = all.length - this.logLength(room)
    return { updates: position >= base ? all.slice(logStart + position - base) : all, position: this.position(room) }
  }

  async appendUpdate(room: string, update: Uint8Array): Promise<number> {
    if (!this.bases.has(room)) await this.loadRoom(room)
    let handle = this.logs.get(room)
    if (!handle) {
      handle = await open(this.file(room, 'log'), 'a')
      this.logs.set(room, handle)
    }
    const record = Buffer.allocUnsafe(HEADER + update.length)
    record.writeUInt32LE(update.length, 0)
    record.writeUInt32LE(crc32(update), 4)
    record.set(update, HEADER)
    await handle.write(record)
    await handle.datasync()
    this.logLengths.set(room, (this.logLengths.get(room) ?? 0) + 1)
    return this.position(room)
  }

  async compactRoom(room: string, state: Uint8Array): Promise<void> {
    if (!this.bases.has(room)) await this.loadRoom(room)
    this.bases.set(room, this.position(room))
    writeFileDurably(this.file(room, 'snap'), state)
    const handle = this.logs.get(room)
    this.logs.delete(room)
    await handle?.close()
    writeFileDurably(this.file(room, 'log'), new Uint8Array())
    this.logLengths.set(room, 0)
  }

  logLength(room: string): number {
    return this.logLengths.get(room) ?? 0
  }

  async releaseRoom(room: string): Promise<void> {
    const handle = this.logs.get(room)
    this.logs.delete(room)
    await handle?.close()
  }

  // ── tables ───────────────────────────────────────────────────────────────────────────────
  private saveTables(change?: StorageChange): Promise<void> {
    writeFileDurably(this.tablesFile, Buffer.from(JSON.stringify(this.tables)))
    if (change) this.emit(change)
    return Promise.resolve()
  }

  private emit(change: StorageChange): void {
    for (const listener of this.listeners) listener(change)
  }

  watch(listener: (change: StorageChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** one process holds this store: everything it committed is visible already */
  catchUp(): Promise<void> {
    return Promise.resolve()
  }

  withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
    const next = (this.locks.get(name) ?? Promise.resolve()).then(task)
    const settled = next.catch(() => undefined)
    this.locks.set(name, settled)
    void settled.then(() => {
      if (this.locks.get(name) === settled) this.locks.delete(name)
    })
    return next
  }

  units(): UnitRecord[] {
    return Object.values(this.tables.units)
  }
  putUnit(unit: UnitRecord): Promise<void> {
    this.tables.units[unit.id] = unit
    return this.saveTables({ kind: 'directory' })
  }
  users(): UserRecord[] {
    return Object.values(this.tables.users)
  }
  userById(id: string): UserRecord | undefined {
    return this.tables.users[id]
  }
  userByUsername(username: string): UserRecord | undefined {
    return Object.values(this.tables.users).find((u) => u.username === username)
  }
  putUser(user: UserRecord): Promise<void> {
    this.tables.users[user.id] = user
    return this.saveTables({ kind: 'directory' })
  }

  putSession(session: SessionRecord): Promise<void> {
    this.tables.sessions[session.tokenHash] = session
    // expired sessions are dropped whenever a new one is written
    const now = Date.now()
    for (const [k, s] of Object.entries(this.tables.sessions)) if (Date.parse(s.expiresAt) < now) delete this.tables.sessions[k]
    return this.saveTables()
  }
  async session(tokenHash: string): Promise<SessionRecord | undefined> {
    return this.tables.sessions[tokenHash]
  }
  deleteSession(tokenHash: string): Promise<void> {
    delete this.tables.sessions[tokenHash]
    return this.saveTables({ kind: 'sessions', tokenHashes: [tokenHash] })
  }
  deleteSessionsOf(userId: string): Promise<void> {
    for (const [k, s] of Object.entries(this.tables.sessions)) if (s.userId === userId) delete this.tables.sessions[k]
    return this.saveTables({ kind: 'sessions', userId })
  }

  async room(room: string): Promise<RoomRecord | undefined> {
    return this.tables.rooms[room]
  }
  async roomsOf(userId: string): Promise<RoomRecord[]> {
    return Object.values(this.tables.rooms).filter((r) => r.owner === userId || userId in r.members)
  }
  putRoom(record: RoomRecord): Promise<void> {
    this.tables.rooms[record.room] = record
    return this.saveTables({ kind: 'room', room: record.room })
  }

  async putCommand(command: Omit<CommandRecord, 'seq'>, counters: Record<string, number> = {}): Promise<CommandRecord> {
    const index = this.byRoom()
    const record: CommandRecord = { ...command }
    if (command.status === 'accepted') {
      this.tables.commandSeq = (this.tables.commandSeq ?? 0) + 1
      record.seq = this.tables.commandSeq
    }
    ;(this.tables.commands ??= {})[command.id] = record
    for (const [name, value] of Object.entries(counters)) (this.tables.counters ??= {})[name] = value
    if (record.status === 'accepted') addTo(index, record)
    await this.saveTables()
    return record
  }
  async command(id: string): Promise<CommandRecord | undefined> {
    return this.tables.commands?.[id]
  }
  private roomIndex: Map<string, CommandRecord[]> | null = null
  private byRoom(): Map<string, CommandRecord[]> {
    if (!this.roomIndex) {
      this.roomIndex = new Map()
      const accepted = Object.values(this.tables.commands ?? {}).filter((c) => c.status === 'accepted').sort((a, b) => a.seq! - b.seq!)
      for (const c of accepted) addTo(this.roomIndex, c)
    }
    return this.roomIndex
  }
  async roomCommands(room: string): Promise<CommandRecord[]> {
    return [...(this.byRoom().get(room) ?? [])]
  }
  async counter(name: string): Promise<number> {
    return this.tables.counters?.[name] ?? 0
  }

  // ── blobs (attachments by SM3) ───────────────────────────────────────────────────────────
  private blobFile(sm3: string): string {
    return join(this.dir, 'blobs', sm3.slice(0, 2), sm3)
  }
  async putBlob(record: BlobRecord, bytes: Uint8Array): Promise<BlobRecord> {
    const existing = this.tables.blobs?.[record.sm3]
    if (!existing) {
      mkdirSync(dirname(this.blobFile(record.sm3)), { recursive: true })
      writeFileDurably(this.blobFile(record.sm3), bytes)
    }
    const merged: BlobRecord = existing ? { ...existing, rooms: [...new Set([...existing.rooms, ...record.rooms])] } : record
    ;(this.tables.blobs ??= {})[record.sm3] = merged
    await this.saveTables()
    return merged
  }
  async blob(sm3: string): Promise<BlobRecord | undefined> {
    return this.tables.blobs?.[sm3]
  }
  async readBlob(sm3: string): Promise<Uint8Array> {
    return new Uint8Array(readFileSync(this.blobFile(sm3)))
  }

  putCert(cert: CertRecord): Promise<void> {
    ;(this.tables.certs ??= {})[cert.serial] = cert
    return this.saveTables({ kind: 'directory' })
  }
  certs(): CertRecord[] {
    return Object.values(this.tables.certs ?? {})
  }
  certsOf(userId: string): CertRecord[] {
    return this.certs().filter((c) => c.userId === userId).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))
  }

  // ── audit ────────────────────────────────────────────────────────────────────────────────
  appendAudit(entry: AuditEntry | ((head: AuditRecord | null) => AuditEntry)): Promise<AuditRecord> {
    const next = this.auditQueue.then(async () => {
      const record = chainRecord(this.auditHead, typeof entry === 'function' ? entry(this.auditHead) : entry)
      await this.auditHandle!.write(JSON.stringify(record) + '\n')
      await this.auditHandle!.datasync()
      this.auditHead = record
      return record
    })
    this.auditQueue = next.catch(() => undefined)
    return next
  }

  /**
   * Removes audit records older than `before`, cutting only at a checkpoint so that what remains
   * starts at a signed record; then records the pruning (the caller adds a checkpoint after it).
   * Returns the last seq removed, or 0 when nothing was old enough.
   */
  pruneAudit(before: Date, retentionDays: number): Promise<number> {
    const next = this.auditQueue.then(async () => {
      const lines = readFileSync(this.auditFile, 'utf8').split('\n').filter((l) => l.trim() !== '')
      const records = lines.map((l) => JSON.parse(l) as AuditRecord)
      // the newest checkpoint whose predecessors are all older than the limit
      let cut = -1
      for (let i = 1; i < records.length; i++) {
        if (Date.parse(records[i - 1]!.at) >= before.getTime()) break
        if (records[i]!.type === CHECKPOINT_TYPE) cut = i
      }
      if (cut <= 0) return 0
      const throughSeq = records[cut - 1]!.seq
      await this.auditHandle!.close()
      writeFileDurably(this.auditFile, new TextEncoder().encode(lines.slice(cut).join('\n') + '\n'))
      this.auditHandle = await open(this.auditFile, 'a')
      const record = chainRecord(this.auditHead, { at: new Date().toISOString(), type: PRUNED_TYPE, detail: { throughSeq, retentionDays } })
      await this.auditHandle.write(JSON.stringify(record) + '\n')
      await this.auditHandle.datasync()
      this.auditHead = record
      return throughSeq
    })
    this.auditQueue = next.catch(() => undefined)
    return next
  }

  async *readAudit(): AsyncIterable<AuditRecord> {
    await this.auditQueue
    if (!existsSync(this.auditFile)) return
    for (const line of readFileSync(this.auditFile, 'utf8').split('\n')) if (line.trim() !== '') yield JSON.parse(line) as AuditRecord
  }

  async close(): Promise<void> {
    await this.auditQueue
    for (const handle of this.logs.values()) await handle.close()
    this.logs.clear()
    await this.auditHandle?.close()
    this.auditHandle = null
  }
}

function writeFileDurably(path: string, data: Uint8Array): void {
  const tmp = `${path}.tmp`
  const fd = openSync(tmp, 'w')
  try {
    writeSync(fd, data)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, path)
  // the rename itself is durable only once the directory entry is
  const dirFd = openSync(dirname(path), 'r')
  try {
    fsyncSync(dirFd)
  } finally {
    closeSync(dirFd)
  }
}

function readAuditHead(file: string): AuditRecord | null {
  if (!existsSync(file)) return null
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '')
  const last = lines.at(-1)
  return last ? (JSON.parse(last) as AuditRecord) : null
}

function addTo(index: Map<string, CommandRecord[]>, record: CommandRecord): void {
  const list = index.get(record.room)
  if (list) list.push(record)
  else index.set(record.room, [record])
}
