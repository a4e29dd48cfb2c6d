// The server and the CLI as bundled JavaScript under out-node/ (our code in a few files, packages
// loaded from node_modules unless a target inlines them), so that `npm run server` and `npm run zt`
// start node, not a TypeScript compiler. Built when missing or older than its sources or this
// file, like `npm start` builds the app; a build goes to a temporary folder and is renamed into
// place, so two first uses at once do not see half a bundle.
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

export const TARGETS = {
  server: { entries: { main: 'server/main.ts' }, sources: ['server', 'src/core', 'src/pdf'], splitting: true, copy: ['server/sync/validateWorker.mjs', 'server/commands/verifyWorker.mjs'] },
  // in chunks, what is imported when needed loads then: `zt whoami` reads only what it needs, the
  // server starts without PDFKit or the PostgreSQL client
  // zod inlined: only the parts used (zod's index is ~100 files, every locale, ~0.08 s to load) and
  // in chunks like our code, so `zt whoami` parses what its schemas need
  // run.mjs: the CLI's `run(argv, io)` alone, which tests call in their own process
  zt: { entries: { main: 'src/cli/main.ts', run: 'src/cli/run.ts' }, sources: ['src/cli', 'src/core', 'src/pdf', 'node_modules/zod/package.json'], splitting: true, copy: [], inline: ['zod'] },
}

/** Bare imports stay imports from node_modules, but for the packages in `inline`. */
function externalPackages(inline) {
  return {
    name: 'external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, ({ path }) => {
        const name = path.split('/').slice(0, path.startsWith('@') ? 2 : 1).join('/')
        return inline.includes(name) ? undefined : { external: true }
      })
    },
  }
}

function newestMtime(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Where target `name` is built, and its entry file. */
export function bundlePaths(name) {
  const dir = join(root, 'out-node', name)
  return { dir, entry: join(dir, 'main.mjs'), stamp: join(dir, '.built') }
}

/** Builds `name` unless a bundle at least as new as its sources is there; returns its entry file. */
export async function ensureBuilt(name) {
  const target = TARGETS[name]
  const { entry, stamp } = bundlePaths(name)
  const sources = [...target.sources, ...target.copy, 'scripts/bundle.mjs'].map((s) => join(root, s))
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...sources.map(newestMtime))) return entry
  await build(name)
  return entry
}

export async function build(name) {
  const target = TARGETS[name]
  const { dir, stamp } = bundlePaths(name)
  const { build: esbuild } = await import('esbuild')
  const started = Date.now()
  const tmp = `${dir}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  await esbuild({
    entryPoints: Object.fromEntries(Object.entries(target.entries).map(([name, file]) => [name, join(root, file)])),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [externalPackages(target.inline ?? [])],
    splitting: target.splitting,
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
  for (const file of target.copy) cpSync(join(root, file), join(tmp, file.split('/').pop()))
  writeFileSync(join(tmp, '.built'), new Date().toISOString())
  mkdirSync(join(root, 'out-node'), { recursive: true })
  // another first use landed the same build while this one ran: keep theirs (it may be running)
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= started) {
    rmSync(tmp, { recursive: true, force: true })
    return
  }
  rmSync(dir, { recursive: true, force: true })
  try {
    renameSync(tmp, dir)
  } catch (err) {
    // another first use finished the same build at the same moment: theirs is as good
    if (!existsSync(stamp)) throw err
    rmSync(tmp, { recursive: true, force: true })
  }
}
