// Group commit (issue 12.1): every write of the store — room updates of any room, commands,
// sessions, audit records — joins the next batch, and one write + fdatasync of the journal makes
// the whole batch durable. A batch forms by itself: what arrives while a fdatasync runs waits for
// the next one, so a busy server syncs once per few ms instead of once per write. The promise of
// each write resolves only after the fdatasync that covers it.
//
// The same batch also appends each record to its home file (the room's log, the table log, the
// audit log) without syncing it: reads go to the homes, and the journal holds everything written
// to them since they were last synced. Once the journal outgrows `checkpointBytes` (and on close)
// the homes are synced and the journal emptied; on open the store replays the journal into the
// homes, whose tails may be torn or short. If a batch fails (ENOSPC), the journal and every home
// are cut back to where the batch began, nothing of it is applied, and later batches try again —
// unless the batch held a staged write (server/storage/staging.ts): later writes were judged on
// it, so the store stops, refusing every write from then on until it is opened again.
//
// Every sync runs in libuv's thread pool (batches, checkpoints, compactions): one on the event
// loop would hold every room for as long as the disk takes.
import { open } from 'node:fs/promises'
import { AppendFile, datasync, frame } from './AppendFile'

/** What a write may do inside its batch. */
export interface BatchWriter {
  /** a record for the journal: what replay needs to rebuild the homes */
  journal(body: Uint8Array): void
  /** bytes for a home file; returns the offset they were written at */
  home(file: AppendFile, bytes: Uint8Array): number
  /** runs once the batch is durable (apply to memory) */
  onCommit(fn: () => void): void
  /** runs if the batch fails (undo what was taken while preparing, e.g. a sequence number) */
  onRollback(fn: () => void): void
}

interface Pending {
  prepare(writer: BatchWriter): unknown
  /** applied to memory before it is durable: its failure stops the store */
  staged: boolean
  resolve(value: unknown): void
  reject(err: unknown): void
}

export interface GroupCommitStats {
  batches: number
  writes: number
}

/** Every write after a staged one failed: the store has stopped. Carries the first failure's code (ENOSPC: 507). */
export class StoreStoppedError extends Error {
  readonly code: string | undefined
  constructor(cause: unknown) {
    super(`store stopped after a staged write failed (${String(cause)}): open it again`, { cause })
    this.code = (cause as { code?: string } | null)?.code
  }
}

export class GroupCommit {
  private pending: Pending[] = []
  /** set once a batch holding a staged write failed */
  private stopped: StoreStoppedError | null = null
  private scheduled = false
  private chain: Promise<void> = Promise.resolve()
  /** home files written since the last checkpoint */
  private readonly dirtyHomes = new Set<AppendFile>()
  /** home files closed since the last checkpoint with writes not yet synced, by path */
  private readonly leftHomes = new Set<string>()
  readonly stats: GroupCommitStats = { batches: 0, writes: 0 }

  constructor(
    private readonly journalFile: AppendFile,
    private readonly checkpointBytes = 64 * 1024 * 1024,
  ) {}

