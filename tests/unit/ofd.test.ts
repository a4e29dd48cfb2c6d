// The seal covers what a reader sees (issue 15): a 公文's SES_Signature signs an OFD Signature.xml
// listing the SM3 of the 原文, the PDF and every file of the OFD. The OFD (GB/T 33190) is written
// from the same page model as the PDF and read back by our reader; a changed byte or a 红头
// reprinted in black, in the PDF or the OFD, fails at the data step, and only roots this machine
// trusts count.
import fc from 'fast-check'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { deflateSync, inflateSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { bytesEqual, fromUtf8, utf8 } from '../../src/core/crypto/bytes'
import { sm3 } from '../../src/core/crypto/sm3'
import { generateSm2KeyPair, type Sm2KeyPair } from '../../src/core/crypto/sm2'
import { canonicalContent, contentHash } from '../../src/core/docflow/content'
import { charUnits, layoutDocument, sealPictureOf, type TextBox } from '../../src/core/layout'
import {
  OFD_FONT_NAMES, ofdPageModel, packOfd, readOfd, sealOfd, verifyOfd, writeOfdFiles, zipCanonical,
} from '../../src/core/ofd'
import { issueCertificate, parseCertificate, type KeyUsage } from '../../src/core/pki/certificate'
import { buildSealRendition, sealDataCoversContent } from '../../src/core/seal/sealData'
import { buildSealedPackage, verifySealedPackage } from '../../src/core/seal/sealedPackage'
import { drawRoundSeal } from '../../src/core/seal/sealImage'
import { makeSeal, makeSignature, parseSignature } from '../../src/core/seal/ses'
import type { EmbedFonts } from '../../src/core/ofd/fonts'
import { nodeFontEmbedder } from '../../src/pdf/nodeEmbedFonts'
import { writePdf } from '../../src/pdf/writePdf'
import { haizhouNotice } from '../support/fixtureDocs'

function authority(name: string): { keys: Sm2KeyPair; root: ReturnType<typeof parseCertificate>; issue(cn: string, keys: Sm2KeyPair, usage: KeyUsage[]): Uint8Array } {
  const keys = generateSm2KeyPair()
  const dn = { countryName: 'CN', organizationName: name, commonName: `${name} CA` }
  const validity = { notBefore: new Date('2022-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') }
  let serial = 0x100
  const root = parseCertificate(issueCertificate({ serial: '01', issuer: dn, subject: dn, subjectPublicKey: keys.publicKey, ...validity, keyUsage: ['keyCertSign', 'cRLSign'], isCA: true, issuerPublicKey: keys.publicKey }, keys.privateKey))
  return {
    keys, root,
    issue: (cn, subjectKeys, usage) => issueCertificate({ serial: (serial++).toString(16), issuer: dn, subject: { organizationName: name, commonName: cn }, subjectPublicKey: subjectKeys.publicKey, ...validity, keyUsage: usage, isCA: false, issuerPublicKey: keys.publicKey }, keys.privateKey),
  }
}

const ca = authority('海州区人民政府')
const stranger = authority('别的单位')
const makerKeys = generateSm2KeyPair()
const holderKeys = generateSm2KeyPair()
const makerCert = ca.issue('制章系统', makerKeys, ['digitalSignature'])
const holderCert = ca.issue('赵六', holderKeys, ['digitalSignature', 'nonRepudiation'])
const svg = drawRoundSeal({ name: '海州区人民政府' })
const sealDer = makeSeal({
  vid: 'ZT', esID: 'ZT-2026-0001', type: 1, name: '海州区人民政府', certListType: 1, certs: [holderCert],
  createDate: new Date('2022-01-05T00:00:00Z'), validStart: new Date('2022-01-05T00:00:00Z'), validEnd: new Date('2029-01-05T00:00:00Z'),
  picture: { type: 'svg', data: utf8(svg), widthMm: 42, heightMm: 42 },
}, { certDer: makerCert, ...makerKeys })
const picture = sealPictureOf({ type: 'svg', data: utf8(svg), widthMm: 42, heightMm: 42 })

const rendition = { ...haizhouNotice(), docNumber: '海政发〔2022〕114号', issueDate: '2022-08-26', printDate: '2022-08-26' }
const layout = layoutDocument(rendition)
const canonical = canonicalContent(rendition.content)
const at = new Date('2022-08-26T02:00:00Z')
const trust = { roots: [ca.root], revokedAt: () => undefined }
const rendition0Input = (pdf: Uint8Array): Parameters<typeof buildSealRendition>[0] => ({
  layout, pdf, canonicalContent: canonical, seals: [picture], id: 'doc:haizhou-114', date: '2022-08-26', author: '海州区人民政府', custom: { 文号: '海政发〔2022〕114号' }, at, embed,
})
const rendition0 = (pdf: Uint8Array): ReturnType<typeof buildSealRendition> => buildSealRendition(rendition0Input(pdf))

// the fonts embedded as the server embeds them at 用印
let embed: EmbedFonts
let pdf: Uint8Array
let made: ReturnType<typeof buildSealRendition>
let ses: Uint8Array
let ofd: Uint8Array

beforeAll(async () => {
  embed = await nodeFontEmbedder()
  pdf = await writePdf(layoutDocument(rendition, { seals: [picture] }), { date: new Date('2022-08-26T00:00:00+08:00'), author: '海州区人民政府' })
  made = rendition0(pdf)
  ses = makeSignature({ sealDer, timeInfo: at, dataHash: sm3(made.sealData), propertyInfo: 'doc:haizhou-114;seq=9' }, { certDer: holderCert, ...holderKeys })
  ofd = sealOfd(made.ofd, [{ sealData: made.sealData, ses }])
}, 60_000)

/** The OFD with one file changed, packed as an export packs (so only the change is what fails). */
function changed(zip: Uint8Array, path: string, change: (b: Uint8Array) => Uint8Array): Uint8Array {
  const entries = Object.entries(unzipSync(zip)).map(([n, b]): [string, Uint8Array] => [n, n === path ? change(b.slice()) : b])
  return zipCanonical(entries)
}
const dataStep = (r: { signatures: { steps: { id: string; ok: boolean | null; reason: string }[] }[] }) => r.signatures[0]!.steps.find((s) => s.id === 'dataHash')!
const otherStepsPass = (r: { signatures: { steps: { id: string; ok: boolean | null }[] }[] }) => r.signatures[0]!.steps.filter((s) => s.id !== 'dataHash' && s.id !== 'timestamp').every((s) => s.ok === true)

/** A PDF with every red fill (the 红头, the rules) reprinted in black, inside its compressed streams. */
function recolouredPdf(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1')
  let out = ''
  let last = 0
  let recoloured = 0
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length
    const end = text.indexOf('endstream', start)
    let inflated: Buffer
    try {
      inflated = inflateSync(Buffer.from(text.slice(start, end), 'latin1'))
    } catch {
      continue
    }
    const page = inflated.toString('latin1')
    if (!/0\.90196\d* 0 0\.0705\d* (rg|scn)/.test(page)) continue
    recoloured++
    const black = deflateSync(Buffer.from(page.replace(/0\.90196\d* 0 0\.0705\d* (rg|scn)/g, '0 0 0 $1'), 'latin1')).toString('latin1')
    out += text.slice(last, start) + black + '\n'
    last = end
  }
  expect(recoloured).toBeGreaterThan(0)
  return new Uint8Array(Buffer.from(out + text.slice(last), 'latin1'))
}

