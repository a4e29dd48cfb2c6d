// Starts the real server (the bundle `npm run server` runs) as a child process on a free port with its own
// data directory, the way a user would, and hands tests its address. Factories in the manner of
// Hocuspocus tests/utils/newHocuspocus.ts.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { nodeBundle } from './bundles'

export const ROOT = resolve(import.meta.dirname, '../..')

export interface TestServer {
  readonly url: string
  readonly wsUrl: string
  readonly port: number
  readonly dataDir: string
  /** everything the process printed so far */
  output(): string
  /** stop with a signal (SIGKILL for a crash) and wait for the exit */
  stop(signal?: NodeJS.Signals): Promise<void>
  /** start again on the same port and data */
  restart(): Promise<void>
  /** stop and remove the data directory */
  dispose(): Promise<void>
}

export interface ServerOptions {
  seed?: 'demo' | null
  dataDir?: string
  extraArgs?: string[]
  env?: Record<string, string>
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.once('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => res(port))
    })
  })
}

export async function newServer(options: ServerOptions = {}): Promise<TestServer> {
  const port = await freePort()
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'zt-data-'))
  const args = [nodeBundle('server'), '--port', String(port), '--data', dataDir]
  if (options.seed !== null) args.push('--seed', options.seed ?? 'demo')
  args.push(...(options.extraArgs ?? []))

  let child: ChildProcess | null = null
  let log = ''

  const start = (): Promise<void> =>
    new Promise((res, rej) => {
      // its own process group, so that a kill reaches whatever the server started
      const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
      child = proc
      const timer = setTimeout(() => rej(new Error(`server did not start in time:\n${log}`)), 30_000)
      const onData = (buf: Buffer): void => {
        log += buf.toString()
        if (log.includes(`listening on http://127.0.0.1:${port}`)) {
          clearTimeout(timer)
          res()
        }
      }
      proc.stdout!.on('data', onData)
      proc.stderr!.on('data', (b: Buffer) => (log += b.toString()))
      proc.once('exit', (code) => {
        clearTimeout(timer)
        rej(new Error(`server exited with ${code}:\n${log}`))
      })
    })

  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const proc = child
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
    await new Promise<void>((res) => {
      proc.once('exit', () => res())
      try {
        process.kill(-proc.pid!, signal)
      } catch {
        proc.kill(signal)
      }
    })
    child = null
  }

  await start()
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    port,
    dataDir,
    output: () => log,
    stop,
    restart: async () => {
      await stop()
      await start()
    },
    dispose: async () => {
      await stop()
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Signs in through the real HTTP API and returns the token. */
export async function login(server: { url: string }, username: string, password = 'demo123'): Promise<string> {
  const res = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (!res.ok) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`)
  const body = (await res.json()) as { token: string }
  return body.token
}
