// Preloaded into each server of the relay benchmark (`node --import`): the event loop's delay, and
// with ZT_BENCH_PROBE_FS=1 the time spent in node:fs's synchronous calls (what blocks the loop
// while they run). On SIGUSR2 it prints what it saw since the last signal as one line on stderr
// and starts afresh, so the bench reads one phase at a time. Bench-only: no server imports it.
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'

const loop = monitorEventLoopDelay({ resolution: 1 })
loop.enable()
/** name → [calls, total ms, max ms, calls over 5 ms] */
let calls = new Map()

if (process.env.ZT_BENCH_PROBE_FS === '1') {
  for (const name of Object.keys(fs)) {
    if (!name.endsWith('Sync') || typeof fs[name] !== 'function') continue
    const original = fs[name]
    fs[name] = function timed(...args) {
      const start = performance.now()
      try {
        return original.apply(this, args)
      } finally {
        const ms = performance.now() - start
        let c = calls.get(name)
        if (!c) calls.set(name, (c = [0, 0, 0, 0]))
        c[0]++
        c[1] += ms
        if (ms > c[2]) c[2] = ms
        if (ms > 5) c[3]++
      }
    }
  }
  // the bundle imports node:fs's named exports: make them the timed ones
  syncBuiltinESMExports()
}

process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round(ns / 1e4) / 100
  const sync = Object.fromEntries([...calls].map(([name, [n, total, max, over5]]) => [name, { calls: n, totalMs: Math.round(total * 100) / 100, maxMs: Math.round(max * 100) / 100, over5ms: over5 }]))
  process.stderr.write(`ZT-PROBE ${JSON.stringify({ loop: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max), count: loop.count }, sync })}\n`)
  loop.reset()
  calls = new Map()
})
