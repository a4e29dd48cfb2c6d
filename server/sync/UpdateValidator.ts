// Runs validateWorker.mjs with memory and time limits, one request at a time, replacing the
// worker whenever an update kills it or runs past the deadline.
import { Worker } from 'node:worker_threads'

export type Verdict = { ok: true; roots: string[] } | { ok: false; reason: 'incomplete' | 'malformed' | 'timeout' | 'memory' }

interface Job {
  id: number
  state: Uint8Array
  update: Uint8Array
  resolve: (v: Verdict) => void
}

export interface ValidatorLimits {
  timeoutMs: number
  maxOldGenerationSizeMb: number
}

export class UpdateValidator {
  private worker: Worker | null = null
  private queue: Job[] = []
  private current: Job | null = null
  private timer: NodeJS.Timeout | null = null
  private nextId = 1
  private closed = false

  constructor(private readonly limits: ValidatorLimits = { timeoutMs: 2000, maxOldGenerationSizeMb: 256 }) {}

  validate(state: Uint8Array, update: Uint8Array): Promise<Verdict> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, state, update, resolve })
      this.pump()
    })
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./validateWorker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 32 },
    })
    worker.on('message', (msg: { id: number } & Verdict) => {
      if (!this.current || msg.id !== this.current.id) return
      const { id: _id, ...verdict } = msg
      this.finish(verdict as Verdict)
    })
    // only the live worker's death concerns the current job; a replaced one may exit late
    worker.on('error', () => {
      if (this.worker === worker) this.fail('memory')
    })
    worker.on('exit', () => {
      if (this.worker === worker) this.fail('memory')
    })
    worker.unref()
    return worker
  }

  private pump(): void {
    if (this.current || this.closed) return
    const job = this.queue.shift()
    if (!job) return
    this.current = job
    this.worker ??= this.spawn()
    this.timer = setTimeout(() => this.fail('timeout'), this.limits.timeoutMs)
    this.worker.postMessage({ id: job.id, state: job.state, update: job.update })
  }

  private finish(verdict: Verdict): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const job = this.current
    this.current = null
    job?.resolve(verdict)
    this.pump()
  }

  /** The worker is stuck or dead: answer the job and start afresh with a new worker. */
  private fail(reason: 'timeout' | 'memory'): void {
    const worker = this.worker
    this.worker = null
    if (worker) void worker.terminate()
    if (this.current) this.finish({ ok: false, reason })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue) job.resolve({ ok: false, reason: 'timeout' })
    this.queue = []
    if (this.worker) await this.worker.terminate()
  }
}
