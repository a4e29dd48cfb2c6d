// A bag (src/core/archive/bagit) to and from a folder on disk, for 移交 media and for checking a
// bag with other BagIt tools. Paths are checked again here: the map may come from anywhere.
import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { isSafeBagPath } from '../../core/archive/bagitFormat'

/** More than this is not read into memory: a 移交 bag that large goes by another route. */
export const MAX_BAG_BYTES = 2 * 1024 ** 3

export async function writeBagToDirectory(dir: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  const root = resolve(dir)
  const existing = await readdir(root).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return []
    throw e
  })
  if (existing.length > 0) throw new Error(`目录 ${root} 不是空的，不写入`)
  for (const path of files.keys()) {
    if (!isSafeBagPath(path) || !inside(root, resolve(root, path))) throw new Error(`路径不安全，不写入：${JSON.stringify(path)}`)
  }
  // data/ exists even for an empty payload: RFC 8493 requires the payload directory
  await mkdir(join(root, 'data'), { recursive: true })
  for (const [path, bytes] of files) {
    const target = resolve(root, path)
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, bytes, { flag: 'wx' })
  }
}

export async function readBagFromDirectory(dir: string): Promise<Map<string, Uint8Array>> {
  const root = resolve(dir)
  const found: Array<{ path: string; full: string }> = []
  let total = 0
  const walk = async (folder: string): Promise<void> => {
    for (const name of (await readdir(folder)).sort()) {
      const full = join(folder, name)
      const stat = await lstat(full)
      const path = relative(root, full).split(sep).join('/')
      if (stat.isSymbolicLink()) throw new Error(`包中含符号链接，拒绝读取：${path}`)
      if (stat.isDirectory()) await walk(full)
      else if (!stat.isFile()) throw new Error(`包中含非普通文件，拒绝读取：${path}`)
      else {
        total += stat.size
        if (total > MAX_BAG_BYTES) throw new Error(`包超过 2 GiB 上限，拒绝读取：${root}`)
        found.push({ path, full })
      }
    }
  }
  const top = await lstat(root)
  if (top.isSymbolicLink() || !top.isDirectory()) throw new Error(`${root} 不是目录`)
  await walk(root)
  const files = new Map<string, Uint8Array>()
  for (const f of found) {
    const buf = await readFile(f.full)
    files.set(f.path, new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength))
  }
  return files
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}
