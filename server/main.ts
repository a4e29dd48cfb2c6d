// `npm run server -- --port <p> --data <dir> [--seed demo] [--host 127.0.0.1] [--max-frame-bytes n]
//   [--session-days n] [--session-idle-minutes n] [--login-max-failures n] [--login-lock-minutes n]
//   [--audit-retention-days n] [--postgres postgres://…[?schema=…]] [--redis redis://…[?prefix=…]]
//   [--max-room-mb n] [--max-room-clients n] [--audit-checkpoint-seconds n] [--storage-probe-seconds n]
//   [--ca-passphrase-file <path>]`
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CaKeyError } from './ca/keyAtRest'
import { SERVER_MESSAGES } from '../src/core/messages/server'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { DEFAULT_CONFIG, MIN_AUDIT_RETENTION_DAYS, RedisUnavailableError, createApp } from './app'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7788' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: './data' },
    seed: { type: 'string' },
    'max-frame-bytes': { type: 'string' },
    'session-days': { type: 'string' },
    'session-idle-minutes': { type: 'string' },
    'login-max-failures': { type: 'string' },
    'login-lock-minutes': { type: 'string' },
    'audit-retention-days': { type: 'string' },
    postgres: { type: 'string' },
    redis: { type: 'string' },
    'max-room-mb': { type: 'string' },
    'max-room-clients': { type: 'string' },
    'audit-checkpoint-seconds': { type: 'string' },
    'storage-probe-seconds': { type: 'string' },
    'ca-passphrase-file': { type: 'string' },
  },
})

if (values.seed !== undefined && values.seed !== 'demo') {
  console.error(`未知的种子数据：${values.seed}（可用：demo）`)
  process.exit(2)
}
const retention = values['audit-retention-days'] ? Number(values['audit-retention-days']) : DEFAULT_CONFIG.auditRetentionDays
if (!Number.isInteger(retention) || retention < MIN_AUDIT_RETENTION_DAYS) {
  console.error(`审计日志保留期限须为不少于 ${MIN_AUDIT_RETENTION_DAYS} 天的整数（至少六个月）`)
  process.exit(2)
}
if (values.postgres !== undefined && !/^postgres(ql)?:\/\//.test(values.postgres)) {
  console.error('--postgres 须为 postgres://用户@主机:端口/数据库 形式的地址（可加 ?schema=模式名）')
  process.exit(2)
}
if (values.redis !== undefined && !/^rediss?:\/\//.test(values.redis)) {
  console.error('--redis 须为 redis://主机:端口 形式的地址（可加 ?prefix=频道前缀）')
  process.exit(2)
}
if (values.redis !== undefined && values.postgres === undefined) {
  console.error('--redis 须与 --postgres 同用：多个服务进程共用 PostgreSQL 中的数据，经 Redis 互通文档更新')
  process.exit(2)
}
/** a positive number of the flag (fractions allowed where `fraction`), or the default; exits with a message otherwise */
const positive = (flag: string, fallback: number, what: string, fraction = false): number => {
  const text = (values as Record<string, string | undefined>)[flag]
  if (text === undefined) return fallback
  const n = Number(text)
  if (!Number.isFinite(n) || n <= 0 || (!fraction && !Number.isInteger(n))) {
    console.error(`--${flag} 须为${fraction ? '正数' : '正整数'}（${what}）`)
    process.exit(2)
  }
  return n
}
const idleMinutes = positive('session-idle-minutes', DEFAULT_CONFIG.sessionIdleMs / 60_000, '会话空闲多少分钟后结束', true)
const maxFailures = positive('login-max-failures', DEFAULT_CONFIG.loginMaxFailures, '连续登录失败多少次后锁定账户')
const lockMinutes = positive('login-lock-minutes', DEFAULT_CONFIG.loginLockMinutes, '锁定多少分钟', true)
const roomQuotas = {
  ...DEFAULT_CONFIG.roomQuotas,
  maxStateBytes: positive('max-room-mb', DEFAULT_CONFIG.roomQuotas.maxStateBytes / 1024 / 1024, '每个文档的状态上限（MB）') * 1024 * 1024,
  maxClientIds: positive('max-room-clients', DEFAULT_CONFIG.roomQuotas.maxClientIds, '每个文档的客户端编号上限'),
}
const checkpointSeconds = positive('audit-checkpoint-seconds', DEFAULT_CONFIG.auditCheckpointSeconds, '审计记录最迟多少秒内签名检查点', true)
const probeSeconds = positive('storage-probe-seconds', DEFAULT_CONFIG.storageProbeSeconds, '磁盘已满时每隔多少秒重试写入', true)
/** the passphrase: the file's first line (a trailing newline is not part of it) */
const readPassphrase = (path: string): string => {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    console.error(SERVER_MESSAGES.caPassphraseUnreadable(path))
    process.exit(2)
  }
  const passphrase = text.split(/\r?\n/)[0] ?? ''
  if (passphrase === '') {
    console.error(SERVER_MESSAGES.caPassphraseEmpty(path))
    process.exit(2)
  }
  return passphrase
}
const caPassphrase = values['ca-passphrase-file'] === undefined ? null : readPassphrase(values['ca-passphrase-file'])
const port = Number(values.port)
const app = await createApp({
  ...DEFAULT_CONFIG,
  dataDir: resolve(values.data),
  ...(values.postgres ? { postgres: values.postgres } : {}),
  ...(values.redis ? { redis: values.redis } : {}),
  seed: values.seed === 'demo' ? 'demo' : null,
  maxFrameBytes: values['max-frame-bytes'] ? Number(values['max-frame-bytes']) : DEFAULT_CONFIG.maxFrameBytes,
  auditRetentionDays: retention,
  sessionIdleMs: idleMinutes * 60_000,
  loginMaxFailures: maxFailures,
  loginLockMinutes: lockMinutes,
  roomQuotas,
  auditCheckpointSeconds: checkpointSeconds,
  storageProbeSeconds: probeSeconds,
  caPassphrase,
  sessionTtlMs: values['session-days'] ? Number(values['session-days']) * 86_400_000 : DEFAULT_CONFIG.sessionTtlMs,
}).catch((err: unknown) => {
  if (err instanceof CaKeyError) {
    console.error(err.message)
    process.exit(1)
  }
  if (err instanceof RedisUnavailableError) {
    const where = new URL(values.redis!)
    where.password = ''
    console.error(`无法连接 Redis ${where.host}：${err.message}`)
    process.exit(1)
  }
  if (!values.postgres) throw err
  const where = new URL(values.postgres)
  where.password = ''
  console.error(`无法使用 PostgreSQL 存储 ${where.host}${where.pathname}：${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})

app.server.listen(port, values.host, () => {
  // the young generation may grow again under load (scripts/server.mjs held it back while starting)
  setFlagsFromString('--semi-space-growth-factor=2')
  console.log(`zhengtong server listening on http://${values.host === '0.0.0.0' ? '127.0.0.1' : values.host}:${port}`)
})

let stopping = false
const stop = (): void => {
  if (stopping) return
  stopping = true
  void app.close().then(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
