import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { fromUtf8, utf8 } from '../crypto/bytes'
import { readBag, writeBag, type BagFile, type BagInfo } from './bagit'

const EEP = 'Z109-WS·2026-Y-BGS-0001.eep.xml'
const INFO: BagInfo = { baggingDate: '2026-03-02', fields: { 'Source-Organization': '某市人民政府办公室', 'External-Identifier': ['Z109-WS·2026-Y-BGS-0001', 'Z109-WS·2026-Y-BGS-0002'] } }
const PAYLOAD: BagFile[] = [
  { path: EEP, bytes: utf8('<eep>公文</eep>') },
  { path: 'attachments/abc.txt', bytes: utf8('abc') },
]
const REPORT: BagFile = { path: 'check/report.json', bytes: utf8('{"result":"pass"}') }

const sample = (): Map<string, Uint8Array> => writeBag(PAYLOAD, INFO, [REPORT])
const text = (bag: Map<string, Uint8Array>, path: string): string => fromUtf8(bag.get(path)!)
const codes = (bag: ReadonlyMap<string, Uint8Array>): string[] => [...new Set(readBag(bag).problems.map((p) => p.code))].sort()
const flipped = (bytes: Uint8Array, at: number, mask = 0xff): Uint8Array => bytes.map((b, i) => (i === at ? b ^ mask : b))

