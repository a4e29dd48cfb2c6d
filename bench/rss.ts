// `npm run bench -- rss [--rounds N]`: resident memory of each server at start, ours as `npm run
// server` runs it (the bundle, a fresh data folder seeded with the demo organisation, one sign-in)
// beside the stock y-websocket server and Hocuspocus, started in turns in child processes and
// read from /proc once they have settled. Target (issue 12): ours ≤ 1.5× the stock server's.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startServer, type ServerKind } from './relay/servers'

const args = process.argv.slice(2)
const roundsAt = args.indexOf('--rounds')
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3
const KINDS: ServerKind[] = ['stock', 'hocuspocus', 'ours']
/** after start (and ours: its sign-in), long enough for the seed's hashing and first GCs to end */
const SETTLE_MS = 2000

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const samples = new Map<ServerKind, number[]>(KINDS.map((k) => [k, []]))
for (let round = 0; round < rounds; round++) {
  for (const [i, kind] of KINDS.entries()) {
    const server = await startServer(kind, 7950 + i)
    try {
      await sleep(SETTLE_MS)
      samples.get(kind)!.push(server.rssMb())
    } finally {
      await server.stop()
    }
  }
}

const rss = Object.fromEntries(KINDS.map((k) => [k, median(samples.get(k)!)])) as Record<ServerKind, number>
const ratio = rss.ours / rss.stock
console.log('\n' + ['server', 'RSS at start (MiB, median)', 'samples'].join('  '))
for (const k of KINDS) console.log(`${k.padEnd(10)}  ${rss[k].toFixed(1).padStart(8)}  ${samples.get(k)!.map((v) => v.toFixed(0)).join(' ')}`)
console.log(`ours ÷ stock: ${ratio.toFixed(2)}×  (target ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'missed'})`)

const outDir = join(import.meta.dirname, 'results')
mkdirSync(outDir, { recursive: true })
const file = join(outDir, `rss-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, settleMs: SETTLE_MS, samples: Object.fromEntries(samples), medianMb: rss, oursOverStock: ratio }, null, 2))
console.log(`\n结果已写入 ${file}`)
export {}
