// `npm run bench -- <name>`: runs one benchmark (or all) in this process.
const BENCHES = ['crypto', 'search'] as const

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const names = wanted.length ? wanted : [...BENCHES]
for (const name of names) {
  if (!(BENCHES as readonly string[]).includes(name)) {
    console.error(`未知的基准测试：${name}（可选：${BENCHES.join('、')}）`)
    process.exit(2)
  }
  await import(`./${name}.ts`)
}
export {}