describe('writeBag', () => {
  it('writes the RFC 8493 tag files, manifests sorted, tag manifests over every other tag file', () => {
    const bag = sample()
    expect(text(bag, 'bagit.txt')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')
    expect(text(bag, 'bag-info.txt')).toBe(
      'Source-Organization: 某市人民政府办公室\nExternal-Identifier: Z109-WS·2026-Y-BGS-0001\nExternal-Identifier: Z109-WS·2026-Y-BGS-0002\n' +
        `Bagging-Date: 2026-03-02\nPayload-Oxum: ${utf8('<eep>公文</eep>').length + 3}.2\n`,
    )
    // SHA-256 and SM3 of "abc": FIPS 180-2 and GB/T 32905 test vectors
    expect(text(bag, 'manifest-sha256.txt').split('\n')[1]).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad data/attachments/abc.txt')
    expect(text(bag, 'manifest-sm3.txt')).toMatch(/^[0-9a-f]{64} data\/Z109-WS·2026-Y-BGS-0001\.eep\.xml\n66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0 data\/attachments\/abc\.txt\n$/)
    const tagged = text(bag, 'tagmanifest-sha256.txt').trim().split('\n').map((l) => l.split(' ')[1])
    expect(tagged).toEqual(['bag-info.txt', 'bagit.txt', 'check/report.json', 'manifest-sha256.txt', 'manifest-sm3.txt'])
    expect(bag.get(`data/${EEP}`)).toEqual(PAYLOAD[0]!.bytes)
  })

  it('is deterministic', () => {
    expect([...sample()]).toEqual([...sample()])
  })

  it('refuses unsafe paths, line breaks in bag-info values and labels it computes itself', () => {
    expect(() => writeBag([{ path: '../x', bytes: utf8('') }], INFO)).toThrow('不安全')
    expect(() => writeBag([{ path: '/etc/x', bytes: utf8('') }], INFO)).toThrow('不安全')
    expect(() => writeBag([{ path: 'a', bytes: utf8('') }, { path: 'a/b', bytes: utf8('') }], INFO)).toThrow('既是文件又是文件夹')
    expect(() => writeBag([], INFO, [{ path: 'manifest-md5.txt', bytes: utf8('') }])).toThrow('标签文件路径不可用')
    expect(() => writeBag([], { ...INFO, fields: { Title: '第一行\n第二行' } })).toThrow('不能含换行')
    expect(() => writeBag([], { ...INFO, fields: { 'Payload-Oxum': '1.1' } })).toThrow('由系统生成')
    expect(() => writeBag([], { baggingDate: '2026-3-2' })).toThrow('YYYY-MM-DD')
  })

  it('keeps a long bag-info value on one line', () => {
    const long = '关于'.repeat(200)
    expect(text(writeBag([], { ...INFO, fields: { 'External-Description': long } }), 'bag-info.txt')).toContain(`External-Description: ${long}\n`)
  })
})

describe('readBag', () => {
  it('reads back what writeBag wrote', () => {
    const result = readBag(sample())
    expect(result.problems).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.payload).toEqual(new Map(PAYLOAD.map((f) => [f.path, f.bytes])))
    expect(result.info['External-Identifier']).toEqual(['Z109-WS·2026-Y-BGS-0001', 'Z109-WS·2026-Y-BGS-0002'])
    expect(result.info['Payload-Oxum']).toEqual([`${utf8('<eep>公文</eep>').length + 3}.2`])
  })

  it('detects an altered payload byte, in Chinese', () => {
    const bag = sample()
    bag.set('data/attachments/abc.txt', utf8('abd'))
    const { ok, problems } = readBag(bag)
    expect(ok).toBe(false)
    expect(problems.map((p) => p.message)).toEqual(['文件 data/attachments/abc.txt 的 SHA-256 校验值不符', '文件 data/attachments/abc.txt 的 SM3 校验值不符'])
    expect(problems.every((p) => p.code === 'checksum-mismatch' && p.path === 'data/attachments/abc.txt')).toBe(true)
  })

  it('detects a removed payload file and an unlisted one', () => {
    const removed = sample()
    removed.delete(`data/${EEP}`)
    expect(codes(removed)).toEqual(['missing-file', 'oxum-mismatch'])

    const added = sample()
    added.set('data/extra.txt', utf8('x'))
    const problems = readBag(added).problems
    expect(problems.map((p) => p.code).sort()).toEqual(['oxum-mismatch', 'unlisted-file'])
    expect(problems.find((p) => p.code === 'unlisted-file')?.message).toBe('文件 data/extra.txt 未列入 manifest-sha256.txt、manifest-sm3.txt')
  })

  it('detects an altered tag file through the tag manifests', () => {
    const bag = sample()
    bag.set('bag-info.txt', utf8(text(bag, 'bag-info.txt').replace('某市', '某县')))
    expect(codes(bag)).toEqual(['tag-checksum-mismatch'])
    bag.delete('check/report.json')
    expect(codes(bag)).toEqual(['missing-tag-file', 'tag-checksum-mismatch'])
  })

  it('detects a wrong Payload-Oxum', () => {
    const bag = withoutTagManifests(sample())
    bag.set('bag-info.txt', utf8(text(bag, 'bag-info.txt').replace(/Payload-Oxum: \d+\.2/, 'Payload-Oxum: 1.2')))
    expect(readBag(bag).problems).toEqual([{ code: 'oxum-mismatch', path: 'bag-info.txt', message: expect.stringContaining('Payload-Oxum 为 1.2') }])
    bag.set('bag-info.txt', utf8('Payload-Oxum: many\n'))
    expect(codes(bag)).toEqual(['bad-oxum'])
  })

  it('rejects paths that leave the bag, in files and in manifests', () => {
    const bag = sample()
    bag.set('../outside.txt', utf8('x'))
    bag.set('/etc/passwd', utf8('x'))
    bag.set('data/../../up.txt', utf8('x'))
    const problems = readBag(bag).problems
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['bad-path', '../outside.txt'],
      ['bad-path', '/etc/passwd'],
      ['bad-path', 'data/../../up.txt'],
    ])

    const listed = withoutTagManifests(sample())
    const sha = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    listed.set('manifest-sha256.txt', utf8(`${text(listed, 'manifest-sha256.txt')}${sha} data/../../etc/passwd\n${sha} /etc/passwd\n`))
    expect(readBag(listed).problems.map((p) => [p.code, p.path])).toEqual([
      ['bad-path', 'data/../../etc/passwd'],
      ['bad-path', '/etc/passwd'],
    ])
  })

  it('checks bagit.txt', () => {
    const bag = sample()
    bag.delete('bagit.txt')
    expect(codes(withoutTagManifests(bag))).toEqual(['missing-bagit-txt'])
    bag.set('bagit.txt', utf8('BagIt-Version: 0.97\r\nTag-File-Character-Encoding: UTF-8\r\n'))
    expect(codes(withoutTagManifests(bag))).toEqual([])
    bag.set('bagit.txt', utf8('BagIt-Version: 2.0\nTag-File-Character-Encoding: GB18030\n'))
    expect(codes(withoutTagManifests(bag))).toEqual(['unsupported-encoding', 'unsupported-version'])
    bag.set('bagit.txt', utf8('BagIt-Version: 1.0\n'))
    expect(codes(withoutTagManifests(bag))).toEqual(['bad-bagit-txt'])
  })

  it('needs one payload manifest of an algorithm it can compute; others are ignored', () => {
    const bag = withoutTagManifests(writeBag(PAYLOAD, INFO, [], { algorithms: ['sha512'] }))
    expect(readBag(bag).ok).toBe(true)
    bag.set('manifest-md5.txt', utf8('not even checked\n'))
    expect(readBag(bag).ok).toBe(true)
    bag.delete('manifest-sha512.txt')
    expect(codes(bag)).toEqual(['unsupported-algorithm'])
    bag.delete('manifest-md5.txt')
    expect(codes(bag)).toEqual(['missing-manifest'])
  })

  it('percent-encodes %, CR and LF in manifest paths and reads them back', () => {
    const name = '50%\n进度\r.txt'
    const bag = writeBag([{ path: name, bytes: utf8('x') }], INFO)
    expect(text(bag, 'manifest-sha256.txt')).toMatch(/^[0-9a-f]{64} data\/50%25%0A进度%0D\.txt\n$/)
    const result = readBag(bag)
    expect(result.problems).toEqual([])
    expect([...result.payload.keys()]).toEqual([name])
  })
})

