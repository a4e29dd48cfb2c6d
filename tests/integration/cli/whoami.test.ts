// `zt whoami` against the real server: who the session belongs to as the server sees it, and one
// Chinese line when it cannot tell (nobody signed in, a session the server no longer knows, no server).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI_MESSAGES } from '../../../src/core/messages/cli'
import { cliBundle, cliUser, type CliUser } from '../../support/ztCli'
import { newServer, type TestServer } from '../../support/newServer'

let server: TestServer
let zhangsan: CliUser

beforeAll(async () => {
  server = await newServer()
  zhangsan = cliUser(server, 'zhangsan')
})
afterAll(async () => {
  await server.dispose()
})

describe('zt whoami', () => {
  it('prints the signed-in user with unit, title and server', () => {
    expect(zhangsan.ok('whoami')).toBe(`${CLI_MESSAGES.whoami('张三', 'zhangsan', '办公室', '科员', server.url)}\n`)
  })

  it('says so when nobody is signed in on this profile', () => {
    const nobody = mkdtempSync(join(tmpdir(), 'zt-nobody-'))
    const r = spawnSync(process.execPath, [cliBundle(), 'whoami', '--home', nobody], { encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toBe(`${CLI_MESSAGES.notLoggedIn}\n`)
  })

  it('asks to sign in again when the server no longer knows the session', () => {
    const lisi = cliUser(server, 'lisi')
    const path = join(lisi.home, 'profile.json')
    const profile = JSON.parse(readFileSync(path, 'utf8')) as { token: string }
    writeFileSync(path, JSON.stringify({ ...profile, token: 'not-a-session' }))
    const r = lisi.zt('whoami')
    expect(r.status).toBe(1)
    expect(r.stderr).toBe(`${CLI_MESSAGES.sessionExpired}\n`)
  })

  it('says the server is unreachable when it is down', async () => {
    await server.stop()
    const r = zhangsan.zt('whoami')
    expect(r.status).toBe(1)
    expect(r.stderr).toBe(`${CLI_MESSAGES.serverUnreachable}\n`)
  })
})
