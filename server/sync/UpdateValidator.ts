// Runs validateWorker.mjs in a few workers, each holding copies of the hot rooms placed on it, with
// memory and time limits: one batch at a time per worker (every update that arrived while the
// last batch was out, one message each way), the worker replaced whenever an update kills it or
// runs past the deadline (its rooms are then reloaded from the main thread's state on their next
// update). The worker marks in shared memory which update of the batch it is on, so the deadline
// is per update and only the update that failed is refused; the rest of its batch goes again. A
// room stays on its worker until it unloads, so a crafted update stalls only the rooms sharing
// that worker.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

export type Verdict =
  | { ok: true; roots: string[]; newClients: number; grew: boolean }
  | { ok: false; reason: 'incomplete' | 'malformed' | 'timeout' | 'memory' }

type WorkerAnswer = { id: number } & (Verdict | { ok: false; reason: 'unloaded' })

type WorkerOp = { type: 'drop'; room: string } | { type: 'validate'; id: number; room: string; update: Uint8Array; state?: Uint8Array }

/** updates sent to a worker in one message at most */
const MAX_BATCH = 256

interface Job {
  id: number
  room: string
  /** read when the worker needs the room (its first update, or after the worker was replaced) */
  state: () => Uint8Array
  update: Uint8Array
  resolve: (v: Verdict) => void
  retried: boolean
}

/** the deadline is checked this many times per `timeoutMs` (an update runs at most 1.25× it) */
const CHECKS_PER_TIMEOUT = 4

export interface ValidatorLimits {
  timeoutMs: number
  maxOldGenerationSizeMb: number
  /** workers to spread rooms over */
  workers: number
  /** copies a worker keeps; past it the least recently used is dropped (and reloaded if needed) */
  roomsPerWorker: number
}

export const DEFAULT_VALIDATOR_LIMITS: ValidatorLimits = {
  timeoutMs: 2000,
  maxOldGenerationSizeMb: 512,
  workers: Math.min(4, Math.max(2, availableParallelism())),
  roomsPerWorker: 2000,
}

class Slot {
  worker: Worker | null = null
  queue: Job[] = []
  /** the batch the worker is checking */
  current: Job[] | null = null
  timer: NodeJS.Timeout | null = null
  /** written by the worker: the index in the batch of the update it is checking */
  progress = new Int32Array(new SharedArrayBuffer(4))
  /** the index seen at the last check, and at how many checks in a row */
  seen = -1
  checks = 0
  /** rooms whose copy this worker holds, least recently used first */
  readonly rooms = new Set<string>()
  /** rooms placed here (held or not), so a room keeps its worker */
  placed = 0
}

export class UpdateValidator {
  private readonly slots: Slot[]
  private readonly placement = new Map<string, Slot>()
  private nextId = 1
  private closed = false

  constructor(private readonly limits: ValidatorLimits = DEFAULT_VALIDATOR_LIMITS) {
    this.slots = Array.from({ length: Math.max(1, limits.workers) }, () => new Slot())
  }

  /**
   * Checks `update` against the room's copy and moves the copy past it. The caller then either
   * commits it (nothing more to say) or refuses it (`refused`); calls for one room must not overlap.
   */
  validate(room: string, state: () => Uint8Array, update: Uint8Array): Promise<Verdict> {
    return new Promise((resolve) => {
      if (this.closed) return resolve({ ok: false, reason: 'timeout' })
      const slot = this.place(room)
      slot.queue.push({ id: this.nextId++, room, state, update, resolve, retried: false })
      this.pump(slot)
    })
  }

  /** The room committed a change that did not come through `validate` (the server's own writes). */
  committed(room: string, update: Uint8Array): void {
    const slot = this.placement.get(room)
    if (slot?.worker && slot.rooms.has(room)) slot.worker.postMessage({ type: 'apply', room, update })
  }

  /** The last validated update of `room` was not committed: the copy is ahead and must go. */
  refused(room: string): void {
    const slot = this.placement.get(room)
    if (slot) this.forget(slot, room)
  }

  /** The room left memory: so does its copy. */
  unload(room: string): void {
    const slot = this.placement.get(room)
    if (!slot) return
    this.forget(slot, room)
    this.placement.delete(room)
    slot.placed--
  }

  /** How many rooms each worker holds a copy of (for tests and the benchmark). */
  held(): number[] {
    return this.slots.map((s) => s.rooms.size)
  }

  private place(room: string): Slot {
    let slot = this.placement.get(room)
    if (!slot) {
      slot = this.slots.reduce((a, b) => (b.placed < a.placed ? b : a))
      slot.placed++
      this.placement.set(room, slot)
    }
    return slot
  }

