// `npm start` as the README says it: the server with the demo organisation, then (with no
// Electron binary here) the browser address of the same app, which answers.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { ROOT, freePort } from '../support/newServer'

it('npm start serves the app and prints where to open it', async () => {
  const port = await freePort()
  const data = mkdtempSync(join(tmpdir(), 'zt-start-'))
  const proc = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, ZT_PORT: String(port), ZT_DATA: data }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  proc.stdout!.on('data', (b: Buffer) => (out += b.toString()))
  proc.stderr!.on('data', (b: Buffer) => (out += b.toString()))
  proc.once('exit', (code) => (out += `\n[npm start exited with ${code}]`))
  try {
    // fail at once, with what it printed, if npm start exits instead of serving
    await expect.poll(() => (out.includes('[npm start exited') ? out : out.includes(`http://127.0.0.1:${port}/app/`)), { timeout: 120_000, interval: 200 }).toBe(true)
    expect(out).toContain(`listening on http://127.0.0.1:${port}`)
    const page = await fetch(`http://127.0.0.1:${port}/app/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('政通')
    const login = await fetch(`http://127.0.0.1:${port}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'wangwu', password: 'demo123' }) })
    expect(login.status).toBe(200)
  } finally {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r))
      process.kill(-proc.pid!, 'SIGTERM')
      await exited
    }
    rmSync(data, { recursive: true, force: true })
  }
}, 150_000)
