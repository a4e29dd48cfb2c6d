// The bundled server and CLI that `npm run server` and `npm run zt` run (scripts/bundle.mjs),
// built if missing or stale, once per test process.
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const ROOT = resolve(import.meta.dirname, '../..')
const built = new Map<string, string>()

export function nodeBundle(name: 'server' | 'zt'): string {
  let entry = built.get(name)
  if (entry) return entry
  const script = `const m = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'scripts/bundle.mjs')).href)}); process.stdout.write(await m.ensureBuilt(${JSON.stringify(name)}))`
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`building the ${name} bundle failed: ${r.stderr}`)
  entry = r.stdout.trim()
  built.set(name, entry)
  return entry
}