describe('OFD (GB/T 33190) from the page model', () => {
  it('holds the package structure an OFD reader expects, and our reader reads it back', () => {
    const names = Object.keys(unzipSync(ofd))
    expect(names.slice(0, 3)).toEqual(['OFD.xml', 'Doc_0/Document.xml', 'Doc_0/PublicRes.xml'])
    expect(names).toEqual(expect.arrayContaining([
      'Doc_0/Pages/Page_0/Content.xml', `Doc_0/Pages/Page_${layout.pages.length - 1}/Content.xml`, 'Doc_0/Attachs/Attachments.xml',
      'Doc_0/Attachs/content.json', 'Doc_0/Attachs/document.pdf', 'Doc_0/Signs/Signatures.xml',
      'Doc_0/Signs/Sign_0/Signature.xml', 'Doc_0/Signs/Sign_0/Seal.esl', 'Doc_0/Signs/Sign_0/SignedValue.dat',
    ]))
    const files = unzipSync(ofd)
    const ofdXml = strFromU8(files['OFD.xml']!)
    expect(ofdXml).toContain('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD">')
    expect(ofdXml).toContain('<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>')
    expect(ofdXml).toContain('<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>')
    expect(strFromU8(files['Doc_0/Document.xml']!)).toContain('<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>')

    const doc = readOfd(ofd)
    expect(doc).toMatchObject({ title: rendition.content.meta.title, width: 210, height: 297, custom: { 文号: '海政发〔2022〕114号' } })
    expect(doc.pages).toHaveLength(layout.pages.length)
    expect(doc.fonts.map((f) => f.family)).toEqual(Object.values(OFD_FONT_NAMES))
    expect(doc.attachments.map((a) => a.path)).toEqual(['Doc_0/Attachs/content.json', 'Doc_0/Attachs/document.pdf'])
    expect(bytesEqual(doc.files.get('Doc_0/Attachs/document.pdf')!, pdf)).toBe(true)
    expect(fromUtf8(doc.files.get('Doc_0/Attachs/content.json')!)).toBe(canonical)

    // the signature: listed, its SES_Signature signs SM3(Signature.xml), its seal is Seal.esl
    expect(doc.signatures).toHaveLength(1)
    const sign = doc.signatures[0]!
    expect(sign.path).toBe('Doc_0/Signs/Sign_0/Signature.xml')
    const parsed = parseSignature(sign.signedValue!)
    expect(bytesEqual(parsed.dataHash, sm3(sign.xml))).toBe(true)
    expect(bytesEqual(sign.seal!, parsed.seal.der)).toBe(true)
    expect(sign.parsed).toMatchObject({ checkMethod: '1.2.156.10197.1.401', signatureMethod: '1.2.156.10197.1.501', dateTime: '20220826020000Z' })
    // every file but the signatures is referenced, with its SM3
    const refs = new Map(sign.parsed.references.map((r) => [r.path, r.checkValue]))
    for (const [name, bytes] of doc.entries) {
      if (name.startsWith('Doc_0/Signs/')) expect(refs.has(`/${name}`)).toBe(false)
      else expect(bytesEqual(refs.get(`/${name}`)!, sm3(bytes))).toBe(true)
    }
    // the seal image sits over the 署名, where the PDF draws it
    const anchor = layout.seal!
    expect(sign.parsed.stamps).toEqual([{ pageRef: doc.pages[anchor.page]!.id, boundary: [anchor.cx - 21, anchor.cy - 21, 42, 42].map((n) => Math.round(n * 1000) / 1000) }])
    expect(sealDataCoversContent(made.sealData, contentHash(rendition.content))).toBe(true)
  })

  it('puts every character of the page model where the PDF puts it, in the same face, size and colour', () => {
    const back = ofdPageModel(readOfd(ofd))
    layout.pages.forEach((page, i) => {
      const glyphs = (boxes: TextBox[]) => boxes.flatMap((b) => {
        let x = b.x
        return [...b.text].flatMap((ch) => {
          const g = ch.trim() ? [{ key: `${ch} ${b.baseline.toFixed(3)} ${b.face} ${b.size.toFixed(2)} ${b.color}`, x }] : []
          x += charUnits(ch) * b.advance
          return g
        })
      }).sort((p, q) => (p.key === q.key ? p.x - q.x : p.key < q.key ? -1 : 1))
      const texts = (boxes: typeof page.boxes) => boxes.filter((b): b is TextBox => b.kind === 'text')
      const want = glyphs(texts(page.boxes))
      const got = glyphs(texts(back.pages[i]!.boxes))
      expect(got.map((g) => g.key)).toEqual(want.map((g) => g.key))
      got.forEach((g, j) => expect(Math.abs(g.x - want[j]!.x)).toBeLessThan(0.002))
      const rules = (boxes: typeof page.boxes) => boxes.filter((b) => b.kind === 'rule').map((b) => JSON.stringify(b, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v))).sort()
      expect(rules(back.pages[i]!.boxes)).toEqual(rules(page.boxes))
    })
    // the 红头 is red in the OFD as in the model
    const head = texts0(back.pages[0]!.boxes).find((b) => b.face === 'xiaobiaosong' && b.color === 'red')
    expect(head).toBeDefined()
  })

  it('draws a 骑缝章 read back from the OFD where the PDF draws it: one strip a page, each its own slice', async () => {
    const perforated = buildSealRendition({ ...rendition0Input(pdf), perforation: picture })
    const signed = makeSignature({ sealDer, timeInfo: at, dataHash: sm3(perforated.sealData), propertyInfo: 'doc:haizhou-114;seq=9' }, { certDer: holderCert, ...holderKeys })
    const back = ofdPageModel(readOfd(sealOfd(perforated.ofd, [{ sealData: perforated.sealData, ses: signed }])))
    const want = layoutDocument(rendition, { seals: [picture], perforation: picture })
    expect(want.pages.length).toBeGreaterThan(1)
    const viewBox = (svg?: string) => (/viewBox="([^"]+)"/.exec(svg ?? '')?.[1] ?? '').split(' ').map(Number)
    want.pages.forEach((page, i) => {
      const images = (boxes: typeof page.boxes) => boxes.flatMap((b) => (b.kind === 'image' ? [b] : [])).sort((p, q) => p.width - q.width)
      const got = images(back.pages[i]!.boxes)
      const expected = images(page.boxes)
      expect(got.length).toBe(expected.length)
      got.forEach((g, j) => {
        const e = expected[j]!
        for (const k of ['cx', 'cy', 'width', 'height'] as const) expect(g[k]).toBeCloseTo(e[k], 2)
        viewBox(g.svg).forEach((n, m) => expect(n).toBeCloseTo(viewBox(e.svg)[m]!, 2))
      })
    })
    // a strip of the seal, not the whole seal, at the right edge of each page
    const strips = back.pages.map((p) => p.boxes.find((b) => b.kind === 'image' && b.width < 42))
    expect(strips.every((b) => b?.kind === 'image' && Math.abs(b.cx + b.width / 2 - want.width) < 0.01)).toBe(true)
  })

  it('writes the same bytes every time', () => {
    const again = rendition0(pdf)
    expect(bytesEqual(again.ofd, made.ofd)).toBe(true)
    expect(bytesEqual(again.sealData, made.sealData)).toBe(true)
    expect(bytesEqual(sealOfd(again.ofd, [{ sealData: again.sealData, ses }]), ofd)).toBe(true)
    const plain = () => packOfd(writeOfdFiles({ model: layout, id: 'doc:x', date: '2022-08-26' }).files)
    expect(bytesEqual(plain(), plain())).toBe(true)
  })
})

