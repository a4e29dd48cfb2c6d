// `npm run server -- --port <p> --data <dir> [--seed demo] [--host 127.0.0.1] [--max-frame-bytes n]
//   [--session-days n] [--audit-retention-days n]`
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG, MIN_AUDIT_RETENTION_DAYS, createApp } from './app'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7788' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: './data' },
    seed: { type: 'string' },
    'max-frame-bytes': { type: 'string' },
    'session-days': { type: 'string' },
    'audit-retention-days': { type: 'string' },
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
const port = Number(values.port)
const app = await createApp({
  ...DEFAULT_CONFIG,
  dataDir: resolve(values.data),
  seed: values.seed === 'demo' ? 'demo' : null,
  maxFrameBytes: values['max-frame-bytes'] ? Number(values['max-frame-bytes']) : DEFAULT_CONFIG.maxFrameBytes,
  auditRetentionDays: retention,
  sessionTtlMs: values['session-days'] ? Number(values['session-days']) * 86_400_000 : DEFAULT_CONFIG.sessionTtlMs,
})

app.server.listen(port, values.host, () => {
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
