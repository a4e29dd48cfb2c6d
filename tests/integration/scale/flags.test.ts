// `--redis` as an operator meets it: without `--postgres` it is refused before anything starts,
// a bad address is named, and a Redis that does not answer stops the server with a clear message
// (it does not start half-shared).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodeBundle } from '../../support/bundles'
import { ROOT, freePort } from '../../support/newServer'
import { createTestDatabase, requirePostgres, schemaUrl, type TestDatabase } from '../storage/postgresServer'

const server = async (...args: string[]) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zt-flags-'))
  try {
    return spawnSync(process.execPath, [nodeBundle('server'), '--port', String(await freePort()), '--data', dataDir, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 })
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

describe('--redis', () => {
  it('needs --postgres and a redis:// address', async () => {
    const alone = await server('--redis', 'redis://127.0.0.1:6379')
    expect(alone.status).toBe(2)
    expect(alone.stderr).toContain('--redis 须与 --postgres 同用')
    const bad = await server('--postgres', 'postgres://postgres@127.0.0.1:5432/x', '--redis', 'http://127.0.0.1:6379')
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('--redis 须为 redis://主机:端口 形式的地址')
  })
})

const available = await requirePostgres('--redis flag test')

describe.runIf(available)('--redis with PostgreSQL', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase()
  })
  afterAll(async () => {
    await db?.drop()
  })

  it('stops with a clear message when Redis does not answer', async () => {
    const r = await server('--postgres', schemaUrl(db), '--redis', 'redis://:secret@127.0.0.1:1')
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('无法连接 Redis 127.0.0.1:1')
    expect(r.stderr).not.toContain('secret')
  })
})
