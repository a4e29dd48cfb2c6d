// Demo users driving the real CLI against a test server: each has their own profile directory,
// device key and PIN, as on separate machines.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import { nodeBundle } from './bundles'
import type { TestServer } from './newServer'

export const CLI_PIN = '135790'

/** The CLI as `npm run zt` runs it (bundled, built once per test process if stale). */
export function cliBundle(): string {
  return nodeBundle('zt')
}

export interface CliUser {
  username: string
  home: string
  /** runs `zt <args>` as this user; the PIN comes from ZT_PIN */
  zt(...args: string[]): { status: number | null; stdout: string; stderr: string }
  /** the same, failing the test unless it exits 0; returns stdout */
  ok(...args: string[]): string
  /** `zt <args>` in the background, for commands that race each other */
  start(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }>
}

type CliResult = { status: number | null; stdout: string; stderr: string }

/** How long one command may take before the test fails (the test's thread is blocked meanwhile). */
const CALL_TIMEOUT_MS = 90_000

let worker: { port: MessagePort; flag: Int32Array } | null = null

/**
 * `zt` in a worker thread of the test process: the same `run` the bundle's main.mjs calls, without
 * a Node start and module load per command. Users differ by their profile directory (--home), as
 * on separate machines; the CLI keeps nothing of a user in memory between commands.
 */
function inProcessCli(argv: string[], env: NodeJS.ProcessEnv): CliResult {
  if (!worker) {
    const { port1, port2 } = new MessageChannel()
    const signal = new SharedArrayBuffer(4)
    const runFile = join(dirname(cliBundle()), 'run.mjs')
    const thread = new Worker(new URL('./cliWorker.mjs', import.meta.url), { workerData: { runFile, port: port2, signal }, transferList: [port2] })
    thread.unref()
    port1.unref()
    worker = { port: port1, flag: new Int32Array(signal) }
  }
  const { port, flag } = worker
  Atomics.store(flag, 0, 0)
  port.postMessage({ argv, env })
  if (Atomics.wait(flag, 0, 0, CALL_TIMEOUT_MS) === 'timed-out') throw new Error(`zt ${argv.join(' ')} did not finish in ${CALL_TIMEOUT_MS / 1000} s`)
  const reply = receiveMessageOnPort(port)
  if (!reply) throw new Error(`zt ${argv.join(' ')}: the CLI's worker sent no answer`)
  return reply.message as CliResult
}

/** Options of a test user's CLI. */
export interface CliUserOptions {
  /** a new Node process per command, as a user's shell runs it (default: the test process's CLI worker) */
  spawn?: boolean
}

export function cliUser(server: TestServer, username: string, options: CliUserOptions = {}): CliUser {
  const home = mkdtempSync(join(tmpdir(), `zt-${username}-`))
  // the PIN's key derivation at its lowest allowed cost: these tests are not about the KDF
  const env = { ...process.env, ZT_PIN: CLI_PIN, ZT_TEST_PIN_ITERATIONS: '1000' }
  const zt = (...args: string[]): CliResult => {
    const argv = [...args, '--home', home]
    if (!options.spawn) return inProcessCli(argv, env)
    const r = spawnSync(process.execPath, [cliBundle(), ...argv], { encoding: 'utf8', env })
    return { status: r.status, stdout: r.stdout, stderr: r.stderr }
  }
  const ok = (...args: string[]): string => {
    const r = zt(...args)
    if (r.status !== 0) throw new Error(`zt ${args.join(' ')} (as ${username}) exited ${r.status}: ${r.stderr}${r.stdout}`)
    return r.stdout
  }
  const start = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cliBundle(), ...args, '--home', home], { env })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')))
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
      child.on('close', (status) => resolve({ status, stdout, stderr }))
    })
  const login = zt('login', username, '--password', 'demo123', '--server', server.url, '--pin', CLI_PIN)
  if (login.status !== 0) throw new Error(`login ${username}: ${login.stderr}`)
  return { username, home, zt, ok, start }
}

export interface ShownDoc {
  title: string
  body: string
  flow: { step: string; handlers: string[]; docNumber: string | null; frozen: boolean; ended: string | null; records: { action: string; actor: string; opinion?: string; onBehalfOf?: string }[]; events: unknown[] }
}

export function show(user: CliUser, id: string): ShownDoc {
  return JSON.parse(user.ok('doc', 'show', id, '--json')) as ShownDoc
}
