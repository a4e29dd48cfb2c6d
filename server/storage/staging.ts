// Staged writes (decisions.md, "Commands share group commits"): one command is judged and its
// effects written inside a stage. A store that can stage applies each write to what this process
// reads at once and lets the promise resolve, while the write waits in the next group-commit
// batch; the room a server write touches is read as it will be, and relayed once durable. So the
// `commands` lock is held for the judging only, and commands share fdatasyncs. The stage's
// `durable` settles once everything written inside it (and in every stage before it) is durable:
// the answer waits for that.
import { AsyncLocalStorage } from 'node:async_hooks'

export interface Stage {
  /** promises of the stage's writes: each settles once its write is durable */
  readonly writes: Promise<unknown>[]
}

const scope = new AsyncLocalStorage<Stage>()

/** The stage the current code runs in, if any. */
export function currentStage(): Stage | undefined {
  return scope.getStore()
}

/** Adds a write's durability to the current stage; returns false outside a stage. */
export function trackDurable(write: Promise<unknown>): boolean {
  const stage = scope.getStore()
  if (!stage) return false
  // handled here at once: a failure is reported through the stage's `durable`, never as unhandled
  write.catch(() => undefined)
  stage.writes.push(write)
  return true
}

/** Runs `task` in a new stage; `after` (the previous stage's durable) joins its durable. */
export async function runStaged<T>(task: () => Promise<T>, after: Promise<void>): Promise<{ value: T; durable: Promise<void> }> {
  const stage: Stage = { writes: [] }
  let value: T
  try {
    value = await scope.run(stage, task)
  } catch (err) {
    // what the task staged before it threw is durable (or failed) all the same
    void Promise.allSettled(stage.writes)
    throw err
  }
  const durable = Promise.all([after, ...stage.writes]).then(() => undefined)
  durable.catch(() => undefined)
  return { value, durable }
}