  private forget(slot: Slot, room: string): void {
    if (!slot.rooms.delete(room)) return
    slot.worker?.postMessage({ type: 'drop', room })
  }

  private spawn(slot: Slot): Worker {
    slot.progress = new Int32Array(new SharedArrayBuffer(4))
    const worker = new Worker(new URL('./validateWorker.mjs', import.meta.url), {
      workerData: { progress: slot.progress },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 32 },
    })
    worker.on('message', (msg: { answers: WorkerAnswer[] }) => {
      const batch = slot.current
      if (slot.worker !== worker || !batch) return
      const byId = new Map(msg.answers.map((a) => [a.id, a]))
      const again: Job[] = []
      const verdicts: [Job, Verdict][] = []
      for (const job of batch) {
        const { id: _id, ...answer } = byId.get(job.id) ?? { id: job.id, ok: false, reason: 'malformed' as const }
        if (!answer.ok && answer.reason === 'unloaded' && !job.retried) {
          // the copy went (a failed apply): send the job again with the room's state
          slot.rooms.delete(job.room)
          job.retried = true
          again.push(job)
          continue
        }
        if (!answer.ok) slot.rooms.delete(job.room)
        verdicts.push([job, answer.ok || answer.reason !== 'unloaded' ? answer : { ok: false, reason: 'malformed' }])
      }
      slot.queue.unshift(...again)
      this.finish(slot, verdicts)
    })
    // only the live worker's death concerns the current job; a replaced one may exit late
    worker.on('error', () => {
      if (slot.worker === worker) this.fail(slot, 'memory')
    })
    worker.on('exit', () => {
      if (slot.worker === worker) this.fail(slot, 'memory')
    })
    worker.unref()
    return worker
  }

  private pump(slot: Slot): void {
    if (slot.current || this.closed || slot.queue.length === 0) return
    // one job per room at most (a room's calls do not overlap)
    const batch = slot.queue.splice(0, MAX_BATCH)
    slot.current = batch
    slot.worker ??= this.spawn(slot)
    Atomics.store(slot.progress, 0, 0)
    slot.seen = -1
    slot.checks = 0
    slot.timer = setInterval(() => this.check(slot), this.limits.timeoutMs / CHECKS_PER_TIMEOUT)
    const ops: WorkerOp[] = []
    for (const job of batch) {
      const held = slot.rooms.delete(job.room)
      slot.rooms.add(job.room) // most recently used last
      if (!held && slot.rooms.size > this.limits.roomsPerWorker) {
        const oldest = slot.rooms.values().next().value as string
        slot.rooms.delete(oldest)
        ops.push({ type: 'drop', room: oldest })
      }
      ops.push({ type: 'validate', id: job.id, room: job.room, update: job.update, ...(held ? {} : { state: job.state() }) })
    }
    slot.worker.postMessage({ type: 'batch', ops })
  }

  /** The update being checked has been on it since the last CHECKS_PER_TIMEOUT checks: too long. */
  private check(slot: Slot): void {
    const at = Atomics.load(slot.progress, 0)
    if (at !== slot.seen) {
      slot.seen = at
      slot.checks = 1
    } else if (++slot.checks > CHECKS_PER_TIMEOUT) this.fail(slot, 'timeout')
  }

  private finish(slot: Slot, verdicts: [Job, Verdict][]): void {
    if (slot.timer) clearInterval(slot.timer)
    slot.timer = null
    slot.current = null
    for (const [job, verdict] of verdicts) job.resolve(verdict)
    this.pump(slot)
  }

  /**
   * The worker is stuck or dead: start afresh with a new worker and no copies. The update it was
   * on is answered; the others of its batch are sent again (their answers died with it).
   */
  private fail(slot: Slot, reason: 'timeout' | 'memory'): void {
    const worker = slot.worker
    slot.worker = null
    slot.rooms.clear()
    if (worker) void worker.terminate()
    const batch = slot.current
    if (!batch) return
    const at = Math.min(Math.max(0, Atomics.load(slot.progress, 0)), batch.length - 1)
    slot.queue.unshift(...batch.filter((_, i) => i !== at))
    this.finish(slot, [[batch[at]!, { ok: false, reason }]])
  }

  async close(): Promise<void> {
    this.closed = true
    for (const slot of this.slots) {
      for (const job of [...(slot.current ?? []), ...slot.queue]) job.resolve({ ok: false, reason: 'timeout' })
      slot.queue = []
      slot.current = null
      if (slot.timer) clearInterval(slot.timer)
      if (slot.worker) await slot.worker.terminate()
    }
  }
}
