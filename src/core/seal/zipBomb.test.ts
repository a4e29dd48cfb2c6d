// The sealed-package verifier reads an untrusted zip: it refuses one that would inflate to far
// more than it is (a zip bomb) or holds absurdly many entries, before inflating any of it.
import { deflateSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { utf8 } from '../crypto/bytes'
import { MAX_PACKAGE_ENTRIES, verifySealedPackage } from './sealedPackage'

const u16 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff]
const u32 = (n: number): number[] => [...u16(n & 0xffff), ...u16(n >>> 16)]

/**
 * A real zip bomb with honest headers: `copies` entries, each the same deflate stream of
 * `inflated` zero bytes (deflating once keeps the test fast).
 */
function zipBomb(copies: number, inflated: number): Uint8Array {
  const stream = deflateSync(new Uint8Array(inflated), { level: 9 })
  const crc = crc32Zeros(inflated)
  const local: number[][] = []
  const central: number[][] = []
  let offset = 0
  for (let i = 0; i < copies; i++) {
    const name = [...utf8(i === 0 ? 'document.pdf' : `signatures/${i}.ses`)]
    const fields = [...u16(20), ...u16(0), ...u16(8), ...u16(0), ...u16(0x21), ...u32(crc), ...u32(stream.length), ...u32(inflated), ...u16(name.length), ...u16(0)]
    const header = [...u32(0x04034b50), ...fields, ...name]
    local.push(header, [...stream])
    central.push([...u32(0x02014b50), ...u16(20), ...fields, ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...name])
    offset += header.length + stream.length
  }
  const dir = central.flat()
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(copies), ...u16(copies), ...u32(dir.length), ...u32(offset), ...u16(0)]
  const out = new Uint8Array(offset + dir.length + end.length)
  let at = 0
  for (const part of [...local, dir, end]) {
    out.set(part, at)
    at += part.length
  }
  return out
}

function crc32Zeros(length: number): number {
  let crc = 0xffffffff
  for (let i = 0; i < length; i++) {
    crc ^= 0
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

describe('sealed package bounds', () => {
  it('refuses a 128 KiB package that would inflate to 128 MiB, without inflating it', () => {
    const bomb = zipBomb(16, 8 * 1024 * 1024)
    expect(bomb.length).toBeLessThan(160 * 1024)
    const heapBefore = process.memoryUsage().arrayBuffers
    const report = verifySealedPackage(bomb, [])
    expect(report.ok).toBe(false)
    expect(report.problems).toEqual([expect.stringContaining('解压后过大')])
    // nothing near the inflated size was allocated
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(16 * 1024 * 1024)
  })

  it('refuses a package with thousands of entries', () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: MAX_PACKAGE_ENTRIES + 1 }, (_, i) => [`signatures/${i}.ses`, new Uint8Array(1)])))
    const report = verifySealedPackage(many, [])
    expect(report.ok).toBe(false)
    expect(report.problems).toEqual([expect.stringContaining('条目过多')])
  })
})
