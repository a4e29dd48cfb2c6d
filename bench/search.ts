// `npm run bench -- search`: our index (src/core/search) beside MiniSearch over the same 10,000
// documents with the same tokenizer, in the same run, so the ratios hold on a busy machine.
// Targets (issue 16): query p95 < 30 ms and at least MiniSearch's speed.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import MiniSearch from 'minisearch'
import { SearchIndex, normalizeForSearch, planQuery, tokens, type SearchDoc } from '../src/core/search'
import { QUERIES, makeCorpus } from './searchCorpus'

const COUNT = Number(process.env.ZT_BENCH_DOCS ?? 10_000)
const ROUNDS = 20

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
/** the JS heap and the typed arrays' memory outside it (where postings live) */
function heapMiB(): number {
  gc()
  gc()
  const m = process.memoryUsage()
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20
}
const p = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!

/** Each query ROUNDS times, as one types it, round-robin: latency per query, and the matches. */
function time(search: (q: string) => number): { p50: number; p95: number; max: number; matches: number[] } {
  const times: number[] = []
  let matches: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    matches = []
    for (const q of QUERIES) {
      const t = performance.now()
      matches.push(search(q))
      times.push(performance.now() - t)
    }
  }
  return { p50: p(times, 0.5), p95: p(times, 0.95), max: Math.max(...times), matches }
}

console.log(`生成 ${COUNT} 篇文档…`)
const docs: SearchDoc[] = makeCorpus(COUNT)
const chars = docs.reduce((n, d) => n + d.title.length + d.body.length + d.extra.length, 0)
console.log(`共 ${(chars / 1e6).toFixed(1)} 百万字，平均每篇 ${Math.round(chars / COUNT)} 字`)

// ── ours ────────────────────────────────────────────────────────────────────────────────────
let base = heapMiB()
let t = performance.now()
const ours = new SearchIndex()
for (const d of docs) ours.add(d)
const oursBuild = performance.now() - t
const oursMiB = heapMiB() - base
t = performance.now()
const bytes = ours.serialize()
const serializeMs = performance.now() - t
t = performance.now()
const restored = SearchIndex.deserialize(bytes)
const loadMs = performance.now() - t
if (restored.size !== ours.size) throw new Error('restored index differs')
const oursQ = time((q) => ours.search(q, { limit: 20 }).total)
// an update as typing makes it: one document replaced
t = performance.now()
for (let i = 0; i < 50; i++) ours.add({ ...docs[i]!, body: docs[i]!.body + '补充一段。' })
const updateMs = (performance.now() - t) / 50

// ── MiniSearch, same documents, same terms ──────────────────────────────────────────────────
base = heapMiB()
t = performance.now()
const tokenize = (text: string): string[] => tokens(normalizeForSearch(text))
const mini = new MiniSearch<SearchDoc>({ fields: ['title', 'body', 'extra'], idField: 'id', tokenize, processTerm: (term) => term })
mini.addAll(docs)
const miniBuild = performance.now() - t
const miniMiB = heapMiB() - base
const miniQ = time((q) => {
  const plan = planQuery(normalizeForSearch(q))
  const terms = plan.required.map((r) => r.term)
  const prefix = new Set(plan.required.filter((r) => r.prefix).map((r) => r.term))
  return mini.search({ queries: terms, combineWith: 'AND' }, { boost: { title: 3 }, tokenize: (s) => [s], processTerm: (s) => s, prefix: (term) => prefix.has(term) }).length
})
const disagree = QUERIES.filter((_, i) => oursQ.matches[i] !== miniQ.matches[i])

const rows = [
  { measure: '建索引 (ms)', ours: oursBuild, mini: miniBuild },
  { measure: '查询 p50 (ms)', ours: oursQ.p50, mini: miniQ.p50 },
  { measure: '查询 p95 (ms)', ours: oursQ.p95, mini: miniQ.p95 },
  { measure: '查询最慢 (ms)', ours: oursQ.max, mini: miniQ.max },
  { measure: '内存 (MiB)', ours: oursMiB, mini: miniMiB },
]
const fmt = (v: number): string => v.toFixed(v < 10 ? 2 : 0).padStart(12)
console.log('\n' + '项目'.padEnd(16) + '本索引'.padStart(10) + 'MiniSearch'.padStart(12) + '倍数'.padStart(8))
for (const r of rows) console.log(r.measure.padEnd(16) + fmt(r.ours) + fmt(r.mini) + (r.mini / r.ours).toFixed(2).padStart(8))
console.log(`\n本索引：${ours.stats().terms} 个词项，${ours.stats().postings} 条倒排，序列化 ${(bytes.length / 2 ** 20).toFixed(1)} MiB（写 ${serializeMs.toFixed(0)} ms，读 ${loadMs.toFixed(0)} ms），更新一篇 ${updateMs.toFixed(1)} ms`)
console.log(`目标：查询 p95 < 30 ms（${oursQ.p95 < 30 ? '达到' : '未达到'}），不慢于 MiniSearch（${miniQ.p95 / oursQ.p95 >= 1 ? '达到' : '未达到'}，p95 之比 ${(miniQ.p95 / oursQ.p95).toFixed(2)}）`)
if (disagree.length) console.log(`命中数与 MiniSearch 不同的查询：${disagree.join('、')}`)

const outDir = join(import.meta.dirname, 'results')
mkdirSync(outDir, { recursive: true })
const file = join(outDir, `search-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(file, JSON.stringify({
  at: new Date().toISOString(), node: process.version, docs: COUNT, chars, queries: QUERIES.length, rounds: ROUNDS,
  rows, serializedBytes: bytes.length, serializeMs, loadMs, updateMs, terms: ours.stats().terms, postings: ours.stats().postings,
  matches: Object.fromEntries(QUERIES.map((q, i) => [q, { ours: oursQ.matches[i], minisearch: miniQ.matches[i] }])),
}, null, 2))
console.log(`\n结果已写入 ${file}`)
