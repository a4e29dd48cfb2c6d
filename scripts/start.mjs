// `npm start`: the server with embedded storage under ./data and the demo organisation, then the
// desktop app. Where no Electron binary is installed (a machine without network at install time),
// it prints the address of the same app in a browser and keeps serving.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ensureBuilt } from './bundle.mjs'

const root = resolve(import.meta.dirname, '..')
const port = Number(process.env.ZT_PORT ?? 7788)
const dataDir = process.env.ZT_DATA ?? join(root, 'data')
const bin = (name) => join(root, 'node_modules', '.bin', name)

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

// Build the app when it is missing or older than its sources.
const built = join(root, 'out', 'renderer', 'index.html')
if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join(root, 'src'))) {
  console.log('正在构建应用 (electron-vite build)…')
  const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

// the server as bundled JavaScript (built on first use, like the app): node, not a TypeScript compiler
const serverEntry = await ensureBuilt('server')
const server = spawn(process.execPath, [serverEntry, '--port', String(port), '--data', dataDir, '--seed', 'demo'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
})
const stop = () => server.kill('SIGTERM')
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
server.on('exit', (code) => process.exit(code ?? 0))

let started = false
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk)
  if (!started && chunk.toString().includes('listening on')) {
    started = true
    openClient(`http://127.0.0.1:${port}`)
  }
})

/** The Electron package records its downloaded binary in path.txt; without it there is none. */
function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile)) return null
  const exe = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(exe) ? exe : null
}

function openClient(serverUrl) {
  const exe = electronBinary()
  if (!exe) {
    console.log(`\n未安装 Electron 桌面程序，请在浏览器中打开：${serverUrl}/app/`)
    console.log('演示账号：zhangsan / lisi / wangwu …，密码 demo123。按 Ctrl+C 退出。\n')
    return
  }
  const app = spawn(exe, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, ZT_SERVER_URL: serverUrl } })
  app.on('exit', stop)
}
