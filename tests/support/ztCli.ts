// Demo users driving the real CLI against a test server: each has their own profile directory,
// device key and PIN, as on separate machines.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

export function cliUser(server: TestServer, username: string): CliUser {
  const home = mkdtempSync(join(tmpdir(), `zt-${username}-`))
  const zt = (...args: string[]) => {
    const r = spawnSync(process.execPath, [cliBundle(), ...args, '--home', home], {
      encoding: 'utf8',
      env: { ...process.env, ZT_PIN: CLI_PIN },
    })
    return { status: r.status, stdout: r.stdout, stderr: r.stderr }
  }
  const ok = (...args: string[]): string => {
    const r = zt(...args)
    if (r.status !== 0) throw new Error(`zt ${args.join(' ')} (as ${username}) exited ${r.status}: ${r.stderr}${r.stdout}`)
    return r.stdout
  }
  const start = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cliBundle(), ...args, '--home', home], { env: { ...process.env, ZT_PIN: CLI_PIN } })
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
