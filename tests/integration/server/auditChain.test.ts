// The audit log is a hash chain with signed checkpoints; `zt audit verify --data <dir>` checks it
// offline and names the first record that was edited, deleted, reordered or inserted.
import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliBundle } from '../../support/ztCli'
import { ROOT, newServer, type TestServer } from '../../support/newServer'

let server: TestServer
let lines: string[]

const zt = (...args: string[]) => spawnSync(process.execPath, [cliBundle(), ...args], { encoding: 'utf8' })

/** A copy of the data directory with its audit log replaced by `edited`. */
function tampered(edited: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'zt-audit-'))
  cpSync(join(server.dataDir, 'ca'), join(dir, 'ca'), { recursive: true })
  writeFileSync(join(dir, 'audit.log'), edited.join('\n') + '\n')
  return dir
}

beforeAll(async () => {
  server = await newServer()
  for (const password of ['demo123', 'wrong', 'demo123']) {
    await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhangsan', password }) })
  }
  await server.stop('SIGTERM') // a clean stop signs the head
  lines = readFileSync(join(server.dataDir, 'audit.log'), 'utf8').trim().split('\n')
})
afterAll(() => server.dispose())

describe('zt audit verify', () => {
  it('accepts the log as the server wrote it, with its signed checkpoint', () => {
    expect(lines.at(-1)).toContain('audit.checkpoint')
    const result = zt('audit', 'verify', '--data', server.dataDir)
    expect(result.status).toBe(0)
    expect(result.stdout).toContain(`共 ${lines.length} 条记录，1 个签名检查点均有效`)
  })

  it('names an edited record', () => {
    const edited = [...lines]
    edited[1] = edited[1]!.replace('"zhangsan"', '"mallory"').replace('login.failed', 'login.ok')
    const result = zt('audit', 'verify', '--data', tampered(edited))
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('第 2 条记录')
  })

  it('names the place of a deleted, reordered or inserted record', () => {
    const deleted = lines.filter((_, i) => i !== 1)
    expect(zt('audit', 'verify', '--data', tampered(deleted)).stderr).toContain('第 2 条记录')
    const swapped = [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)]
    expect(zt('audit', 'verify', '--data', tampered(swapped)).stderr).toContain('第 2 条记录')
    const inserted = [lines[0]!, lines[1]!, lines[1]!, ...lines.slice(2)]
    expect(zt('audit', 'verify', '--data', tampered(inserted)).stderr).toContain('第 3 条记录')
  })

  it('refuses a checkpoint signed with another key', () => {
    const dir = tampered(lines)
    const other = mkdtempSync(join(tmpdir(), 'zt-other-ca-'))
    // another server's root certificate in place of ours
    spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['-e', `import('${join(ROOT, 'server/ca/AgencyCa.ts')}').then(m => m.AgencyCa.open('${other}'))`])
    copyFileSync(join(other, 'ca', 'root.pem'), join(dir, 'ca', 'root.pem'))
    const result = zt('audit', 'verify', '--data', dir)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('签名检查点无效')
  })
})
