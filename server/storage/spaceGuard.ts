// A full disk (ENOSPC, EDQUOT; PostgreSQL's disk_full) stops writes, not the server: once a write
// fails for want of space, writes are refused at once (HTTP 507, the relay's 4507) instead of
// each trying again, reads go on, and a probe retries every few seconds until a write succeeds.

/** Whether `err` says the store has no room left (a file system's or PostgreSQL's). */
export function isNoSpace(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === 'ENOSPC' || code === 'EDQUOT' || code === '53100'
}

export class SpaceGuard {
  private fullSince: Date | null = null
  private timer: ReturnType<typeof setInterval> | null = null
  private probing = false

  /**
   * `probe` is a real write (it records the recovery); it resolving means space is back. It is
   * told when the disk filled up.
   */
  constructor(
    private readonly probe: (since: Date) => Promise<void>,
    private readonly probeMs: number,
  ) {}

  get full(): boolean {
    return this.fullSince !== null
  }

  /** Looks at a failed write: a lack of space marks the store full (and starts the probe). Returns whether it was one. */
  noteFailure(err: unknown): boolean {
    if (!isNoSpace(err)) return false
    if (this.fullSince) return true
    this.fullSince = new Date()
    console.error(`storage full (${(err as { code: string }).code}): writes refused until space returns`)
    this.timer = setInterval(() => void this.tryProbe(), this.probeMs)
    this.timer.unref()
    return true
  }

  private async tryProbe(): Promise<void> {
    if (this.probing || !this.fullSince) return
    this.probing = true
    try {
      await this.probe(this.fullSince)
      this.fullSince = null
      if (this.timer) clearInterval(this.timer)
      this.timer = null
      console.error('storage space is back: writes accepted again')
    } catch (err) {
      // still full (or another failure): the next tick tries again
      if (!isNoSpace(err)) console.error(err)
    } finally {
      this.probing = false
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}
