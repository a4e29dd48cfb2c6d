// Verifies commands' SM2 signatures in a few worker threads (verifyWorker.mjs), so that a
// command's costliest step runs beside the main thread and outside the `commands` lock. Jobs go
// to the worker with the fewest outstanding; whatever arrives while a worker's batch is out goes in
// its next batch (one message each way per batch: the round trip is what the main thread pays
// for). Workers start at the first command, not with the server. A worker that dies takes only
// its batch with it: each job of it is sent once more to a new worker, and one that kills a worker
// twice is answered "does not verify".
import { Worker } from 'node:worker_threads'
import { isCanonicalDerSignature } from '../../src/core/crypto/sm2'
import { fromHex } from '../../src/core/crypto/bytes'

export interface VerifierLimits {
  workers: number
  /** public keys each worker keeps prepared (precomputed multiples), the most recently used */
  keysPerWorker: number
  /** precomputation window of a kept key: as fast to verify with as the default 8, a quarter of its memory */
  window: number
  maxOldGenerationSizeMb: number
}

export const DEFAULT_VERIFIER_LIMITS: VerifierLimits = {
  // the SM2 rate a command is held to is one thread's; two let commands outrun it on two cores
  workers: 2,
  // 256 keys in all, ~140 KB each, as the main thread kept before
  keysPerWorker: 128,
  window: 6,
  maxOldGenerationSizeMb: 128,
}

/** jobs sent to a worker in one message at most */
const MAX_BATCH = 64

interface Job {
  id: number
  message: Uint8Array
  sig: string
  publicKey: string
  resolve: (ok: boolean) => void
  retried: boolean
}

class Slot {
  worker: Worker | null = null
  queue: Job[] = []
  /** the batch the worker is on */
  current: Job[] | null = null
  outstanding(): number {
    return this.queue.length + (this.current?.length ?? 0)
  }
}

export class SignatureVerifier {
  private readonly slots: Slot[]
  private nextId = 1
  private closed = false

  constructor(private readonly limits: VerifierLimits = DEFAULT_VERIFIER_LIMITS) {
    this.slots = Array.from({ length: Math.max(1, limits.workers) }, () => new Slot())
  }

  /** Whether `derSignature` (hex) is `publicKey`'s SM2 signature of `message` — as sm2Verify answers. */
  verify(message: Uint8Array, derSignature: string, publicKey: string): Promise<boolean> {
    // the one canonical DER encoding only, checked here so the worker gets nothing else
    let der: Uint8Array
    try {
      der = fromHex(derSignature)
    } catch {
      return Promise.resolve(false)
    }
    if (!isCanonicalDerSignature(der)) return Promise.resolve(false)
    return new Promise((resolve) => {
      if (this.closed) return resolve(false)
      const slot = this.slots.reduce((a, b) => (b.outstanding() < a.outstanding() ? b : a))
      slot.queue.push({ id: this.nextId++, message, sig: derSignature.toLowerCase(), publicKey, resolve, retried: false })
      this.pump(slot)
    })
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(new URL('./verifyWorker.mjs', import.meta.url), {
      workerData: { keys: this.limits.keysPerWorker, window: this.limits.window },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 16 },
    })
    worker.on('message', (msg: { answers: { id: number; ok: boolean }[] }) => {
      const batch = slot.current
      if (slot.worker !== worker || !batch) return
      const byId = new Map(msg.answers.map((a) => [a.id, a.ok]))
      slot.current = null
      for (const job of batch) job.resolve(byId.get(job.id) === true)
      this.pump(slot)
    })
    // only the live worker's death concerns the batch; a replaced one may exit late
    const died = (): void => {
      if (slot.worker !== worker) return
      slot.worker = null
      const batch = slot.current ?? []
      slot.current = null
      const again: Job[] = []
      for (const job of batch) {
        if (job.retried || this.closed) job.resolve(false)
        else {
          job.retried = true
          again.push(job)
        }
      }
      slot.queue.unshift(...again)
      this.pump(slot)
    }
    worker.on('error', died)
    worker.on('exit', died)
    worker.unref()
    return worker
  }

  private pump(slot: Slot): void {
    if (slot.current || this.closed || slot.queue.length === 0) return
    const batch = slot.queue.splice(0, MAX_BATCH)
    slot.current = batch
    slot.worker ??= this.spawn(slot)
    slot.worker.postMessage({ jobs: batch.map(({ id, message, sig, publicKey }) => ({ id, message, sig, publicKey })) })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const slot of this.slots) {
      for (const job of [...(slot.current ?? []), ...slot.queue]) job.resolve(false)
      slot.queue = []
      slot.current = null
      const worker = slot.worker
      slot.worker = null
      if (worker) await worker.terminate()
    }
  }
}
