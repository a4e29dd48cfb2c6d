// The default store: plain files under --data, no external service. Every write costs the same
// however long the history (issue 12.3): records are appended, never rewritten, and found through
// indexes rebuilt in memory on start.
//   journal.log        group-commit journal: one fdatasync per batch, for every kind of record (GroupCommit.ts)
//   rooms/<room>.log   a room's updates since its snapshot, framed [u32 length][u32 crc32][update]
//   rooms/<room>.snap  the merged state at the last compaction (temp file, fsync, rename)
//   tables.log         users, units, certificates, sessions, room records, blobs' metadata, commands
//                      and counters: one framed JSON record per change, the newest of a key wins
//   audit.log          the audit hash chain, one JSON record a line
//   blobs/xx/<sm3>     attachment bytes
// A tail torn by a crash fails its length or checksum and is cut on open; the journal then puts
// back whatever a home lost since its last sync. A data folder of the old layout (tables.json)
// is migrated once on open. See docs/decisions.md, "The embedded store: logs and indexes".
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { mkdir, open as openFile, readFile, rename } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { chainRecord, type AuditEntry, type AuditRecord } from '../../src/core/audit/chain'
import { CHECKPOINT_TYPE, PRUNED_TYPE } from '../../src/core/audit/checkpoint'
import type { BlobRecord, CertRecord, CommandRecord, RoomRecord, RoomUpdates, SessionRecord, Storage, StorageChange, UnitRecord, UserRecord } from '../../src/core/storage/types'
import { AppendFile, FRAME_HEADER, frame, readFrames } from './journal/AppendFile'
import { GroupCommit, type BatchWriter } from './journal/GroupCommit'
import { currentStage, runStaged, trackDurable } from './staging'

/** written to the audit chain on open when a torn tail had to be cut off it */
export const AUDIT_TAIL_CUT_TYPE = 'audit.tail_cut'

// journal record kinds
const ROOM_UPDATE = 1
const ROOM_COMPACTED = 2
const TABLE = 3
const AUDIT = 4

/** One change to the tables, as written to tables.log (and the journal). */
type TableChange =
  | { k: 'unit'; v: UnitRecord }
  | { k: 'user'; v: UserRecord }
  | { k: 'cert'; v: CertRecord }
  | { k: 'session'; v: SessionRecord; drop?: string[] }
  | { k: 'unsession'; h: string[] }
  | { k: 'unsessions'; u: string }
  | { k: 'room'; v: RoomRecord }
  | { k: 'cmd'; v: CommandRecord; c?: Record<string, number> }
  | { k: 'blob'; v: BlobRecord }
  /** written by a rewrite of tables.log: the counters and sequence the dropped records had reached */
  | { k: 'counters'; v: Record<string, number>; seq: number }

type TableRecord = TableChange & { lsn: number }

interface Location {
  offset: number
  length: number
}

const encoder = new TextEncoder()
const SESSION_SWEEP_MS = 60_000

export interface EmbeddedOptions {
  /** the journal is emptied (its homes synced) once it grows past this */
  checkpointBytes?: number
}

export class EmbeddedStorage implements Storage {
  private readonly roomsDir: string
  private readonly gc: GroupCommit
  private tablesFile: AppendFile
  private auditFile: AppendFile
  private auditHead: AuditRecord | null = null
  /** last table record written */
  private lsn = 0

  // ── in-memory indexes ──────────────────────────────────────────────────────────────────
  private readonly unitMap = new Map<string, UnitRecord>()
  private readonly userMap = new Map<string, UserRecord>()
  private readonly userIdsByName = new Map<string, string>()
  private readonly certMap = new Map<string, CertRecord>()
  private readonly sessionMap = new Map<string, SessionRecord>()
  private readonly roomMap = new Map<string, RoomRecord>()
  private readonly roomsByUser = new Map<string, Set<string>>()
  private readonly blobMap = new Map<string, BlobRecord>()
  /** where each command's record lies in tables.log */
  private readonly commandAt = new Map<string, Location>()
  /** accepted commands' ids per room, in sequence order */
  private readonly roomCommandIds = new Map<string, string[]>()
  private readonly counters = new Map<string, number>()
  private commandSeq = 0
  /** commands staged (judged on already) whose batch is not durable yet: not in tables.log's index */
  private readonly stagedCommands = new Map<string, CommandRecord>()
  /** the durable of the last stage: each stage's answer waits for every stage before it */
  private lastStage: Promise<void> = Promise.resolve()
  /** records in tables.log, for deciding when to rewrite it */
  private tableRecords = 0
  private lastSessionSweep = 0