const texts0 = (boxes: { kind: string }[]): TextBox[] => boxes.filter((b): b is TextBox => b.kind === 'text')

describe('验章 of an OFD', () => {
  it('passes every step with this machine’s root', () => {
    const report = verifyOfd(ofd, trust)
    expect(report.problems).toEqual([])
    expect(report.ok).toBe(true)
    expect(report).toMatchObject({ title: rendition.content.meta.title, docNumber: '海政发〔2022〕114号', rootTrusted: true })
    expect(dataStep(report)).toMatchObject({ ok: true })
  })

  it('fails at the data step for a changed page, a 红头 reprinted in black, a changed PDF or 原文, or an added file', () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['byte flip in page 1', changed(ofd, 'Doc_0/Pages/Page_0/Content.xml', (b) => { b[b.length - 40]! ^= 0x01; return b }), /Page_0\/Content\.xml/],
      ['红头 in black', changed(ofd, 'Doc_0/Pages/Page_0/Content.xml', (b) => strToU8(strFromU8(b).replaceAll('230 0 18', '0 0 0'))), /OFD 版式文件已被改动/],
      ['embedded font', changed(ofd, 'Doc_0/Res/font_2.otf', (b) => { b[b.length - 10]! ^= 0x01; return b }), /OFD 版式文件已被改动/],
      ['PDF byte', changed(ofd, 'Doc_0/Attachs/document.pdf', (b) => { b[b.length - 100]! ^= 0x20; return b }), /版式文件（PDF）已被改动/],
      ['原文', changed(ofd, 'Doc_0/Attachs/content.json', (b) => strToU8(strFromU8(b).replace('数字政府', '数字政苻'))), /原文已被改动/],
      ['Signature.xml', changed(ofd, 'Doc_0/Signs/Sign_0/Signature.xml', (b) => strToU8(strFromU8(b).replace('Boundary="', 'Boundary="1'))), /签章数据/],
    ]
    for (const [what, bytes, reason] of cases) {
      const report = verifyOfd(bytes, trust)
      expect(report.ok, what).toBe(false)
      expect(dataStep(report), what).toMatchObject({ ok: false, reason: expect.stringMatching(reason) })
      expect(otherStepsPass(report), what).toBe(true)
    }
    const added = zipCanonical([...Object.entries(unzipSync(ofd)), ['Doc_0/Pages/Page_99/Content.xml', utf8('<x/>')]])
    expect(dataStep(verifyOfd(added, trust))).toMatchObject({ ok: false, reason: expect.stringContaining('不在签章范围内') })
  }, 30_000)

  it('trusts no root shipped with the file: with none, or another unit’s, it says the root is unknown', () => {
    const none = verifyOfd(ofd, { roots: [], revokedAt: () => undefined })
    expect(none.ok).toBe(false)
    expect(none.problems.join()).toContain('本机没有可信的根证书')
    const other = verifyOfd(ofd, { roots: [stranger.root], revokedAt: () => undefined })
    expect(other.ok).toBe(false)
    expect(other.rootTrusted).toBe(false)
    expect(other.problems.join()).toContain('不是本机信任的根证书签发的')
    expect(other.signatures[0]!.failed?.id).toBe('certificates')
  })

  it('never passes and never throws on random byte flips', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(ofd.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }), (flips) => {
        const bad = ofd.slice()
        for (const [i, x] of flips) bad[i]! ^= x
        expect(verifyOfd(bad, trust).ok).toBe(false)
      }),
      { numRuns: 40 },
    )
  }, 30_000)
})

