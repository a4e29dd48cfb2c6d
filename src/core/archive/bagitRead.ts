// Validating a bag on import (RFC 8493 §3): every problem is collected, not just the first, so
// that a person sees at once what is wrong with a 移交 bag.
import { fromUtf8, toHex } from '../crypto/bytes'
import { DIGESTS, isBagAlgorithm, isSafeBagPath, parseManifest, parseTagLines, splitLines, type BagAlgorithm } from './bagitFormat'

export type BagProblemCode =
  | 'bad-path'
  | 'missing-bagit-txt'
  | 'bad-bagit-txt'
  | 'unsupported-version'
  | 'unsupported-encoding'
  | 'bad-tag-file'
  | 'bad-bag-info'
  | 'missing-manifest'
  | 'unsupported-algorithm'
  | 'bad-manifest-line'
  | 'duplicate-entry'
  | 'unlisted-file'
  | 'missing-file'
  | 'checksum-mismatch'
  | 'bad-oxum'
  | 'oxum-mismatch'
  | 'missing-tag-file'
  | 'tag-checksum-mismatch'

export interface BagProblem {
  code: BagProblemCode
  path?: string
  message: string
}

export interface ReadBagResult {
  ok: boolean
  problems: BagProblem[]
  /** bag-info.txt, label → values in file order (a label may repeat). */
  info: Record<string, string[]>
  /** Payload files present, keyed by path relative to data/ (listed or not). */
  payload: Map<string, Uint8Array>
}

interface Manifest {
  name: string
  alg: BagAlgorithm
  entries: Map<string, string>
}

export function readBag(files: ReadonlyMap<string, Uint8Array>): ReadBagResult {
  const problems: BagProblem[] = []
  const report = (code: BagProblemCode, message: string, path?: string): void => {
    problems.push(path === undefined ? { code, message } : { code, path, message })
  }
  const bag = new Map<string, Uint8Array>()
  for (const [path, bytes] of files) {
    if (isSafeBagPath(path)) bag.set(path, bytes)
    else report('bad-path', `路径 ${JSON.stringify(path)} 不安全（绝对路径、含 .. 或空段），已拒绝`, path)
  }
  const text = (path: string): string | null => {
    const bytes = bag.get(path)
    if (!bytes) return null
    try {
      return fromUtf8(bytes)
    } catch {
      report('bad-tag-file', `标签文件 ${path} 不是有效的 UTF-8 文本`, path)
      return null
    }
  }
  const digests = new Map<string, string>()
  const digest = (alg: BagAlgorithm, path: string, bytes: Uint8Array): string => {
    const key = `${alg}\n${path}`
    let hex = digests.get(key)
    if (hex === undefined) digests.set(key, (hex = toHex(DIGESTS[alg].hash(bytes))))
    return hex
  }

  checkDeclaration(bag.has('bagit.txt') ? text('bagit.txt') : undefined, report)
  const info = readInfo(text('bag-info.txt'), report)
  const payload = new Map<string, Uint8Array>()
  for (const [path, bytes] of bag) if (path.startsWith('data/')) payload.set(path.slice('data/'.length), bytes)

  const manifests = readManifests(bag, 'manifest-', text, report)
  if (manifests.known.length === 0) {
    if (manifests.unknown.length === 0) report('missing-manifest', '缺少载荷清单（manifest-<算法>.txt）')
    else report('unsupported-algorithm', `载荷清单 ${manifests.unknown.join('、')} 的算法均不受支持（支持 SHA-256、SHA-512、SM3）`)
  }
  const missing = new Set<string>()
  const unlisted = new Map<string, string[]>()
  for (const m of manifests.known) {
    for (const [path, expected] of m.entries) {
      const bytes = bag.get(path)
      if (!path.startsWith('data/')) report('bad-path', `载荷清单 ${m.name} 列出的 ${path} 不在 data/ 下`, path)
      else if (!bytes) missing.add(path)
      else if (digest(m.alg, path, bytes) !== expected) report('checksum-mismatch', `文件 ${path} 的 ${DIGESTS[m.alg].label} 校验值不符`, path)
    }
    for (const path of payload.keys()) {
      if (!m.entries.has(`data/${path}`)) unlisted.set(`data/${path}`, [...(unlisted.get(`data/${path}`) ?? []), m.name])
    }
  }
  for (const path of missing) report('missing-file', `清单列出的文件 ${path} 不存在`, path)
  for (const [path, names] of unlisted) report('unlisted-file', `文件 ${path} 未列入 ${names.join('、')}`, path)

  checkOxum(info['Payload-Oxum']?.[0], payload, report)

  for (const m of readManifests(bag, 'tagmanifest-', text, report).known) {
    for (const [path, expected] of m.entries) {
      const bytes = bag.get(path)
      if (path.startsWith('data/')) report('bad-path', `标签清单 ${m.name} 不应列出载荷文件 ${path}`, path)
      else if (!bytes) report('missing-tag-file', `标签清单 ${m.name} 列出的文件 ${path} 不存在`, path)
      else if (digest(m.alg, path, bytes) !== expected) report('tag-checksum-mismatch', `标签文件 ${path} 的 ${DIGESTS[m.alg].label} 校验值不符`, path)
    }
  }
  return { ok: problems.length === 0, problems, info, payload }
}