  // ── rooms ──────────────────────────────────────────────────────────────────────────────
  private readonly logs = new Map<string, AppendFile>()
  private readonly logLengths = new Map<string, number>()
  /** the position a room's snapshot stands for; its log records follow it (one process: kept in memory) */
  private readonly bases = new Map<string, number>()

  private readonly locks = new Map<string, Promise<unknown>>()
  private readonly listeners = new Set<(change: StorageChange) => void>()

  private constructor(
    readonly dir: string,
    options: EmbeddedOptions,
  ) {
    this.roomsDir = join(dir, 'rooms')
    mkdirSync(this.roomsDir, { recursive: true })
    const migrated = migrateTablesJson(dir)
    this.tablesFile = new AppendFile(join(dir, 'tables.log'))
    this.loadTables()
    this.auditFile = new AppendFile(join(dir, 'audit.log'))
    const cut = this.loadAuditHead()
    const journal = new AppendFile(join(dir, 'journal.log'))
    const replayed = this.replay(journal)
    this.gc = new GroupCommit(journal, options.checkpointBytes)
    this.pendingNotes = { cut, replayed, migrated }
  }

  private pendingNotes: { cut: number; replayed: { audit: number }; migrated: boolean } | null

  static async open(dir: string, options: EmbeddedOptions = {}): Promise<EmbeddedStorage> {
    const storage = new EmbeddedStorage(dir, options)
    // what replay put back into the homes is made durable, and the journal starts empty
    await storage.gc.checkpoint()
    storage.compactTablesIfWorthwhile()
    const notes = storage.pendingNotes!
    storage.pendingNotes = null
    if (notes.cut > 0) {
      // the cut itself goes on the chain, so a crash (or an intruder) leaves a trace
      await storage.appendAudit({ at: new Date().toISOString(), type: AUDIT_TAIL_CUT_TYPE, detail: { bytes: notes.cut, recovered: notes.replayed.audit, headSeq: storage.auditHead?.seq ?? 0 } })
    }
    return storage
  }

  /** batches and writes so far (for the benchmark and tests) */
  get commitStats(): { batches: number; writes: number } {
    return { ...this.gc.stats }
  }

  // ── opening: tables, audit head, journal replay ────────────────────────────────────────
  private loadTables(): void {
    const buf = this.tablesFile.readAll()
    const { records, goodLength } = readFrames(buf)
    if (goodLength < buf.length) this.tablesFile.truncate(goodLength)
    for (const { body, offset } of records) {
      const rec = JSON.parse(body.toString('utf8')) as TableRecord
      this.lsn = Math.max(this.lsn, rec.lsn)
      this.applyTable(rec, { offset, length: body.length })
    }
  }

