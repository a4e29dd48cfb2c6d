// `npm run bench -- relay [--quick] [--only ours,stock,hocuspocus]`: our relay (as `npm run server`
// runs it: auth, validation in workers, durable writes) against the stock y-websocket server and
// Hocuspocus (in memory, no auth), one after the other in one run, each in a child process while
// this process generates the load. Targets (issue 12): p99 ≤ 1.0× stock at both loads with no
// delivery lost; throughput at p99 < 100 ms ≥ 1.0× stock and ≥ 1.5× Hocuspocus; an edit in a 5 MB
// document ≤ 1.5× one in a 5 KB document; memory back to its baseline after 1,000 rooms.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ledger, closeAll, connect, drive, type Client, type PhaseResult } from './relay/load'
import { startServer, type BenchServer, type Probe, type ServerKind } from './relay/servers'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const onlyAt = args.indexOf('--only')
const kinds: ServerKind[] = onlyAt >= 0 ? (args[onlyAt + 1]!.split(',') as ServerKind[]) : ['stock', 'hocuspocus', 'ours']
// --first: only the first load (1,000 conns / 200 rooms), for measuring its tail in turns
const firstOnly = args.includes('--first')
const seconds = quick ? 4 : 10
const stepSeconds = quick ? 3 : 5

const LOADS = [
  { name: '1000 conns / 200 rooms', conns: 1000, rooms: 200, rate: 390 },
  { name: '2000 conns / 500 rooms', conns: 2000, rooms: 500, rate: 1850 },
] as const
/** rates tried at the larger load to find the throughput at p99 < 100 ms */
const RAMP_UP = [2775, 3700, 5550, 7400]
const RAMP_DOWN = [925, 460, 230]
const MEMORY_ROOMS = 1000
const MEMORY_ROUNDS = quick ? 2 : 3

