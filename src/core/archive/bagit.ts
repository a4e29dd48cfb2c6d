// BagIt bags (RFC 8493) in memory, for 移交 of electronic archive packages and their import:
// a bag is a Map from bag-relative path ('bagit.txt', 'data/…') to bytes; writing it to disk or a
// zip is the caller's. Deterministic: the same input always gives the same bytes (no clock inside).
import { toHex, utf8 } from '../crypto/bytes'
import { DIGESTS, encodeManifestPath, isSafeBagPath, type BagAlgorithm } from './bagitFormat'

export { readBag, type BagProblem, type BagProblemCode, type ReadBagResult } from './bagitRead'
export type { BagAlgorithm } from './bagitFormat'

export interface BagFile {
  path: string
  bytes: Uint8Array
}

export interface BagInfo {
  /** YYYY-MM-DD, given by the caller so that a bag does not depend on when it was made. */
  baggingDate: string
  /** Other bag-info.txt labels in order (Source-Organization, External-Identifier, …); one line each. */
  fields?: Readonly<Record<string, string | readonly string[]>>
}

export interface WriteBagOptions {
  /** Payload and tag manifest algorithms. SM3 is the national standard; SHA-256 is what every BagIt tool reads. */
  algorithms?: readonly BagAlgorithm[]
}

export const DEFAULT_BAG_ALGORITHMS: readonly BagAlgorithm[] = ['sha256', 'sm3']

const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'
/** Computed by writeBag, never taken from the caller. */
const COMPUTED_LABELS = new Set(['payload-oxum', 'bagging-date'])
/** Root tag files that writeBag makes itself. */
const RESERVED_TAG_FILE = /^(bagit\.txt|bag-info\.txt|fetch\.txt|(tag)?manifest-[^/]*\.txt)$/

/**
 * Builds a bag: payload paths are relative to data/; tag files (a check report, say) go beside
 * bagit.txt, outside data/. Throws on an unsafe or duplicate path or on a bag-info value with a line break.
 */
export function writeBag(payload: ReadonlyArray<BagFile>, info: BagInfo, tagFiles: ReadonlyArray<BagFile> = [], options: WriteBagOptions = {}): Map<string, Uint8Array> {
  const algorithms = [...new Set(options.algorithms ?? DEFAULT_BAG_ALGORITHMS)]
  if (algorithms.length === 0) throw new Error('至少需要一种校验算法')
  const payloadFiles = payload.map((f) => ({ path: `data/${f.path}`, bytes: f.bytes }))
  for (const f of payloadFiles) if (!isSafeBagPath(f.path)) throw new Error(`载荷文件路径不安全：${f.path}`)
  for (const f of tagFiles) {
    if (!isSafeBagPath(f.path) || f.path === 'data' || f.path.startsWith('data/') || RESERVED_TAG_FILE.test(f.path)) throw new Error(`标签文件路径不可用：${f.path}`)
  }
  assertNoClash([...payloadFiles, ...tagFiles].map((f) => f.path))

  const octets = payloadFiles.reduce((n, f) => n + f.bytes.length, 0)
  const tags = new Map<string, Uint8Array>([
    ['bagit.txt', utf8(BAGIT_TXT)],
    ['bag-info.txt', utf8(bagInfoText(info, `${octets}.${payloadFiles.length}`))],
  ])
  for (const alg of algorithms) tags.set(`manifest-${alg}.txt`, utf8(manifestText(alg, payloadFiles)))
  for (const f of tagFiles) tags.set(f.path, f.bytes)
  const tagList = [...tags].map(([path, bytes]) => ({ path, bytes }))

  const bag = new Map(tags)
  for (const alg of algorithms) bag.set(`tagmanifest-${alg}.txt`, utf8(manifestText(alg, tagList)))
  for (const f of payloadFiles) bag.set(f.path, f.bytes)
  return bag
}

function manifestText(alg: BagAlgorithm, files: ReadonlyArray<BagFile>): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return sorted.map((f) => `${toHex(DIGESTS[alg].hash(f.bytes))} ${encodeManifestPath(f.path)}\n`).join('')
}

function bagInfoText(info: BagInfo, oxum: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(info.baggingDate)) throw new Error(`Bagging-Date 应为 YYYY-MM-DD：${info.baggingDate}`)
  const lines: string[] = []
  for (const [label, value] of Object.entries(info.fields ?? {})) {
    if (!/^[^:\s](?:[^:\r\n]*[^:\s])?$/.test(label)) throw new Error(`bag-info.txt 标签名不可用：${label}`)
    if (COMPUTED_LABELS.has(label.toLowerCase())) throw new Error(`${label} 由系统生成，不能指定`)
    for (const v of typeof value === 'string' ? [value] : value) {
      if (/[\r\n]/.test(v)) throw new Error(`bag-info.txt 中 ${label} 的值不能含换行`)
      lines.push(`${label}: ${v}`)
    }
  }
  lines.push(`Bagging-Date: ${info.baggingDate}`, `Payload-Oxum: ${oxum}`)
  return lines.map((l) => `${l}\n`).join('')
}

/** No two files at one path, and no file where another needs a folder ('a' and 'a/b'). */
function assertNoClash(paths: readonly string[]): void {
  const files = new Set<string>()
  for (const p of paths) {
    if (files.has(p)) throw new Error(`文件重复：${p}`)
    files.add(p)
  }
  for (const p of paths) {
    for (let at = p.indexOf('/'); at !== -1; at = p.indexOf('/', at + 1)) {
      if (files.has(p.slice(0, at))) throw new Error(`${p.slice(0, at)} 既是文件又是文件夹`)
    }
  }
}