  /** `at` is null for a staged change (never a command: putCommand stages those itself) */
  private applyTable(rec: TableChange, at: Location | null): void {
    this.tableRecords++
    switch (rec.k) {
      case 'unit':
        this.unitMap.set(rec.v.id, rec.v)
        break
      case 'user': {
        const old = this.userMap.get(rec.v.id)
        if (old && this.userIdsByName.get(old.username) === old.id) this.userIdsByName.delete(old.username)
        this.userMap.set(rec.v.id, rec.v)
        this.userIdsByName.set(rec.v.username, rec.v.id)
        break
      }
      case 'cert':
        this.certMap.set(rec.v.serial, rec.v)
        break
      case 'session':
        this.sessionMap.set(rec.v.tokenHash, rec.v)
        for (const h of rec.drop ?? []) this.sessionMap.delete(h)
        break
      case 'unsession':
        for (const h of rec.h) this.sessionMap.delete(h)
        break
      case 'unsessions':
        for (const [h, s] of this.sessionMap) if (s.userId === rec.u) this.sessionMap.delete(h)
        break
      case 'room': {
        const old = this.roomMap.get(rec.v.room)
        if (old) for (const u of roomUsers(old)) this.roomsByUser.get(u)?.delete(old.room)
        this.roomMap.set(rec.v.room, rec.v)
        for (const u of roomUsers(rec.v)) {
          let set = this.roomsByUser.get(u)
          if (!set) this.roomsByUser.set(u, (set = new Set()))
          set.add(rec.v.room)
        }
        break
      }
      case 'cmd': {
        const c = rec.v
        if (!this.commandAt.has(c.id) && c.status === 'accepted') {
          const ids = this.roomCommandIds.get(c.room)
          if (ids) ids.push(c.id)
          else this.roomCommandIds.set(c.room, [c.id])
        }
        this.commandAt.set(c.id, at!)
        if (c.seq !== undefined) this.commandSeq = Math.max(this.commandSeq, c.seq)
        for (const [name, value] of Object.entries(rec.c ?? {})) this.counters.set(name, value)
        break
      }
      case 'blob':
        this.blobMap.set(rec.v.sm3, rec.v)
        break
      case 'counters':
        for (const [name, value] of Object.entries(rec.v)) this.counters.set(name, value)
        this.commandSeq = Math.max(this.commandSeq, rec.seq)
        break
    }
  }

  /**
   * Reads the audit head; cuts a torn tail — a last line without its newline, or one that does not
   * parse — and returns how many bytes were cut. Anything before it is left alone: a damaged
   * record inside the log is evidence for `zt audit verify`, not something to repair.
   */
  private loadAuditHead(): number {
    const buf = this.auditFile.readAll()
    let good = buf.lastIndexOf(10) + 1
    let head: AuditRecord | null = null
    while (good > 0 && head === null) {
      const start = buf.lastIndexOf(10, good - 2) + 1
      const line = buf.subarray(start, good - 1).toString('utf8')
      if (line.trim() === '') {
        good = start
        continue
      }
      try {
        const rec = JSON.parse(line) as AuditRecord
        if (typeof rec.seq !== 'number' || typeof rec.hash !== 'string') throw new Error('not a record')
        head = rec
      } catch {
        good = start
      }
    }
    if (good < buf.length) this.auditFile.truncate(good)
    this.auditHead = head
    return buf.length - good
  }

  /** Puts back into the homes what the journal holds and they lack. */
  private replay(journal: AppendFile): { audit: number } {
    const buf = journal.readAll()
    const { records, goodLength } = readFrames(buf)
    if (goodLength < buf.length) journal.truncate(goodLength)
    // a room's journal records since its last compaction, in order
    const roomRecords = new Map<string, { index: number; update: Uint8Array }[]>()
    let audit = 0
    for (const { body } of records) {
      const kind = body[0]
      if (kind === ROOM_UPDATE) {
        const { room, index, update } = decodeRoomUpdate(body)
        let list = roomRecords.get(room)
        if (!list) roomRecords.set(room, (list = []))
        list.push({ index, update })
      } else if (kind === ROOM_COMPACTED) {
        roomRecords.set(body.subarray(1).toString('utf8'), [])
      } else if (kind === TABLE) {
        const text = body.subarray(1)
        const rec = JSON.parse(text.toString('utf8')) as TableRecord
        if (rec.lsn <= this.lsn) continue
        const offset = this.tablesFile.append(frame(text))
        this.lsn = rec.lsn
        this.applyTable(rec, { offset, length: text.length })
      } else if (kind === AUDIT) {
        const line = body.subarray(1).toString('utf8')
        const rec = JSON.parse(line) as AuditRecord
        if (this.auditHead && rec.seq <= this.auditHead.seq) continue
        this.auditFile.append(encoder.encode(line + '\n'))
        this.auditHead = rec
        audit++
      }
    }
    for (const [room, list] of roomRecords) {
      if (list.length === 0) continue
      const file = new AppendFile(this.file(room, 'log'))
      try {
        const home = readFrames(file.readAll())
        if (home.goodLength < file.size) file.truncate(home.goodLength)
        for (const { index, update } of list) if (index >= home.records.length) file.append(frame(update))
        file.sync()
      } finally {
        file.close()
      }
    }
    this.tablesFile.sync()
    this.auditFile.sync()
    return { audit }
  }