describe('properties', () => {
  const segment = fc
    .string({ unit: fc.constantFrom('a', 'B', '0', '.', '-', ' ', '%', '\n', '\r', '·', '文', '档', 'é'), minLength: 1, maxLength: 6 })
    .filter((s) => s !== '.' && s !== '..')
  const files = fc
    .uniqueArray(fc.record({ path: fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')), bytes: fc.uint8Array({ maxLength: 48 }) }), { selector: (f) => f.path, maxLength: 6 })
    .map((list) => list.filter((f) => !list.some((g) => g.path.startsWith(`${f.path}/`)))) // no file where a folder must be

  it('round-trips any payload', () => {
    fc.assert(
      fc.property(files, (payload) => {
        const result = readBag(writeBag(payload, INFO, [REPORT]))
        expect(result.problems).toEqual([])
        expect(result.payload).toEqual(new Map(payload.map((f) => [f.path, f.bytes])))
      }),
    )
  })

  it('notices any byte of any file flipped', () => {
    fc.assert(
      fc.property(files, fc.nat(), fc.nat(), (payload, pickFile, pickByte) => {
        const bag = writeBag(payload, INFO, [REPORT])
        const candidates = [...bag].filter(([, b]) => b.length > 0)
        const [path, bytes] = candidates[pickFile % candidates.length]!
        bag.set(path, flipped(bytes, pickByte % bytes.length))
        expect(readBag(bag).ok).toBe(false)
      }),
    )
  })

  // Any change at all, to any file but a tag manifest: a tag manifest may legitimately change in
  // ways that mean the same (hex in upper case, a tab for the space, CR for LF), the others may not.
  it('notices any change to a byte of a file the manifests cover', () => {
    fc.assert(
      fc.property(files, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), (payload, pickFile, pickByte, mask) => {
        const bag = writeBag(payload, INFO, [REPORT])
        const covered = [...bag].filter(([p, b]) => b.length > 0 && !p.startsWith('tagmanifest-'))
        const [path, bytes] = covered[pickFile % covered.length]!
        bag.set(path, flipped(bytes, pickByte % bytes.length, mask))
        expect(readBag(bag).ok).toBe(false)
      }),
    )
  })
})

function withoutTagManifests(bag: Map<string, Uint8Array>): Map<string, Uint8Array> {
  return new Map([...bag].filter(([path]) => !path.startsWith('tagmanifest-')))
}
