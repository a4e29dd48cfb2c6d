// The three servers of the relay benchmark, each in a child process of its own (so the load
// generator, this process, runs on the other core): ours as `npm run server` runs it (the built
// bundle, embedded storage under a fresh folder, the demo organisation, auth and validation on),
// the stock y-websocket server as its bin runs it, and Hocuspocus with its defaults.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Dialect } from './wire'

export type ServerKind = 'ours' | 'stock' | 'hocuspocus'

const ROOT = resolve(import.meta.dirname, '../..')

export interface BenchServer {
  kind: ServerKind
  dialect: Dialect
  port: number
  /** the socket address of a room, with whatever the server needs to let us in */
  url(room: string): string
  /** resident memory of the server process, in MiB */
  rssMb(): number
  /** ours only: a signed-in token and a way to create the rooms (documents) the clients write */
  token?: string
  createRooms?(names: string[]): Promise<void>
  /** what the server's event loop saw since the last call (bench/relay/probe.mjs) */
  probe(): Promise<Probe>
  stop(): Promise<void>
}

export interface Probe {
  /** event-loop delay (ms) */
  loop: { p50: number; p99: number; max: number; count: number }
  /** node:fs synchronous calls by name (only with ZT_BENCH_PROBE_FS=1) */
  sync: Record<string, { calls: number; totalMs: number; maxMs: number; over5ms: number }>
}

const PROBE = ['--import', join(ROOT, 'bench/relay/probe.mjs')]

function prober(child: ChildProcess): () => Promise<Probe> {
  return () =>
    new Promise((res, rej) => {
      let out = ''
      const timer = setTimeout(() => rej(new Error('no probe line')), 5000)
      const onData = (chunk: Buffer): void => {
        out += chunk.toString()
        const m = /ZT-PROBE (.*)\n/.exec(out)
        if (!m) return
        clearTimeout(timer)
        child.stderr?.off('data', onData)
        res(JSON.parse(m[1]!) as Probe)
      }
      child.stderr?.on('data', onData)
      child.kill('SIGUSR2')
    })
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((res, rej) => {
    let out = ''
    const timer = setTimeout(() => rej(new Error(`${what} did not start: ${out}`)), 60_000)
    const onData = (chunk: Buffer): void => {
      out += chunk.toString()
      if (pattern.test(out)) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        res()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('exit', (code) => rej(new Error(`${what} exited (${code}): ${out}`)))
  })
}

export function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return kb / 1024
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((res) => {
    if (child.exitCode !== null) return res()
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(timer)
      res()
    })
    child.kill('SIGTERM')
  })
}

export async function startServer(kind: ServerKind, port: number): Promise<BenchServer> {
  if (kind === 'ours') return startOurs(port)
  const script = kind === 'stock' ? join(ROOT, 'node_modules/@y/websocket-server/src/server.js') : join(ROOT, 'bench/relay/hocuspocusServer.mjs')
  const child = spawn(process.execPath, [...PROBE, script], { cwd: ROOT, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] })
  await waitForLine(child, kind === 'stock' ? /running at/ : /listening/, kind)
  const dialect: Dialect = kind === 'stock' ? 'y-websocket' : 'hocuspocus'
  return {
    kind,
    dialect,
    port,
    url: (room) => (kind === 'stock' ? `ws://127.0.0.1:${port}/${room}` : `ws://127.0.0.1:${port}/`),
    rssMb: () => rssMbOf(child.pid!),
    probe: prober(child),
    stop: () => stopChild(child),
  }
}

/** Ours as `npm run server` runs it; `extraArgs` (e.g. `--postgres … --redis …`) go after its own. */
export async function startOurs(port: number, extraArgs: string[] = []): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zt-bench-relay-'))
  // ZT_BENCH_PROF=<folder>: the server writes a CPU profile there when it stops
  const prof = process.env.ZT_BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.ZT_BENCH_PROF}`] : []
  const child = spawn(process.execPath, [...prof, ...PROBE, join(ROOT, 'scripts/server.mjs'), '--port', String(port), '--data', dataDir, '--seed', 'demo', ...extraArgs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  await waitForLine(child, /listening on/, 'our server')
  const base = `http://127.0.0.1:${port}`
  const login = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhangsan', password: 'demo123' }) })
  if (!login.ok) throw new Error(`login failed: ${login.status}`)
  const { token } = (await login.json()) as { token: string }
  return {
    kind: 'ours',
    dialect: 'y-websocket',
    port,
    token,
    url: (room) => `ws://127.0.0.1:${port}/sync/${room}?token=${token}`,
    rssMb: () => rssMbOf(child.pid!),
    probe: prober(child),
    async createRooms(names) {
      // a few at a time: each is a write of the store
      for (let i = 0; i < names.length; i += 8) {
        await Promise.all(
          names.slice(i, i + 8).map(async (room) => {
            const res = await fetch(`${base}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ room }) })
            if (!res.ok) throw new Error(`creating ${room}: ${res.status}`)
          }),
        )
      }
    },
    async stop() {
      await stopChild(child)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