const roomName = (i: number): string => `doc:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const ok = (r: PhaseResult): boolean => r.lost === 0 && r.p99 < 100

interface ServerResult {
  kind: ServerKind
  rssStartMb: number
  /** each load's figures, with the server's event-loop delay over it (bench/relay/probe.mjs) */
  loads: Array<{ name: string; server: Probe } & PhaseResult>
  ramp: PhaseResult[]
  /** the highest rate (updates/s, and deliveries/s) with p99 < 100 ms and nothing lost */
  throughput: { updatesPerSecond: number; deliveriesPerSecond: number } | null
  bigDoc: { size: string; p50: number; p99: number; lost: number; server: Probe }[]
  memory: { baselineMb: number; rounds: { peakMb: number; afterMb: number }[] }
}

async function bigDocEdits(server: BenchServer, room: string, items: number): Promise<{ p50: number; p99: number; lost: number; server: Probe }> {
  const ledger = new Ledger()
  const [writer] = await connect(server, [room], 1, ledger)
  const readers = await connect(server, [room], 2, ledger)
  // the document's content: 1 KB items, 500 to an update (under every frame cap)
  const filler = 'x'.repeat(1024)
  for (let done = 0; done < items; done += 500) {
    writer!.send(Array.from({ length: Math.min(500, items - done) }, () => filler))
    await sleep(100)
  }
  for (let waited = 0; ledger.delivered < ledger.expected && waited < 30_000; waited += 100) await sleep(100)
  await server.probe()
  const r = await drive([writer!], ledger, 20, stepSeconds, 1500)
  const seen = await server.probe()
  await closeAll([writer!, ...readers])
  return { p50: r.p50, p99: r.p99, lost: r.lost, server: seen }
}

async function benchServer(kind: ServerKind, port: number): Promise<ServerResult> {
  const server = await startServer(kind, port)
  await sleep(1000)
  const rssStartMb = server.rssMb()
  const rooms = Array.from({ length: MEMORY_ROOMS }, (_, i) => roomName(i))
  const big = [roomName(MEMORY_ROOMS), roomName(MEMORY_ROOMS + 1)]
  await server.createRooms?.([...rooms, ...big])
  // every room written once before anything is timed, on every server alike: what is measured
  // is a relay between clients of documents that exist (ours: the first write to a new document
  // also writes its record, a cost of creating documents, not of relaying)
  const warm = await connect(server, [...rooms, ...big], 1, null)
  for (const c of warm) c.send()
  await sleep(2000)
  await closeAll(warm)
  await sleep(1000)
  const result: ServerResult = { kind, rssStartMb, loads: [], ramp: [], throughput: null, bigDoc: [], memory: { baselineMb: 0, rounds: [] } }
  try {
    for (const load of firstOnly ? LOADS.slice(0, 1) : LOADS) {
      const ledger = new Ledger()
      const clients = await connect(server, rooms.slice(0, load.rooms), load.conns / load.rooms, ledger)
      await server.probe()
      const r = await drive(clients, ledger, load.rate, seconds)
      const seen = await server.probe()
      result.loads.push({ name: load.name, server: seen, ...r })
      console.log(`  ${kind} ${load.name} @ ${load.rate}/s: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, lost ${r.lost}, server event-loop delay p99 ${seen.loop.p99.toFixed(1)} ms (max ${seen.loop.max.toFixed(1)}), generator lag p99 ${r.generatorLagP99.toFixed(1)} ms`)
      printSync(seen)
      if (firstOnly) {
        await closeAll(clients)
        return result
      }
      if (load === LOADS[LOADS.length - 1]) await ramp(server, clients, ledger, r, result, load.rooms, load.conns)
      await closeAll(clients)
      await sleep(1000)
    }
    for (const [size, items] of [['5 KB', 5], ['5 MB', 5 * 1024]] as const) {
      const r = await bigDocEdits(server, size === '5 KB' ? big[0]! : big[1]!, items)
      result.bigDoc.push({ size, ...r })
      console.log(`  ${kind} edits in a ${size} document: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, lost ${r.lost}, server event-loop delay p99 ${r.server.loop.p99.toFixed(1)} ms (max ${r.server.loop.max.toFixed(1)})`)
      printSync(r.server)
    }
    await sleep(2000)
    result.memory.baselineMb = server.rssMb()
    for (let round = 0; round < MEMORY_ROUNDS; round++) {
      const clients: Client[] = await connect(server, rooms, 1, null)
      for (const c of clients) c.send(['y'.repeat(200)])
      await sleep(1500)
      const peakMb = server.rssMb()
      await closeAll(clients)
      await sleep(3000)
      result.memory.rounds.push({ peakMb, afterMb: server.rssMb() })
    }
    console.log(`  ${kind} memory: baseline ${result.memory.baselineMb.toFixed(0)} MiB, after rounds ${result.memory.rounds.map((r) => r.afterMb.toFixed(0)).join(', ')} MiB`)
  } finally {
    await server.stop()
  }
  return result
}

function printSync(seen: Probe): void {
  for (const [name, c] of Object.entries(seen.sync).sort((a, b) => b[1].totalMs - a[1].totalMs)) console.log(`    ${name}: ${c.calls} calls, ${c.totalMs.toFixed(1)} ms, max ${c.maxMs.toFixed(2)} ms, ${c.over5ms} over 5 ms`)
}

/** From the larger load's result, up while p99 < 100 ms and nothing is lost, or down until so. */
async function ramp(server: BenchServer, clients: Client[], ledger: Ledger, first: PhaseResult, result: ServerResult, _rooms: number, conns: number): Promise<void> {
  const perUpdate = conns / LOADS[LOADS.length - 1]!.rooms - 1
  let best: PhaseResult | null = ok(first) ? first : null
  for (const rate of ok(first) ? RAMP_UP : RAMP_DOWN) {
    await server.probe()
    const r = await drive(clients, ledger, rate, stepSeconds)
    const seen = await server.probe()
    result.ramp.push(r)
    console.log(`  ${result.kind} ramp @ ${rate}/s: p99 ${r.p99.toFixed(1)} ms, lost ${r.lost}, server event-loop delay p99 ${seen.loop.p99.toFixed(1)} ms (max ${seen.loop.max.toFixed(1)}), generator lag p99 ${r.generatorLagP99.toFixed(1)} ms`)
    printSync(seen)
    if (ok(first) && !ok(r)) break
    if (ok(r)) best = best && best.updatesPerSecond > r.updatesPerSecond ? best : r
    if (!ok(first) && ok(r)) break
  }
  result.throughput = best ? { updatesPerSecond: best.updatesPerSecond, deliveriesPerSecond: best.updatesPerSecond * perUpdate } : null
}

const results: ServerResult[] = []
for (const [i, kind] of kinds.entries()) {
  console.log(`${kind}…`)
  results.push(await benchServer(kind, 7900 + i))
}

// ── the table: each measure beside the stock server's and Hocuspocus's ──────────────────────
const by = (k: ServerKind): ServerResult | undefined => results.find((r) => r.kind === k)
const ours = by('ours')
const stock = by('stock')
const hocus = by('hocuspocus')
const f = (v: number | undefined, d = 1): string => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(d))
const ratio = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined || !b ? '—' : (a / b).toFixed(2) + '×')
const rows: string[][] = [['measure', 'ours', 'stock', 'Hocuspocus', 'ours/stock', 'ours/Hocuspocus', 'target']]
LOADS.forEach((load, i) => {
  for (const key of ['p50', 'p99'] as const) {
    rows.push([`${load.name} ~${load.rate}/s ${key} (ms)`, f(ours?.loads[i]?.[key]), f(stock?.loads[i]?.[key]), f(hocus?.loads[i]?.[key]), ratio(ours?.loads[i]?.[key], stock?.loads[i]?.[key]), ratio(ours?.loads[i]?.[key], hocus?.loads[i]?.[key]), key === 'p99' ? '≤ 1.0× stock' : ''])
  }
  const loopP99 = (r?: ServerResult): number | undefined => r?.loads[i]?.server.loop.p99
  rows.push([`${load.name} server event-loop delay p99 (ms)`, f(loopP99(ours)), f(loopP99(stock)), f(loopP99(hocus)), ratio(loopP99(ours), loopP99(stock)), ratio(loopP99(ours), loopP99(hocus)), ''])
  rows.push([`${load.name} deliveries lost`, f(ours?.loads[i]?.lost, 0), f(stock?.loads[i]?.lost, 0), f(hocus?.loads[i]?.lost, 0), '', '', '0'])
})
const tp = (r?: ServerResult): number | undefined => r?.throughput?.updatesPerSecond
rows.push(['throughput at p99 < 100 ms (upd/s)', f(tp(ours), 0), f(tp(stock), 0), f(tp(hocus), 0), ratio(tp(ours), tp(stock)), ratio(tp(ours), tp(hocus)), '≥ 1.0× stock, ≥ 1.5× Hocuspocus'])
rows.push(['server RSS at start (MiB)', f(ours?.rssStartMb, 0), f(stock?.rssStartMb, 0), f(hocus?.rssStartMb, 0), ratio(ours?.rssStartMb, stock?.rssStartMb), ratio(ours?.rssStartMb, hocus?.rssStartMb), '≤ 1.5× stock'])
const bigRatio = (r?: ServerResult, key: 'p50' | 'p99' = 'p50'): number | undefined => (r && r.bigDoc[1] && r.bigDoc[0] ? r.bigDoc[1][key] / r.bigDoc[0][key] : undefined)
for (const key of ['p50', 'p99'] as const) {
  rows.push([`edit ${key}, 5 MB ÷ 5 KB document`, f(bigRatio(ours, key), 2), f(bigRatio(stock, key), 2), f(bigRatio(hocus, key), 2), '', '', key === 'p50' ? '≤ 1.5' : ''])
}
const memAfter = (r?: ServerResult): number | undefined => (r && r.memory.rounds.length > 0 ? r.memory.rounds[r.memory.rounds.length - 1]!.afterMb / r.memory.baselineMb : undefined)
rows.push([`RSS after ${MEMORY_ROOMS} rooms × ${MEMORY_ROUNDS} ÷ baseline`, f(memAfter(ours), 2), f(memAfter(stock), 2), f(memAfter(hocus), 2), '', '', '≈ 1.0'])
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
console.log('\n' + rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n'))

const outDir = join(import.meta.dirname, 'results')
mkdirSync(outDir, { recursive: true })
const file = join(outDir, `relay-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, quick, loads: LOADS, results }, null, 2))
console.log(`\n结果已写入 ${file}`)
export {}