  /** Rewrites tables.log with only its live records, once most of it is superseded (on open only). */
  private compactTablesIfWorthwhile(): void {
    const live = this.unitMap.size + this.userMap.size + this.certMap.size + this.sessionMap.size + this.roomMap.size + this.blobMap.size + this.commandAt.size + 1
    if (this.tableRecords < 10_000 || this.tableRecords < 2 * live) return
    const now = Date.now()
    const tmp = join(this.dir, 'tables.log.tmp')
    rmSync(tmp, { force: true })
    const out = new AppendFile(tmp)
    let lsn = 0
    const put = (change: TableChange): void => void out.append(frame(encoder.encode(JSON.stringify({ lsn: ++lsn, ...change }))))
    for (const v of this.unitMap.values()) put({ k: 'unit', v })
    for (const v of this.userMap.values()) put({ k: 'user', v })
    for (const v of this.certMap.values()) put({ k: 'cert', v })
    for (const v of this.sessionMap.values()) if (Date.parse(v.expiresAt) >= now) put({ k: 'session', v })
    for (const v of this.roomMap.values()) put({ k: 'room', v })
    for (const v of this.blobMap.values()) put({ k: 'blob', v })
    put({ k: 'counters', v: Object.fromEntries(this.counters), seq: this.commandSeq })
    // commands in their first order (accepted and refused), copied as stored
    const byOffset = [...this.commandAt.values()].sort((a, b) => a.offset - b.offset)
    for (const at of byOffset) {
      const rec = this.readTable(at) as TableRecord & { k: 'cmd' }
      put({ k: 'cmd', v: rec.v })
    }
    out.dirty = true
    out.sync()
    out.close()
    this.tablesFile.close()
    renameSync(tmp, join(this.dir, 'tables.log'))
    syncDir(this.dir)
    this.tablesFile = new AppendFile(join(this.dir, 'tables.log'))
    for (const m of [this.unitMap, this.userMap, this.userIdsByName, this.certMap, this.sessionMap, this.roomMap, this.roomsByUser, this.blobMap, this.commandAt, this.roomCommandIds, this.counters]) m.clear()
    this.tableRecords = 0
    this.lsn = 0
    this.commandSeq = 0
    this.loadTables()
  }

  private readTable(at: Location): TableRecord {
    return JSON.parse(this.tablesFile.read(at.offset + FRAME_HEADER, at.length).toString('utf8')) as TableRecord
  }

  /**
   * Writes one table change in the next batch; applies it to the indexes once durable — or, in a
   * stage, at once (the next judge reads it) and resolves, its durability joining the stage.
   */
  private writeTable(change: TableChange, notify?: StorageChange): Promise<void> {
    const afterDurable = (): void => {
      if (notify) this.emit(notify)
    }
    if (currentStage()) {
      try {
        this.gc.assertRunning()
      } catch (err) {
        return Promise.reject(err)
      }
      this.applyTable(change, null)
      trackDurable(this.gc.write((w) => this.tableInBatch(w, change, true), true).then(afterDurable))
      return Promise.resolve()
    }
    return this.gc.write((w) => this.tableInBatch(w, change, false)).then(afterDurable)
  }

