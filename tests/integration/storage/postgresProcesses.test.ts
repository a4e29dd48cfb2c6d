// The PostgreSQL store as several server processes use it: a lock whose holder is killed is free
// again, servers starting at once on an empty database seed one organisation and share one CA, a
// dropped notification connection comes back, and `zt audit verify --postgres` checks the chain
// a real server wrote there.
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, createApp, type App } from '../../../server/app'
import { PostgresStorage } from '../../../server/storage/PostgresStorage'
import type { StorageChange } from '../../../src/core/storage/types'
import { ROOT, login, newServer } from '../../support/newServer'
import { cliBundle } from '../../support/ztCli'
import { RoomSession } from '../../../src/cli/net/RoomSession'
import { createTestDatabase, requirePostgres, schemaUrl, type TestDatabase } from './postgresServer'

const available = await requirePostgres('PostgreSQL multi-process tests')

describe.runIf(available)('PostgreSQL store shared by processes', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase()
  })
  afterAll(async () => {
    await db?.drop()
  })

  it('frees a lock when the process holding it is killed', async () => {
    const url = schemaUrl(db)
    const store = await PostgresStorage.open(url, { poolSize: 2 })
    try {
      const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(import.meta.dirname, 'holdLock.child.ts'), url, 'commands'], { stdio: ['ignore', 'pipe', 'inherit'], detached: true })
      await new Promise<void>((res, rej) => {
        child.stdout!.on('data', (b: Buffer) => b.toString().includes('held') && res())
        child.once('exit', (code) => rej(new Error(`holder exited with ${code}`)))
      })
      let got = false
      const waiting = store.withLock('commands', async () => {
        got = true
      })
      await new Promise((r) => setTimeout(r, 500))
      expect(got).toBe(false)
      process.kill(-child.pid!, 'SIGKILL')
      await waiting
      expect(got).toBe(true)
    } finally {
      await store.close()
    }
  })

  it('starts three servers at once on an empty database: one organisation, one CA', async () => {
    const url = schemaUrl(db)
    const dirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'zt-pg-app-')))
    const apps: App[] = await Promise.all(dirs.map((dataDir) => createApp({ ...DEFAULT_CONFIG, dataDir, postgres: url, seed: 'demo' })))
    try {
      for (const app of apps) await app.storage.catchUp()
      const users = apps.map((app) => app.storage.users().map((u) => `${u.id}:${u.passwordHash}`).sort())
      expect(users[0]).toHaveLength(12)
      // nobody seeded over another: the same users with the same password hashes everywhere
      expect(users[1]).toEqual(users[0])
      expect(users[2]).toEqual(users[0])
      expect(apps[0]!.storage.units()).toHaveLength(6)
      const check = new pg.Client({ connectionString: db.url })
      await check.connect()
      const schema = new URL(url).searchParams.get('schema')!
      const { rows } = await check.query(`SELECT (SELECT count(*) FROM "${schema}".zt_users)::int AS users, (SELECT count(*) FROM "${schema}".zt_ca)::int AS keys,
        (SELECT count(*) FROM "${schema}".zt_changes WHERE change->>'kind' IN ('user', 'unit'))::int AS writes`)
      await check.end()
      // each unit and user written once: the later processes found the seed done and wrote nothing
      expect(rows[0]).toEqual({ users: 12, keys: 2, writes: 18 })
      // a session made through one process is good on another
      const servers = await Promise.all(apps.map((app) => new Promise<string>((res) => app.server.listen(0, '127.0.0.1', () => res(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`)))))
      const token = await login({ url: servers[0]! }, 'zhangsan')
      const me = await fetch(`${servers[2]}/api/me`, { headers: { authorization: `Bearer ${token}` } })
      expect(me.status).toBe(200)
      const roots = await Promise.all(servers.map((s) => fetch(`${s}/api/ca/root`).then((r) => r.text())))
      expect(new Set(roots).size).toBe(1)
    } finally {
      await Promise.all(apps.map((app) => app.close()))
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
    }
  })

  it('hears other processes again after its notification connection drops', async () => {
    const url = schemaUrl(db)
    const a = await PostgresStorage.open(url, { poolSize: 2 })
    const b = await PostgresStorage.open(url, { poolSize: 2 })
    try {
      const seen: StorageChange[] = []
      b.watch((c) => seen.push(c))
      const admin = new pg.Client({ connectionString: db.url })
      await admin.connect()
      const killed = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()")
      await admin.end()
      expect(killed.rowCount).toBeGreaterThanOrEqual(2)
      await a.putRoom({ room: 'doc:after', owner: 'u1', members: {}, title: '标题', docType: '通知', createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z' })
      await expect.poll(() => seen, { timeout: 10_000 }).toContainEqual({ kind: 'room', room: 'doc:after' })
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('serves rooms from PostgreSQL, and zt audit verify --postgres checks the chain it wrote and names an edited record', async () => {
    const url = schemaUrl(db)
    const server = await newServer({ extraArgs: ['--postgres', url] })
    try {
      for (const password of ['demo123', 'wrong']) await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhangsan', password }) })
      // rooms sync through it: the server hears a client that speaks before its session is read
      // (another account: zhangsan's next sign-in now waits out a back-off)
      const token = await login(server, 'lisi')
      for (let i = 0; i < 5; i++) {
        const session = new RoomSession({ syncUrl: server.wsUrl, token, room: 'directory' })
        try {
          await session.whenSynced(5_000)
          expect(session.doc.getMap('users').size).toBe(12) // the demo organisation's twelve people
        } finally {
          session.destroy()
        }
      }
      await server.stop('SIGTERM') // a clean stop signs the head
      const zt = (...args: string[]) => spawnSync(process.execPath, [cliBundle(), ...args], { encoding: 'utf8' })
      const ok = zt('audit', 'verify', '--postgres', url)
      expect(ok.stderr).toBe('')
      expect(ok.status).toBe(0)
      expect(ok.stdout).toMatch(/共 \d+ 条记录，1 个签名检查点均有效/)
      const schema = new URL(url).searchParams.get('schema')!
      const admin = new pg.Client({ connectionString: db.url })
      await admin.connect()
      await admin.query(`UPDATE "${schema}".zt_audit SET record = replace(record, 'login.failed', 'login.ok') WHERE type = 'login.failed'`)
      await admin.end()
      const broken = zt('audit', 'verify', '--postgres', url)
      expect(broken.status).toBe(1)
      expect(broken.stderr).toContain('第 2 条记录')
      const unreachable = zt('audit', 'verify', '--postgres', 'postgres://postgres@127.0.0.1:1/none')
      expect(unreachable.status).toBe(1)
      expect(unreachable.stderr).toContain('无法读取')
    } finally {
      await server.dispose()
    }
  })
})