  /**
   * Joins the next batch; resolves with what `prepare` returned, once the batch is durable.
   * `staged`: its effect is visible before then, so its failure stops the store.
   */
  write<T>(prepare: (writer: BatchWriter) => T, staged = false): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped)
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ prepare, staged, resolve: resolve as (v: unknown) => void, reject })
      if (!this.scheduled) {
        this.scheduled = true
        // setImmediate: whatever else this turn of the event loop writes joins the same batch
        this.chain = this.chain.then(() => new Promise<void>((r) => setImmediate(r))).then(() => this.flush())
      }
    })
  }

  /** Throws once the store has stopped (a staged write failed). */
  assertRunning(): void {
    if (this.stopped) throw this.stopped
  }

  /** Runs `task` between batches (nothing is being written meanwhile): for rewrites of a home file. */
  exclusive<T>(task: () => T | Promise<T>): Promise<T> {
    const run = this.chain.then(task)
    this.chain = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  /** Syncs every home written since the last checkpoint and empties the journal. */
  checkpoint(): Promise<void> {
    return this.exclusive(() => this.checkpointNow())
  }

  /**
   * A home file is closed (its room unloaded). The journal still holds what it lacks, so its sync
   * waits for the next checkpoint, by path: a room a command touched unloads at once, and a sync
   * of its own there would be one more per command. Only inside `exclusive` (a checkpoint may be
   * syncing the file).
   */
  forget(file: AppendFile): void {
    if (this.dirtyHomes.delete(file) && file.dirty) this.leftHomes.add(file.path)
  }

  /** Writes a journal record and syncs it at once; only inside `exclusive`. */
  async journalNow(body: Uint8Array): Promise<void> {
    this.journalFile.append(frame(body))
    await this.journalFile.syncAsync()
  }

  /** only after a last `checkpoint()` */
  close(): void {
    this.journalFile.close()
  }

  /** Inside the chain (no batch meanwhile): every home durable before the journal is emptied. */
  private async checkpointNow(): Promise<void> {
    // in parallel, the thread pool syncing several files at once; every one settled before going
    // on, so none is closed (its room unloaded) while its sync still runs
    const synced = await Promise.allSettled([...[...this.dirtyHomes].map((file) => file.syncAsync()), ...[...this.leftHomes].map(syncPath)])
    const failed = synced.find((s) => s.status === 'rejected')
    if (failed) throw failed.reason
    this.dirtyHomes.clear()
    this.leftHomes.clear()
    if (this.journalFile.size > 0) {
      await this.journalFile.truncateAsync(0)
      this.journalFile.dirty = true
      await this.journalFile.syncAsync()
    }
  }

  private async flush(): Promise<void> {
    this.scheduled = false
    const batch = this.pending.splice(0)
    if (batch.length === 0) return
    if (this.stopped) {
      for (const entry of batch) entry.reject(this.stopped)
      return
    }
    const journalStart = this.journalFile.size
    const homeStarts = new Map<AppendFile, number>()
    const frames: Buffer[] = []
    const commits: (() => void)[] = []
    const rollbacks: (() => void)[] = []
    const writer: BatchWriter = {
      journal: (body) => void frames.push(frame(body)),
      home: (file, bytes) => {
        if (!homeStarts.has(file)) homeStarts.set(file, file.size)
        return file.append(bytes)
      },
      onCommit: (fn) => void commits.push(fn),
      onRollback: (fn) => void rollbacks.push(fn),
    }
    const results: unknown[] = []
    try {
      for (const entry of batch) results.push(entry.prepare(writer))
      this.journalFile.append(Buffer.concat(frames))
      await datasync(this.journalFile.descriptor)
      this.journalFile.dirty = false
    } catch (err) {
      cutBack(this.journalFile, journalStart)
      for (const [file, size] of homeStarts) cutBack(file, size)
      for (const undo of rollbacks.reverse()) undo()
      if (batch.some((entry) => entry.staged)) {
        this.stopped = new StoreStoppedError(err)
        console.error(this.stopped.message)
      }
      for (const entry of batch) entry.reject(err)
      return
    }
    for (const file of homeStarts.keys()) this.dirtyHomes.add(file)
    this.stats.batches++
    this.stats.writes += batch.length
    for (const apply of commits) apply()
    batch.forEach((entry, i) => entry.resolve(results[i]))
    if (this.journalFile.size >= this.checkpointBytes) {
      try {
        await this.checkpointNow()
      } catch (err) {
        // the journal still holds everything: the next checkpoint tries again
        console.error(err)
      }
    }
  }
}

async function syncPath(path: string): Promise<void> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (err) {
    // replaced or gone since (a compaction wrote it anew, durably): nothing of it to sync
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
    throw err
  }
  try {
    await handle.datasync()
  } finally {
    await handle.close()
  }
}

function cutBack(file: AppendFile, size: number): void {
  try {
    if (file.size > size) file.truncate(size)
  } catch {
    // a file that cannot even be cut back keeps a torn tail, which the next open cuts
  }
}