  /** `applied`: the indexes hold the change already (staged); a command then only learns where it lies */
  private tableInBatch(w: BatchWriter, change: TableChange, applied: boolean): void {
    const lsn = ++this.lsn
    w.onRollback(() => {
      if (this.lsn === lsn) this.lsn--
    })
    const text = encoder.encode(JSON.stringify({ lsn, ...change }))
    w.journal(withKind(TABLE, text))
    const offset = w.home(this.tablesFile, frame(text))
    w.onCommit(() => {
      const at = { offset, length: text.length }
      if (!applied) this.applyTable(change, at)
      else if (change.k === 'cmd') {
        this.commandAt.set(change.v.id, at)
        this.stagedCommands.delete(change.v.id)
      }
    })
  }

  /** In a stage, the store applies writes at once and resolves them; `durable` waits for the disk. */
  async staged<T>(task: () => Promise<T>): Promise<{ value: T; durable: Promise<void> }> {
    const run = await runStaged(task, this.lastStage)
    this.lastStage = run.durable
    return run
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
    const open = this.logs.get(room)
    const path = this.file(room, 'log')
    let count = 0
    if (open || existsSync(path)) {
      const file = open ?? new AppendFile(path)
      try {
        const { records, goodLength } = readFrames(file.readAll())
        // drop a torn tail so later appends follow the last good record
        if (goodLength < file.size) file.truncate(goodLength)
        for (const r of records) updates.push(new Uint8Array(r.body))
        count = records.length
      } finally {
        if (!open) file.close()
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
    await this.gc.exclusive(() => undefined)
    const all = await this.loadRoom(room)
    const base = this.bases.get(room)!
    const logStart = all.length - this.logLength(room)
    return { updates: position >= base ? all.slice(logStart + position - base) : all, position: this.position(room) }
  }

  async appendUpdate(room: string, update: Uint8Array): Promise<number> {
    if (!this.bases.has(room)) await this.loadRoom(room)
    return this.gc.write((w) => {
      let file = this.logs.get(room)
      if (!file) this.logs.set(room, (file = new AppendFile(this.file(room, 'log'))))
      const index = this.logLength(room)
      this.logLengths.set(room, index + 1)
      w.onRollback(() => this.logLengths.set(room, index))
      w.journal(encodeRoomUpdate(room, index, update))
      w.home(file, frame(update))
      return this.position(room)
    }, currentStage() !== undefined)
  }

  compactRoom(room: string, state: Uint8Array): Promise<void> {
    return this.gc.exclusive(async () => {
      if (!this.bases.has(room)) await this.loadRoom(room)
      // snapshot durable, then the log emptied, then the journal told: a crash at any point
      // leaves at worst updates that the snapshot holds already (applying one twice changes nothing)
      // (off the event loop: the snapshot of a large document takes tens of ms to sync, and every
      // room would wait; no batch is written meanwhile)
      await writeFileDurablyAsync(this.file(room, 'snap'), state)
      const file = this.logs.get(room)
      if (file) {
        this.gc.forget(file)
        file.close()
        this.logs.delete(room)
      }
      await writeFileDurablyAsync(this.file(room, 'log'), new Uint8Array())
      await this.gc.journalNow(withKind(ROOM_COMPACTED, encoder.encode(room)))
      this.bases.set(room, this.position(room))
      this.logLengths.set(room, 0)
    })
  }

  logLength(room: string): number {
    return this.logLengths.get(room) ?? 0
  }

  releaseRoom(room: string): Promise<void> {
    return this.gc.exclusive(() => {
      const file = this.logs.get(room)
      this.logs.delete(room)
      if (file) {
        this.gc.forget(file)
        file.close()
      }
    })
  }

  // ── tables ───────────────────────────────────────────────────────────────────────────────
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
    return [...this.unitMap.values()]
  }
  putUnit(unit: UnitRecord): Promise<void> {
    return this.writeTable({ k: 'unit', v: unit }, { kind: 'directory' })
  }
  users(): UserRecord[] {
    return [...this.userMap.values()]
  }
  userById(id: string): UserRecord | undefined {
    return this.userMap.get(id)
  }
  userByUsername(username: string): UserRecord | undefined {
    const id = this.userIdsByName.get(username)
    return id === undefined ? undefined : this.userMap.get(id)
  }
  putUser(user: UserRecord): Promise<void> {
    return this.writeTable({ k: 'user', v: user }, { kind: 'directory' })
  }
  putCert(cert: CertRecord): Promise<void> {
    return this.writeTable({ k: 'cert', v: cert }, { kind: 'directory' })
  }
  certs(): CertRecord[] {
    return [...this.certMap.values()]
  }
  certsOf(userId: string): CertRecord[] {
    return this.certs().filter((c) => c.userId === userId).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))
  }

  putSession(session: SessionRecord): Promise<void> {
    // expired sessions are dropped now and then as new ones are written
    const now = Date.now()
    let drop: string[] | undefined
    if (now - this.lastSessionSweep > SESSION_SWEEP_MS) {
      this.lastSessionSweep = now
      drop = [...this.sessionMap.values()].filter((s) => Date.parse(s.expiresAt) < now && s.tokenHash !== session.tokenHash).map((s) => s.tokenHash)
    }
    return this.writeTable({ k: 'session', v: session, ...(drop?.length ? { drop } : {}) })
  }
  async session(tokenHash: string): Promise<SessionRecord | undefined> {
    return this.sessionMap.get(tokenHash)
  }
  deleteSession(tokenHash: string): Promise<void> {
    return this.writeTable({ k: 'unsession', h: [tokenHash] }, { kind: 'sessions', tokenHashes: [tokenHash] })
  }
  deleteSessionsOf(userId: string): Promise<void> {
    return this.writeTable({ k: 'unsessions', u: userId }, { kind: 'sessions', userId })
  }

  async room(room: string): Promise<RoomRecord | undefined> {
    return this.roomMap.get(room)
  }
  async roomsOf(userId: string): Promise<RoomRecord[]> {
    return [...(this.roomsByUser.get(userId) ?? [])].map((r) => this.roomMap.get(r)!)
  }
  putRoom(record: RoomRecord): Promise<void> {
    return this.writeTable({ k: 'room', v: record }, { kind: 'room', room: record.room })
  }

  putCommand(command: Omit<CommandRecord, 'seq'>, counters: Record<string, number> = {}): Promise<CommandRecord> {
    if (currentStage()) return this.stageCommand(command, counters)
    return this.gc.write((w) => {
      const record: CommandRecord = { ...command }
      if (command.status === 'accepted') {
        const seq = ++this.commandSeq
        record.seq = seq
        w.onRollback(() => {
          if (this.commandSeq === seq) this.commandSeq--
        })
      }
      this.tableInBatch(w, { k: 'cmd', v: record, ...(Object.keys(counters).length ? { c: counters } : {}) }, false)
      return record
    })
  }

  /** A command in a stage: numbered, indexed and its counters taken now; written in the next batch. */
  private async stageCommand(command: Omit<CommandRecord, 'seq'>, counters: Record<string, number>): Promise<CommandRecord> {
    this.gc.assertRunning()
    const record: CommandRecord = { ...command }
    if (command.status === 'accepted') {
      record.seq = ++this.commandSeq
      const ids = this.roomCommandIds.get(record.room)
      if (ids) ids.push(record.id)
      else this.roomCommandIds.set(record.room, [record.id])
    }
    for (const [name, value] of Object.entries(counters)) this.counters.set(name, value)
    this.stagedCommands.set(record.id, record)
    this.tableRecords++
    const change: TableChange = { k: 'cmd', v: record, ...(Object.keys(counters).length ? { c: counters } : {}) }
    trackDurable(this.gc.write((w) => this.tableInBatch(w, change, true), true))
    return { ...record }
  }

  async command(id: string): Promise<CommandRecord | undefined> {
    const staged = this.stagedCommands.get(id)
    if (staged) return { ...staged }
    const at = this.commandAt.get(id)
    return at && (this.readTable(at) as TableRecord & { k: 'cmd' }).v
  }
  async roomCommands(room: string): Promise<CommandRecord[]> {
    return (this.roomCommandIds.get(room) ?? []).map((id) => {
      const staged = this.stagedCommands.get(id)
      return staged ? { ...staged } : (this.readTable(this.commandAt.get(id)!) as TableRecord & { k: 'cmd' }).v
    })
  }
  async counter(name: string): Promise<number> {
    return this.counters.get(name) ?? 0
  }

  // ── blobs (attachments by SM3) ───────────────────────────────────────────────────────────
  private blobFile(sm3: string): string {
    return join(this.dir, 'blobs', sm3.slice(0, 2), sm3)
  }
  async putBlob(record: BlobRecord, bytes: Uint8Array): Promise<BlobRecord> {
    const existing = this.blobMap.get(record.sm3)
    if (!existing) {
      await mkdir(dirname(this.blobFile(record.sm3)), { recursive: true })
      await writeFileDurablyAsync(this.blobFile(record.sm3), bytes)
    }
    const merged: BlobRecord = existing ? { ...existing, rooms: [...new Set([...existing.rooms, ...record.rooms])] } : record
    await this.writeTable({ k: 'blob', v: merged })
    return merged
  }
  async blob(sm3: string): Promise<BlobRecord | undefined> {
    return this.blobMap.get(sm3)
  }
  async readBlob(sm3: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.blobFile(sm3)))
  }

  // ── audit ────────────────────────────────────────────────────────────────────────────────
  appendAudit(entry: AuditEntry | ((head: AuditRecord | null) => AuditEntry)): Promise<AuditRecord> {
    return this.gc.write((w) => this.auditInBatch(w, typeof entry === 'function' ? entry(this.auditHead) : entry), currentStage() !== undefined)
  }

  private auditInBatch(w: BatchWriter, entry: AuditEntry): AuditRecord {
    // chained as the batch is prepared, so no record ever follows one that failed to be written
    const previous = this.auditHead
    const record = chainRecord(previous, entry)
    this.auditHead = record
    w.onRollback(() => {
      this.auditHead = previous
    })
    const line = JSON.stringify(record)
    w.journal(withKind(AUDIT, encoder.encode(line)))
    w.home(this.auditFile, encoder.encode(line + '\n'))
    return record
  }

  /**
   * Removes audit records older than `before`, cutting only at a checkpoint so that what remains
   * starts at a signed record; then records the pruning (the caller adds a checkpoint after it).
   * Returns the last seq removed, or 0 when nothing was old enough.
   */
  async pruneAudit(before: Date, retentionDays: number): Promise<number> {
    const throughSeq = await this.gc.exclusive(async () => {
      const lines = this.auditFile.readAll().toString('utf8').split('\n').filter((l) => l.trim() !== '')
      const records = lines.map((l) => JSON.parse(l) as AuditRecord)
      // the newest checkpoint whose predecessors are all older than the limit
      let cut = -1
      for (let i = 1; i < records.length; i++) {
        if (Date.parse(records[i - 1]!.at) >= before.getTime()) break
        if (records[i]!.type === CHECKPOINT_TYPE) cut = i
      }
      if (cut <= 0) return 0
      this.gc.forget(this.auditFile)
      this.auditFile.close()
      await writeFileDurablyAsync(join(this.dir, 'audit.log'), encoder.encode(lines.slice(cut).join('\n') + '\n'))
      this.auditFile = new AppendFile(join(this.dir, 'audit.log'))
      return records[cut - 1]!.seq
    })
    if (throughSeq === 0) return 0
    await this.appendAudit({ at: new Date().toISOString(), type: PRUNED_TYPE, detail: { throughSeq, retentionDays } })
    return throughSeq
  }

  async *readAudit(): AsyncIterable<AuditRecord> {
    const text = await this.gc.exclusive(() => this.auditFile.readAll().toString('utf8'))
    for (const line of text.split('\n')) if (line.trim() !== '') yield JSON.parse(line) as AuditRecord
  }

  async close(): Promise<void> {
    await this.gc.checkpoint()
    await this.gc.exclusive(() => {
      for (const file of this.logs.values()) file.close()
      this.logs.clear()
      this.tablesFile.close()
      this.auditFile.close()
      this.gc.close()
    })
  }
}

