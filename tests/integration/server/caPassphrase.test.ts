// The CA's private keys (which also sign the audit checkpoints) at rest under the operator's
// passphrase (--ca-passphrase-file): plain keys are sealed on the first start with it, a wrong or
// missing passphrase stops the start with a Chinese message and leaves the files as they were.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodeBundle } from '../../support/bundles'
import { freePort, login, newServer, type TestServer } from '../../support/newServer'
import { cliBundle } from '../../support/ztCli'

const dir = mkdtempSync(join(tmpdir(), 'zt-ca-pass-'))
const data = join(dir, 'data')
const right = join(dir, 'right.txt')
const wrong = join(dir, 'wrong.txt')
const keyFiles = ['root.key.json', 'sealmaker.key.json', 'root.pem', 'sealmaker.pem']
const caFiles = (): string[] => keyFiles.map((f) => readFileSync(join(data, 'ca', f), 'utf8'))

/** Starts the server and expects it not to: its exit code and what it printed. */
async function failedStart(...extra: string[]): Promise<{ status: number | null; stderr: string }> {
  const r = spawnSync(process.execPath, [nodeBundle('server'), '--port', String(await freePort()), '--data', data, ...extra], { encoding: 'utf8', timeout: 30_000 })
  return { status: r.status, stderr: r.stderr }
}

let server: TestServer
beforeAll(async () => {
  writeFileSync(right, '政通 CA 口令 correct horse\n')
  writeFileSync(wrong, '不是这个口令\n')
  server = await newServer({ dataDir: data })
})
afterAll(async () => {
  await server.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe('--ca-passphrase-file', () => {
  it('warns when the keys are kept in clear, then seals them on the first start with a passphrase', async () => {
    expect(server.output()).toContain('CA 私钥（含审计检查点签名密钥）以明文保存')
    await server.stop()
    const rootKey = JSON.parse(readFileSync(join(data, 'ca', 'root.key.json'), 'utf8')) as { privateKey: string }
    const makerKey = JSON.parse(readFileSync(join(data, 'ca', 'sealmaker.key.json'), 'utf8')) as { privateKey: string }
    const [, , rootPem, makerPem] = caFiles()

    server = await newServer({ dataDir: data, seed: null, extraArgs: ['--ca-passphrase-file', right] })
    expect(server.output()).not.toContain('以明文保存')
    const [sealedRoot, sealedMaker, rootPemAfter, makerPemAfter] = caFiles()
    expect(sealedRoot).not.toContain(rootKey.privateKey)
    expect(sealedMaker).not.toContain(makerKey.privateKey)
    expect(JSON.parse(sealedRoot!)).toMatchObject({ sealed: 'pbkdf2-hmac-sm3/sm4-gcm' })
    expect([rootPemAfter, makerPemAfter]).toEqual([rootPem, makerPem])
    // the CA works as before: sign-in, and a checkpoint the root certificate verifies
    await login(server, 'zhangsan')
    await server.stop()
    const verify = spawnSync(process.execPath, [cliBundle(), 'audit', 'verify', '--data', data], { encoding: 'utf8' })
    expect(verify.status).toBe(0)
  })

  it('refuses to start with a wrong passphrase or none, and changes nothing', async () => {
    const before = caFiles()
    const bad = await failedStart('--ca-passphrase-file', wrong)
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toContain('CA 私钥口令错误')
    const none = await failedStart()
    expect(none.status).not.toBe(0)
    expect(none.stderr).toContain('须以 --ca-passphrase-file <口令文件> 启动服务器')
    const empty = join(dir, 'empty.txt')
    writeFileSync(empty, '\n')
    expect((await failedStart('--ca-passphrase-file', empty)).stderr).toContain('口令文件为空')
    expect(caFiles()).toEqual(before)

    // and with the right one it starts again
    await server.restart()
    await login(server, 'zhangsan')
  })
})