type Report = (code: BagProblemCode, message: string, path?: string) => void

/** bagit.txt is exactly two lines: the version, then the tag file encoding. */
function checkDeclaration(declaration: string | null | undefined, report: Report): void {
  if (declaration === undefined) return report('missing-bagit-txt', '缺少 bagit.txt', 'bagit.txt')
  if (declaration === null) return
  const lines = splitLines(declaration)
  const version = /^BagIt-Version: (\S+)$/.exec(lines[0] ?? '')?.[1]
  const encoding = /^Tag-File-Character-Encoding: (\S+)$/.exec(lines[1] ?? '')?.[1]
  if (declaration.startsWith('\ufeff') || lines.length !== 2 || !version || !encoding) {
    return report('bad-bagit-txt', 'bagit.txt 格式不正确：应恰为 BagIt-Version 与 Tag-File-Character-Encoding 两行', 'bagit.txt')
  }
  if (version !== '1.0' && version !== '0.97') report('unsupported-version', `不支持 BagIt 版本 ${version}（支持 1.0 与 0.97）`, 'bagit.txt')
  if (encoding.toUpperCase() !== 'UTF-8') report('unsupported-encoding', `标签文件编码应为 UTF-8，bagit.txt 声明为 ${encoding}`, 'bagit.txt')
}

function readInfo(text: string | null, report: Report): Record<string, string[]> {
  // no prototype: a label such as 'constructor' must be an ordinary key
  const info = Object.create(null) as Record<string, string[]>
  if (text === null) return info
  const { tags, badLines } = parseTagLines(text)
  for (const line of badLines) report('bad-bag-info', `bag-info.txt 第 ${line} 行不是“标签: 值”`, 'bag-info.txt')
  for (const { label, value } of tags) (info[label] ??= []).push(value)
  return info
}

function checkOxum(oxum: string | undefined, payload: ReadonlyMap<string, Uint8Array>, report: Report): void {
  if (oxum === undefined) return
  const declared = /^(\d+)\.(\d+)$/.exec(oxum)
  if (!declared) return report('bad-oxum', `Payload-Oxum 格式不正确：${oxum}（应为“字节数.文件数”）`, 'bag-info.txt')
  const octets = [...payload.values()].reduce((n, b) => n + b.length, 0)
  if (Number(declared[1]) !== octets || Number(declared[2]) !== payload.size) {
    report('oxum-mismatch', `Payload-Oxum 为 ${oxum}，实际载荷为 ${octets} 字节、${payload.size} 个文件`, 'bag-info.txt')
  }
}

/** The root files `<prefix><algorithm>.txt`, parsed; those of algorithms we cannot compute are only named. */
function readManifests(bag: ReadonlyMap<string, Uint8Array>, prefix: string, text: (path: string) => string | null, report: Report): { known: Manifest[]; unknown: string[] } {
  const known: Manifest[] = []
  const unknown: string[] = []
  for (const name of [...bag.keys()].sort()) {
    const alg = name.startsWith(prefix) && !name.includes('/') && name.endsWith('.txt') ? name.slice(prefix.length, -'.txt'.length) : null
    if (alg === null) continue
    if (!isBagAlgorithm(alg)) {
      unknown.push(name)
      continue
    }
    const content = text(name)
    if (content === null) continue
    const entries = new Map<string, string>()
    for (const entry of parseManifest(content)) {
      if ('malformed' in entry || entry.checksum.length !== DIGESTS[alg].hexLength) {
        report('bad-manifest-line', `${name} 第 ${entry.line} 行格式不正确`, name)
      } else if (!isSafeBagPath(entry.path)) {
        report('bad-path', `${name} 列出的路径 ${JSON.stringify(entry.path)} 不安全，已拒绝`, entry.path)
      } else if (entries.has(entry.path)) {
        report('duplicate-entry', `${name} 重复列出 ${entry.path}`, entry.path)
      } else {
        entries.set(entry.path, entry.checksum)
      }
    }
    known.push({ name, alg, entries })
  }
  return { known, unknown }
}
