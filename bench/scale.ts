// `npm run bench -- scale [--quick] [--rate n]`: our server on PostgreSQL + Redis, one process against two
// (each room's clients split between them), in one run at ~400 updates/s over 400 connections in
// 100 rooms. Target (issue 12): cross-process p99 < 100 ms, nothing lost. Both setups run the
// same store and fan-out, so the ratio is what a second process costs or gives. Needs the
// PostgreSQL and Redis of ZT_BENCH_POSTGRES / ZT_BENCH_REDIS (default: this machine's).
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createServer } from 'node:net'
import { loadavg } from 'node:os'
import pg from 'pg'
import { Ledger, closeAll, connect, drive, percentile, type Client, type PhaseResult } from './relay/load'
import { startOurs, type BenchServer } from './relay/servers'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const seconds = quick ? 4 : 10
const rateAt = args.indexOf('--rate')
const LOAD = { conns: 400, rooms: 100, rate: rateAt >= 0 ? Number(args[rateAt + 1]) : 400 }
const ADMIN = process.env.ZT_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const REDIS = process.env.ZT_BENCH_REDIS ?? 'redis://127.0.0.1:6379'

const roomName = (i: number): string => `doc:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** a port nobody listens on now (the machine may be shared) */
function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.once('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => res(port))
    })
  })
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

interface SetupResult extends PhaseResult {
  processes: number
  crossP50: number
  crossP99: number
  crossDeliveries: number
}

/** `processes` servers on a new database; the rooms' clients spread over them evenly. */
async function run(processes: number): Promise<SetupResult> {
  const name = `zt_bench_${randomBytes(4).toString('hex')}`
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(ADMIN)
  url.pathname = `/${name}`
  const servers: BenchServer[] = []
  try {
    const store = ['--postgres', url.toString(), '--redis', `${REDIS}?prefix=${name}:`]
    // one after the other: the first seeds, the others find it done
    for (let i = 0; i < processes; i++) servers.push(await startOurs(await freePort(), store))
    const rooms = Array.from({ length: LOAD.rooms }, (_, i) => roomName(i))
    await servers[0]!.createRooms!(rooms)
    // every process warmed, its rooms loaded and its validator workers started: warmed through
    // the first alone, the other's first updates of the measured phase waited for its workers to
    // start, and they made its p99
    const warm = (await Promise.all(servers.map((server) => connect(server, rooms, 1, null)))).flat()
    for (const c of warm) c.send()
    await sleep(2000)
    await closeAll(warm)
    const ledger = new Ledger()
    const perServer = LOAD.conns / LOAD.rooms / processes
    const clients: Client[] = []
    for (const server of servers) clients.push(...(await connect(server, rooms, perServer, ledger)))
    await sleep(1000)
    const r = await drive(clients, ledger, LOAD.rate, seconds)
    const cross = ledger.crossLatencies.sort((a, b) => a - b)
    await closeAll(clients)
    const result = { processes, ...r, crossP50: percentile(cross, 50), crossP99: percentile(cross, 99), crossDeliveries: cross.length }
    console.log(`  ${processes} process${processes > 1 ? 'es' : ''} @ ${LOAD.rate}/s: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, lost ${r.lost}` +
      (processes > 1 ? `; across processes p50 ${result.crossP50.toFixed(1)} ms, p99 ${result.crossP99.toFixed(1)} ms (${cross.length} deliveries)` : ''))
    return result
  } finally {
    for (const s of servers) await s.stop()
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined)
  }
}

console.log(`scale: ${LOAD.conns} conns / ${LOAD.rooms} rooms, PostgreSQL + Redis…`)
const one = await run(1)
const two = await run(2)

const f = (v: number, d = 1): string => (Number.isNaN(v) ? '—' : v.toFixed(d))
const rows = [
  ['measure', 'one process', 'two processes', 'two ÷ one', 'target'],
  ['p50 (ms)', f(one.p50), f(two.p50), f(two.p50 / one.p50, 2) + '×', ''],
  ['p99 (ms)', f(one.p99), f(two.p99), f(two.p99 / one.p99, 2) + '×', ''],
  ['across processes p99 (ms)', '—', f(two.crossP99), '', '< 100'],
  ['deliveries lost', f(one.lost, 0), f(two.lost, 0), '', '0'],
]
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
console.log('\n' + rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n'))

const outDir = join(import.meta.dirname, 'results')
mkdirSync(outDir, { recursive: true })
const file = join(outDir, `scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
// the machine's load average beside the figures: on a shared machine they are worth only as much
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, quick, load: LOAD, seconds, loadAverage: loadavg(), results: [one, two] }, null, 2))
console.log(`\n结果已写入 ${file}`)
export {}
