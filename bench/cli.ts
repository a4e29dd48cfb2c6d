// `npm run bench -- cli [--runs N]`: how long `zt whoami` takes, start to exit, against our server
// (a child process, the demo organisation, one signed-in profile), each way of calling it beside a
// bare `node -e 0`, in turns so that the machine's load falls on all alike. Wall time is the median
// of the runs; CPU is the mean, from this process's reaped children (/proc/self/stat, in ticks of
// 10 ms, so one run alone is too coarse). Target (issue 12.6): `zt whoami` ≤ 0.25 s wall.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startOurs } from './relay/servers'

const ROOT = resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const runsAt = args.indexOf('--runs')
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 20
/** USER_HZ: the unit of the times in /proc/<pid>/stat on every Linux */
const TICK_S = 0.01

/** CPU seconds of this process's children that have been waited for (cutime + cstime) */
function childrenCpu(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')
  // after "pid (comm) ", field 3 (state) is index 0, so cutime (16) and cstime (17) are 13 and 14
  return (Number(fields[13]) + Number(fields[14])) * TICK_S
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const { ensureBuilt } = (await import(join(ROOT, 'scripts/bundle.mjs'))) as { ensureBuilt(name: string): Promise<string> }
const bundle = await ensureBuilt('zt')
const server = await startOurs(7960)
const home = mkdtempSync(join(tmpdir(), 'zt-bench-cli-'))
const login = spawnSync(process.execPath, [bundle, 'login', 'zhangsan', '--password', 'demo123', '--server', `http://127.0.0.1:${server.port}`, '--pin', '135790', '--home', home], { encoding: 'utf8' })
if (login.status !== 0) throw new Error(`zt login failed: ${login.stderr}`)

const WAYS: { name: string; command: string; args: string[] }[] = [
  { name: 'node -e 0', command: process.execPath, args: ['-e', '0'] },
  { name: 'node out-node/zt/main.mjs whoami', command: process.execPath, args: [bundle, 'whoami', '--home', home] },
  { name: 'scripts/zt.mjs whoami (zt, ./scripts/zt.mjs)', command: process.execPath, args: [join(ROOT, 'scripts/zt.mjs'), 'whoami', '--home', home] },
  { name: 'npm run zt -- whoami', command: 'npm', args: ['run', '-s', 'zt', '--', 'whoami', '--home', home] },
]
const walls = WAYS.map((): number[] => [])
const cpus = WAYS.map(() => 0)
const loadBefore = loadavg()
try {
  for (let run = 0; run < RUNS; run++) {
    for (const [i, way] of WAYS.entries()) {
      const cpu = childrenCpu()
      const started = performance.now()
      const r = spawnSync(way.command, way.args, { cwd: ROOT, encoding: 'utf8' })
      walls[i]!.push((performance.now() - started) / 1000)
      cpus[i]! += childrenCpu() - cpu
      if (r.status !== 0) throw new Error(`${way.name} exited ${r.status}: ${r.stderr}`)
    }
  }
} finally {
  await server.stop()
  rmSync(home, { recursive: true, force: true })
}
const loadAfter = loadavg()

const rows = WAYS.map((way, i) => ({ way: way.name, wallMedianS: median(walls[i]!), wallMinS: Math.min(...walls[i]!), cpuMeanS: cpus[i]! / RUNS }))
console.log(`\n${RUNS} runs each, load average ${loadBefore[0]!.toFixed(1)} before, ${loadAfter[0]!.toFixed(1)} after`)
console.log(['wall (median)', 'wall (min)', 'CPU (mean)', 'way'].join('  '))
for (const r of rows) console.log(`${r.wallMedianS.toFixed(3).padStart(10)} s  ${r.wallMinS.toFixed(3).padStart(7)} s  ${r.cpuMeanS.toFixed(3).padStart(7)} s  ${r.way}`)
const direct = rows[2]!.wallMedianS
console.log(`zt whoami: ${direct.toFixed(3)} s wall (target ≤ 0.25 s: ${direct <= 0.25 ? 'met' : 'missed'})`)

const outDir = join(import.meta.dirname, 'results')
mkdirSync(outDir, { recursive: true })
const file = join(outDir, `cli-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, runs: RUNS, loadBefore, loadAfter, rows }, null, 2))
console.log(`\n结果已写入 ${file}`)
export {}