function roomUsers(room: RoomRecord): string[] {
  return [room.owner, ...Object.keys(room.members)]
}

function withKind(kind: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + body.length)
  out[0] = kind
  out.set(body, 1)
  return out
}

function encodeRoomUpdate(room: string, index: number, update: Uint8Array): Uint8Array {
  const name = Buffer.from(room, 'utf8')
  const out = Buffer.allocUnsafe(1 + 2 + name.length + 4 + update.length)
  out[0] = ROOM_UPDATE
  out.writeUInt16LE(name.length, 1)
  name.copy(out, 3)
  out.writeUInt32LE(index, 3 + name.length)
  out.set(update, 7 + name.length)
  return out
}

function decodeRoomUpdate(body: Buffer): { room: string; index: number; update: Uint8Array } {
  const len = body.readUInt16LE(1)
  return { room: body.subarray(3, 3 + len).toString('utf8'), index: body.readUInt32LE(3 + len), update: new Uint8Array(body.subarray(7 + len)) }
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** On open only (the migration); once the server serves, `writeFileDurablyAsync`. */
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
  syncDir(dirname(path))
}

/** `writeFileDurably` with every step in libuv's thread pool, in the same order. */
async function writeFileDurablyAsync(path: string, data: Uint8Array): Promise<void> {
  const tmp = `${path}.tmp`
  const handle = await openFile(tmp, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(tmp, path)
  const dir = await openFile(dirname(path), 'r')
  try {
    await dir.sync()
  } finally {
    await dir.close()
  }
}

/** The tables of the old layout (one tables.json rewritten whole on every change) as table records. */
interface OldTables {
  certs?: Record<string, CertRecord>
  commands?: Record<string, CommandRecord>
  commandSeq?: number
  counters?: Record<string, number>
  blobs?: Record<string, BlobRecord>
  units?: Record<string, UnitRecord>
  users?: Record<string, UserRecord>
  sessions?: Record<string, SessionRecord>
  rooms?: Record<string, RoomRecord>
}

/** Migrates a data folder of the old layout once: tables.json becomes tables.log (and is kept as tables.json.migrated). */
function migrateTablesJson(dir: string): boolean {
  const old = join(dir, 'tables.json')
  if (!existsSync(old)) return false
  const target = join(dir, 'tables.log')
  if (existsSync(target) && statSync(target).size > 0) {
    // migrated before, and the server has written since: the old file is only a leftover
    renameSync(old, `${old}.migrated`)
    return false
  }
  const t = JSON.parse(readFileSync(old, 'utf8')) as OldTables
  const changes: TableChange[] = [
    ...Object.values(t.units ?? {}).map((v): TableChange => ({ k: 'unit', v })),
    ...Object.values(t.users ?? {}).map((v): TableChange => ({ k: 'user', v })),
    ...Object.values(t.certs ?? {}).map((v): TableChange => ({ k: 'cert', v })),
    ...Object.values(t.sessions ?? {}).map((v): TableChange => ({ k: 'session', v })),
    ...Object.values(t.rooms ?? {}).map((v): TableChange => ({ k: 'room', v })),
    ...Object.values(t.blobs ?? {}).map((v): TableChange => ({ k: 'blob', v })),
    { k: 'counters', v: t.counters ?? {}, seq: t.commandSeq ?? 0 },
    // accepted commands in sequence order first, so each room's list keeps that order
    ...Object.values(t.commands ?? {})
      .sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity))
      .map((v): TableChange => ({ k: 'cmd', v })),
  ]
  const bytes = Buffer.concat(changes.map((c, i) => frame(encoder.encode(JSON.stringify({ lsn: i + 1, ...c })))))
  writeFileDurably(target, bytes)
  renameSync(old, `${old}.migrated`)
  syncDir(dir)
  return true
}
