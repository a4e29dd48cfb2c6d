// `npm run bench -- <name>`: runs one benchmark (or all) in this process.
const BENCHES = ['crypto', 'search', 'inbox', 'relay', 'commands', 'rss', 'scale', 'cli'] as const

// bench names come first; what follows the first flag belongs to the bench (`relay --only ours`)
const args = process.argv.slice(2)
const firstFlag = args.findIndex((a) => a.startsWith('-'))
const wanted = firstFlag < 0 ? args : args.slice(0, firstFlag)
const names = wanted.length ? wanted : [...BENCHES]
for (const name of names) {
  if (!(BENCHES as readonly string[]).includes(name)) {
    console.error(`未知的基准测试：${name}（可选：${BENCHES.join('、')}）`)
    process.exit(2)
  }
  await import(`./${name}.ts`)
}
// every bench has written its results by now; a handle left open by a server or worker under test
// (seen with `commands`) must not keep the process waiting
process.exit(0)
export {}
