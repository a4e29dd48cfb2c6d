// The CLI's outbox (ARCHITECTURE.md §3.2): each signed command is one file under <home>/outbox,
// written and fsynced before it is sent, deleted only when the server has answered. `--offline`
// stops after the write; `zt sync` (or the next online command) sends what is queued, in order.
import { closeSync, fsyncSync, openSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { commandSchema, type Command } from '../core/command/envelope'
import type { CommandAnswer } from '../core/api/http'

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

/** A command the server refused, kept with its answer until its author dismisses it (as the
 *  desktop keeps its refused list): nobody's action disappears without their seeing why. */
export interface RefusedCommand {
  command: Command
  answer: CommandAnswer
}

function refusedDir(home: string): string {
  return join(home, 'refused')
}

export async function keepRefused(home: string, entry: QueuedCommand, answer: CommandAnswer): Promise<void> {
  const dir = refusedDir(home)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const name = entry.file.split(/[\\/]/).pop()!
  const tmp = join(dir, `.${name}.tmp`)
  await writeFile(tmp, JSON.stringify({ command: entry.command, answer }), { mode: 0o600 })
  fsyncPath(tmp)
  await rename(tmp, join(dir, name))
  fsyncPath(dir)
  await rm(entry.file, { force: true })
}

export async function refusedCommands(home: string): Promise<RefusedCommand[]> {
  let names: string[]
  try {
    names = (await readdir(refusedDir(home))).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()
  } catch {
    return []
  }
  const out: RefusedCommand[] = []
  for (const name of names) {
    const kept = JSON.parse(await readFile(join(refusedDir(home), name), 'utf8').catch(() => 'null')) as RefusedCommand | null
    if (kept && commandSchema.safeParse(kept.command).success) out.push(kept)
  }
  return out
}

/** Removes the refused command with this id (or every one, for 'all'); returns how many went. */
export async function dismissRefused(home: string, which: string): Promise<number> {
  let names: string[]
  try {
    names = (await readdir(refusedDir(home))).filter((n) => n.endsWith('.json') && !n.startsWith('.'))
  } catch {
    return 0
  }
  const gone = names.filter((n) => which === 'all' || n.endsWith(`-${which}.json`))
  for (const n of gone) await rm(join(refusedDir(home), n), { force: true })
  return gone.length
}
