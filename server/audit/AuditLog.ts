// The server's side of the audit chain: appends records, signs a checkpoint of the head every
// `checkpointEvery` records and at most `checkpointSeconds` after the first record left unsigned
// (and at shutdown), and never lets a failed append end the process. A record that cannot be
// written because the disk is full is counted instead; the count is written once space returns.
import type { AuditEntry, AuditRecord } from '../../src/core/audit/chain'
import type { Storage } from '../../src/core/storage/types'
import type { SpaceGuard } from '../storage/spaceGuard'

export interface AuditLogOptions {
  checkpointEvery: number
  checkpointSeconds: number
  /** the checkpoint entry signing `head` (the CA's key) */
  sign(head: AuditRecord): AuditEntry
}

export type AuditFn = (type: string, detail: Record<string, unknown>, actor?: string) => Promise<void>

export class AuditLog {
  private unsigned = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  /** records not written while the disk was full, since the last recovery */
  private lost = 0

  constructor(
    private readonly storage: Storage,
    private readonly space: SpaceGuard,
    private readonly options: AuditLogOptions,
  ) {}

  /**
   * Appends a record. Await it where the action depends on its record: it rejects when the append
   * fails. A caller that does not await loses nothing but the record: the failure is logged here.
   * While the disk is full the record is only counted and it resolves: reads go on, and a write
   * is refused by its own write failing (or by the 507 gate before it).
   */
  readonly record: AuditFn = (type, detail, actor) => {
    if (this.space.full) {
      this.lost++
      return Promise.resolve()
    }
    const entry: AuditEntry = { at: new Date().toISOString(), type, actor, detail: JSON.parse(JSON.stringify(detail)) as AuditEntry['detail'] }
    const done = this.storage.appendAudit(entry).then(
      () => this.afterAppend(1),
      (err: unknown) => {
        // no space: counted like the records that follow it, and the action's own write decides
        if (!this.space.noteFailure(err)) throw err
        this.lost++
      },
    )
    // handled here, so an unawaited record never becomes an unhandled rejection
    done.catch((err: unknown) => console.error(`audit record ${type} not written:`, err))
    return done
  }

  /** Records written outside `record` (a pruning) that the next checkpoint must cover. */
  afterAppend(count: number): void {
    this.unsigned += count
    if (this.unsigned >= this.options.checkpointEvery) void this.checkpoint().catch(() => undefined)
    else this.timer ??= this.later()
  }

  /** The space probe: written when the disk has room again, with what could not be recorded meanwhile. */
  async recovered(since: Date): Promise<void> {
    await this.storage.appendAudit({ at: new Date().toISOString(), type: 'storage.recovered', detail: { fullSince: since.toISOString(), recordsLost: this.lost } })
    this.lost = 0
    this.afterAppend(1)
  }

  private later(): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      this.timer = null
      void this.checkpoint().catch(() => {
        // not signed (a full disk): try again after another period
        if (this.unsigned > 0) this.timer ??= this.later()
      })
    }, this.options.checkpointSeconds * 1000)
    timer.unref()
    return timer
  }

  /** Signs the head now if any record is unsigned. */
  async checkpoint(): Promise<void> {
    if (this.unsigned === 0) return
    const count = this.unsigned
    this.unsigned = 0
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    try {
      // signed inside the append, so that it signs exactly the record it follows
      await this.storage.appendAudit((head) => this.options.sign(head!))
    } catch (err) {
      this.unsigned += count
      this.space.noteFailure(err)
      throw err
    }
  }

  /** At shutdown: the last checkpoint, and no timer left behind. */
  async close(): Promise<void> {
    await this.checkpoint().catch((err: unknown) => console.error('audit checkpoint at shutdown failed:', err))
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
