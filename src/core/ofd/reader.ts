// Reads an OFD package back (GB/T 33190-2016): OFD.xml → the document → its pages' text and paths,
// fonts, attachments, and the signatures list → each Signature.xml, Seal.esl and SignedValue.dat.
// For 验章 and for drawing the pages again; it trusts nothing it reads.
import { fromUtf8 } from '../crypto/bytes'
import { parseSignatureXml, parseSignaturesList, type ParsedSignatureXml } from './signature'
import { OFD_XML, relative } from './paths'
import { attr, list, node, numbers, parseXml, text, type XmlNode } from './xml'
import { unzipEntries } from './zip'

export interface OfdText {
  kind: 'text'
  /** the TextObject's boundary origin, mm */
  x: number
  y: number
  fontId: string
  /** mm */
  size: number
  color: string
  codes: { x: number; y: number; deltas: number[]; text: string }[]
}

export interface OfdPath {
  kind: 'path'
  boundary: [number, number, number, number]
  fill: boolean
  color: string
  data: string
}

export interface OfdPage {
  id: number
  path: string
  objects: (OfdText | OfdPath)[]
}

export interface OfdSignatureEntry {
  id: string
  /** Signature.xml's package path */
  path: string
  xml: Uint8Array
  parsed: ParsedSignatureXml
  seal?: Uint8Array
  signedValue?: Uint8Array
}

export interface OfdDocument {
  entries: [string, Uint8Array][]
  files: Map<string, Uint8Array>
  title: string
  docId: string
  creator: string
  /** DocInfo/CustomDatas */
  custom: Record<string, string>
  /** physical page size, mm */
  width: number
  height: number
  pages: OfdPage[]
  /** each font resource; `data` is the embedded font program (OpenType), when the package has it */
  fonts: { id: string; name: string; family: string; file?: string; data?: Uint8Array }[]
  attachments: { name: string; format: string; path: string }[]
  signatures: OfdSignatureEntry[]
}

export class OfdReadError extends Error {
  constructor(readonly part: string) {
    super(`OFD: cannot read ${part}`)
  }
}

/** A path inside the package, resolved against the folder of the file naming it. */
function resolve(base: string, loc: string): string {
  if (loc.startsWith('/')) return relative(loc)
  const dir = base.includes('/') ? base.slice(0, base.lastIndexOf('/') + 1) : ''
  const parts: string[] = []
  for (const p of (dir + loc).split('/')) {
    if (p === '..') parts.pop()
    else if (p && p !== '.') parts.push(p)
  }
  return parts.join('/')
}

export function readOfd(bytes: Uint8Array): OfdDocument {
  const entries = unzipEntries(bytes)
  if (!entries) throw new OfdReadError('zip')
  const files = new Map(entries)
  const xml = (path: string): XmlNode => {
    const b = files.get(path)
    if (!b) throw new OfdReadError(path)
    try {
      return parseXml(fromUtf8(b))
    } catch {
      throw new OfdReadError(path)
    }
  }
  const body = node(node(xml(OFD_XML).OFD).DocBody)
  const info = node(body.DocInfo)
  const docPath = resolve(OFD_XML, text(body.DocRoot))
  const doc = node(xml(docPath).Document)
  const common = node(doc.CommonData)
  const [, , width = 210, height = 297] = numbers(text(node(common.PageArea).PhysicalBox))
  const fonts: OfdDocument['fonts'] = []
  for (const resLoc of [text(common.PublicRes), text(common.DocumentRes)].filter(Boolean)) {
    const resPath = resolve(docPath, resLoc)
    const res = node(xml(resPath).Res)
    const baseLoc = attr(res, 'BaseLoc')
    for (const f of list(node(res.Fonts).Font)) {
      const file = text(f.FontFile)
      const path = file ? resolve(resPath, baseLoc ? `${baseLoc}/${file}` : file) : undefined
      const data = path ? files.get(path) : undefined
      fonts.push({ id: attr(f, 'ID'), name: attr(f, 'FontName'), family: attr(f, 'FamilyName'), ...(path ? { file: path } : {}), ...(data ? { data } : {}) })
    }
  }
  const pages = list(node(doc.Pages).Page).map((p) => {
    const path = resolve(docPath, attr(p, 'BaseLoc'))
    return { id: Number(attr(p, 'ID')), path, objects: pageObjects(list(xml(path).Page)[0] ?? {}) }
  })
  const attachments: OfdDocument['attachments'] = []
  const attachLoc = text(doc.Attachments)
  if (attachLoc) {
    const attachPath = resolve(docPath, attachLoc)
    for (const a of list(node(xml(attachPath).Attachments).Attachment)) attachments.push({ name: attr(a, 'Name'), format: attr(a, 'Format'), path: resolve(attachPath, text(a.FileLoc)) })
  }
  const signatures: OfdSignatureEntry[] = []
  const signsLoc = text(body.Signatures)
  if (signsLoc) {
    const listPath = resolve(OFD_XML, signsLoc)
    const listBytes = files.get(listPath)
    if (!listBytes) throw new OfdReadError(listPath)
    for (const s of parseSignaturesList(listBytes)) {
      const path = resolve(listPath, s.loc)
      const sig = files.get(path)
      if (!sig) throw new OfdReadError(path)
      let parsed: ParsedSignatureXml
      try {
        parsed = parseSignatureXml(sig)
      } catch {
        throw new OfdReadError(path)
      }
      const seal = parsed.sealLoc ? files.get(resolve(path, parsed.sealLoc)) : undefined
      const signedValue = files.get(resolve(path, parsed.signedValueLoc))
      signatures.push({ id: s.id, path, xml: sig, parsed, ...(seal ? { seal } : {}), ...(signedValue ? { signedValue } : {}) })
    }
  }
  const custom = Object.fromEntries(list(node(info.CustomDatas).CustomData).map((c) => [attr(c, 'Name'), text(c)]))
  return { entries, files, title: text(info.Title), docId: text(info.DocID), creator: text(info.Creator), custom, width, height, pages, fonts, attachments, signatures }
}

function pageObjects(page: XmlNode): (OfdText | OfdPath)[] {
  const out: (OfdText | OfdPath)[] = []
  for (const layer of list(node(page.Content).Layer)) {
    for (const t of list(layer.TextObject)) {
      const [x = 0, y = 0] = numbers(attr(t, 'Boundary'))
      out.push({
        kind: 'text', x, y, fontId: attr(t, 'Font'), size: Number(attr(t, 'Size')), color: attr(node(t.FillColor), 'Value') || '0 0 0',
        codes: list(t.TextCode).map((c) => ({ x: Number(attr(c, 'X')), y: Number(attr(c, 'Y')), deltas: numbers(attr(c, 'DeltaX')), text: text(c) })),
      })
    }
    for (const p of list(layer.PathObject)) {
      const b = numbers(attr(p, 'Boundary'))
      out.push({ kind: 'path', boundary: [b[0] ?? 0, b[1] ?? 0, b[2] ?? 0, b[3] ?? 0], fill: attr(p, 'Fill') === 'true', color: attr(node(p.FillColor), 'Value') || '0 0 0', data: text(p.AbbreviatedData) })
    }
  }
  return out
}
