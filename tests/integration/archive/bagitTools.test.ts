// An independent implementation checks ours: the Library of Congress's bagit-python validates a
// 移交 bag that writeBag made and bagDirectory put on disk, and notices a flipped payload byte.
// bagit-python ignores manifest-sm3.txt (it reads only hashlib's guaranteed algorithms) and checks
// it as a tag file through tagmanifest-sha256.txt.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MAX_BAG_BYTES, readBagFromDirectory, writeBagToDirectory } from '../../../src/cli/archive/bagDirectory'
import { readBag, writeBag } from '../../../src/core/archive/bagit'
import { utf8 } from '../../../src/core/crypto/bytes'

const root = mkdtempSync(join(tmpdir(), 'zt-bagit-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** How to run bagit-python here, if it is installed: its script, or its module under some python3. */
function findBagitTool(): string[] | null {
  for (const script of ['bagit.py', 'bagit']) {
    const r = spawnSync(script, ['--version'], { encoding: 'utf8' })
    if (r.status === 0 && `${r.stdout}${r.stderr}`.includes('bagit-python')) return [script]
  }
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import bagit'], { encoding: 'utf8' }).status === 0) return [python, '-c', 'import bagit; bagit.main()']
  }
  return null
}
const tool = findBagitTool()

function validate(dir: string): { status: number | null; output: string } {
  const [command, ...args] = tool!
  const r = spawnSync(command!, [...args, '--validate', dir], { encoding: 'utf8' })
  return { status: r.status, output: `${r.stdout}${r.stderr}` }
}

function sampleBag(): Map<string, Uint8Array> {
  return writeBag(
    [
      { path: 'Z109-WS·2026-Y-BGS-0001.eep.xml', bytes: utf8('<eep><title>关于印发年度工作要点的通知</title></eep>') },
      { path: '附件/正文.ofd', bytes: new Uint8Array(4096).map((_, i) => (i * 7) % 256) },
      { path: 'empty.txt', bytes: new Uint8Array() },
    ],
    { baggingDate: '2026-03-02', fields: { 'Source-Organization': '某市人民政府办公室', 'External-Identifier': 'Z109-WS·2026-Y-BGS-0001' } },
    [{ path: 'check/四性检测报告.json', bytes: utf8('{"result":"pass"}') }],
  )
}

describe('bag directories', () => {
  it('writes a bag to disk and reads back the same files', async () => {
    const dir = join(root, 'roundtrip')
    const bag = sampleBag()
    await writeBagToDirectory(dir, bag)
    const back = await readBagFromDirectory(dir)
    expect(back).toEqual(bag)
    expect(readBag(back).ok).toBe(true)
  })

  it('refuses a non-empty target, a symbolic link and more than 2 GiB', async () => {
    const full = join(root, 'full')
    mkdirSync(full)
    writeFileSync(join(full, 'x'), 'x')
    await expect(writeBagToDirectory(full, sampleBag())).rejects.toThrow('不是空的')

    const linked = join(root, 'linked')
    await writeBagToDirectory(linked, sampleBag())
    symlinkSync('/etc/passwd', join(linked, 'data', 'passwd'))
    await expect(readBagFromDirectory(linked)).rejects.toThrow('符号链接')

    const huge = join(root, 'huge')
    await writeBagToDirectory(huge, sampleBag())
    truncateSync(join(huge, 'data', 'empty.txt'), MAX_BAG_BYTES + 1) // sparse: nothing is written
    await expect(readBagFromDirectory(huge)).rejects.toThrow('2 GiB')
  })
})

describe.skipIf(!tool)('bagit-python (skipped only when it is not installed: no bagit.py, bagit or python3 module bagit)', () => {
  it('accepts our bag, ignoring manifest-sm3.txt without a warning, and rejects a flipped payload byte', async () => {
    const dir = join(root, 'checked')
    await writeBagToDirectory(dir, sampleBag())
    const valid = validate(dir)
    expect(valid.output).toContain(`${dir} is valid`)
    expect(valid.output).not.toMatch(/WARNING|ERROR/)
    expect(valid.status).toBe(0)

    const target = join(dir, 'data', '附件', '正文.ofd')
    const bytes = readFileSync(target)
    bytes[100] = bytes[100]! ^ 0xff
    writeFileSync(target, bytes)
    const invalid = validate(dir)
    expect(invalid.status).toBe(1)
    expect(invalid.output).toContain(`${dir} is invalid`)
    expect(invalid.output).toContain('data/附件/正文.ofd sha256 validation failed')
    expect(readBag(await readBagFromDirectory(dir)).problems.map((p) => p.code)).toEqual(['checksum-mismatch', 'checksum-mismatch'])
  })
})
