// The CLI's outbox (ARCHITECTURE.md §3.2): each signed command is one file under <home>/outbox,
// written and fsynced before it is sent, deleted only when the server has answered. `--offline`
// stops after the write; `zt sync` (or the next online command) sends what is queued, in order.
import { closeSync, fsyncSync, openSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { commandSchema, type Command } from '../core/command/envelope'

export interface QueuedCommand {
  file: string
  command: Command
}

function outboxDir(home: string): string {
  return join(home, 'outbox')
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Stores the command durably; the file name orders the queue by the time it was queued. */
export async function enqueue(home: string, command: Command): Promise<void> {
  const dir = outboxDir(home)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const name = `${Date.now().toString().padStart(15, '0')}-${command.id}.json`
  const tmp = join(dir, `.${name}.tmp`)
  await writeFile(tmp, JSON.stringify(command), { mode: 0o600 })
  fsyncPath(tmp)
  await rename(tmp, join(dir, name))
  fsyncPath(dir)
}

export async function queued(home: string): Promise<QueuedCommand[]> {
  let names: string[]
  try {
    names = (await readdir(outboxDir(home))).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()
  } catch {
    return []
  }
  const out: QueuedCommand[] = []
  for (const name of names) {
    const file = join(outboxDir(home), name)
    const parsed = commandSchema.safeParse(JSON.parse(await readFile(file, 'utf8').catch(() => 'null')))
    if (parsed.success) out.push({ file, command: parsed.data })
  }
  return out
}

export async function dequeue(entry: QueuedCommand): Promise<void> {
  await rm(entry.file, { force: true })
}