describe('zt-sealed/2: the seal covers the PDF', () => {
  const pkg = (): Uint8Array => buildSealedPackage({
    canonicalContent: canonical, pdf, signatures: [ses], sealData: [made.sealData], rootDer: ca.root.der, revocations: {},
    meta: { room: 'doc:haizhou-114', title: rendition.content.meta.title, docNumber: '海政发〔2022〕114号', exportedAt: '2022-08-27T00:00:00Z' },
  })

  it('verifies against this machine’s root, and the same file is the same bytes', () => {
    const report = verifySealedPackage(pkg(), [ca.root])
    expect(report.problems).toEqual([])
    expect(report.ok).toBe(true)
    expect(bytesEqual(pkg(), pkg())).toBe(true)
  })

  it('fails at the data step for one changed PDF byte and for the 红头 reprinted in black', () => {
    for (const [what, change] of [
      ['byte', (b: Uint8Array) => { b[Math.floor(b.length / 2)]! ^= 0x01; return b }],
      ['recolour', recolouredPdf],
    ] as const) {
      const report = verifySealedPackage(changed(pkg(), 'document.pdf', change), [ca.root])
      expect(report.ok, what).toBe(false)
      expect(dataStep(report), what).toMatchObject({ ok: false, reason: expect.stringContaining('版式文件（PDF）已被改动') })
      expect(otherStepsPass(report), what).toBe(true)
    }
  })

  it('says the root is unknown when this machine does not trust it, and reports an old package as old', () => {
    const report = verifySealedPackage(pkg(), [stranger.root])
    expect(report.ok).toBe(false)
    expect(report.rootTrusted).toBe(false)
    expect(report.problems.join()).toContain('文件所附根证书指纹')
    expect(verifySealedPackage(pkg(), []).problems.join()).toContain('本机没有可信的根证书')

    const files = unzipSync(pkg())
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Record<string, unknown>
    files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, format: 'zt-sealed/1' }))
    const old = verifySealedPackage(zipSync(files), [ca.root])
    expect(old.ok).toBe(false)
    expect(old.problems[0]).toContain('旧格式的签章文件（zt-sealed/1）')
  })

  it('never passes and never throws on random byte flips', () => {
    const good = pkg()
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }), (flips) => {
        const bad = good.slice()
        for (const [i, x] of flips) bad[i]! ^= x
        expect(verifySealedPackage(bad, [ca.root]).ok).toBe(false)
      }),
      { numRuns: 40 },
    )
  }, 30_000)
})
