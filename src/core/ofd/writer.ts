// Writes a page model (src/core/layout, the same one the PDF draws) as an OFD (GB/T 33190-2016):
// OFD.xml → Doc_0/Document.xml → one Content.xml per page, text on the model's grid positions
// (TextCode with DeltaX per character), rules as filled paths, fonts named as the 公文 faces and
// embedded when the caller gives their bytes (or subsets of them, through `embed`). Deterministic:
// the same model gives the same bytes.
import { utf8 } from '../crypto/bytes'
import { sm3Hex } from '../crypto/sm3'
import { charUnits } from '../layout/lineBreak'
import { MM_PER_PT, type Box, type FontFace, type PageModel, type TextBox } from '../layout/page'
import { FACES, OFD_FONT_NAMES, drawnText, type EmbedFonts } from './fonts'
import { ATTACHMENTS_XML, DOCUMENT_XML, OFD_XML, PUBLIC_RES, SIGNATURES_XML, attachmentPath, pageContent } from './paths'
import { OFD_NS, XML_HEAD, box, esc, mm } from './xml'
import { zipCanonical } from './zip'

/** print red (Y80 M80 on white, as the PDF) and black, as RGB */
const COLOURS = { red: '230 0 18', black: '0 0 0' } as const

export interface OfdAttachment {
  /** file name under Doc_0/Attachs/ */
  file: string
  name: string
  format: string
  bytes: Uint8Array
}

export interface OfdInput {
  model: PageModel
  /** a stable identity (the document's room): the DocID is derived from it */
  id: string
  author?: string
  /** the document's own date, YYYY-MM-DD */
  date: string
  attachments?: OfdAttachment[]
  /** embedded font programs (OpenType) per face, when the caller has them */
  fonts?: Partial<Record<FontFace, Uint8Array>>
  /** or: what gives them, cut to the characters the model draws in each face */
  embed?: EmbedFonts
  /** name → value, kept in DocInfo/CustomDatas (e.g. 文号) */
  custom?: Record<string, string>
  /** declare Doc_0/Signs/Signatures.xml: the package will carry seals */
  signed?: boolean
}

export interface OfdPageInfo {
  /** the page object's ID (what a StampAnnot's PageRef names) */
  id: number
  path: string
}

export interface OfdFiles {
  /** every file of the package, in package order */
  files: [string, Uint8Array][]
  pages: OfdPageInfo[]
}

/** DocInfo/Creator of the OFDs this product writes */
export const OUR_CREATOR = '政通'

const fontId = (face: FontFace): number => FACES.indexOf(face) + 1

export function writeOfdFiles(input: OfdInput): OfdFiles {
  const files: [string, Uint8Array][] = []
  const put = (path: string, xml: string): void => {
    files.push([path, utf8(XML_HEAD + xml)])
  }
  let nextId = FACES.length
  const id = (): number => ++nextId
  const pages: OfdPageInfo[] = input.model.pages.map((_, i) => ({ id: id(), path: pageContent(i) }))
  const contents = input.model.pages.map((page) => pageXml(page.boxes, id))
  const attachments = input.attachments ?? []
  const custom = Object.entries(input.custom ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))

  put(OFD_XML, `<ofd:OFD xmlns:ofd="${OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>`
    + `<ofd:DocID>${sm3Hex(utf8(input.id)).slice(0, 32)}</ofd:DocID><ofd:Title>${esc(input.model.title)}</ofd:Title>`
    + `<ofd:Author>${esc(input.author ?? '')}</ofd:Author><ofd:CreationDate>${esc(input.date)}</ofd:CreationDate>`
    + `<ofd:Creator>${OUR_CREATOR}</ofd:Creator><ofd:CreatorVersion>1</ofd:CreatorVersion>`
    + (custom.length ? `<ofd:CustomDatas>${custom.map(([k, v]) => `<ofd:CustomData Name="${esc(k)}">${esc(v)}</ofd:CustomData>`).join('')}</ofd:CustomDatas>` : '')
    + '</ofd:DocInfo>'
    + `<ofd:DocRoot>${DOCUMENT_XML}</ofd:DocRoot>${input.signed ? `<ofd:Signatures>${SIGNATURES_XML}</ofd:Signatures>` : ''}</ofd:DocBody></ofd:OFD>`)
  put(DOCUMENT_XML, `<ofd:Document xmlns:ofd="${OFD_NS}"><ofd:CommonData><ofd:MaxUnitID>${nextId}</ofd:MaxUnitID>`
    + `<ofd:PageArea><ofd:PhysicalBox>${box(0, 0, input.model.width, input.model.height)}</ofd:PhysicalBox></ofd:PageArea>`
    + `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>`
    + pages.map((p, i) => `<ofd:Page ID="${p.id}" BaseLoc="Pages/Page_${i}/Content.xml"/>`).join('')
    + `</ofd:Pages>${attachments.length ? '<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>' : ''}</ofd:Document>`)
  const fonts = input.fonts ?? input.embed?.(drawnText(input.model)) ?? {}
  const embedded = FACES.filter((f) => fonts[f])
  put(PUBLIC_RES, `<ofd:Res xmlns:ofd="${OFD_NS}" BaseLoc="Res"><ofd:Fonts>`
    + FACES.map((f) => `<ofd:Font ID="${fontId(f)}" FontName="${OFD_FONT_NAMES[f]}" FamilyName="${OFD_FONT_NAMES[f]}">${embedded.includes(f) ? `<ofd:FontFile>font_${fontId(f)}.otf</ofd:FontFile>` : ''}</ofd:Font>`).join('')
    + '</ofd:Fonts></ofd:Res>')
  for (const f of embedded) files.push([`Doc_0/Res/font_${fontId(f)}.otf`, fonts[f]!])
  contents.forEach((xml, i) => put(pageContent(i), xml))
  if (attachments.length) {
    put(ATTACHMENTS_XML, `<ofd:Attachments xmlns:ofd="${OFD_NS}">`
      + attachments.map((a, i) => `<ofd:Attachment ID="${i + 1}" Name="${esc(a.name)}" Format="${esc(a.format)}" CreationDate="${esc(input.date)}" Size="${mm(a.bytes.length / 1024)}" Visible="false" Usage="none"><ofd:FileLoc>${esc(a.file)}</ofd:FileLoc></ofd:Attachment>`).join('')
      + '</ofd:Attachments>')
    for (const a of attachments) files.push([attachmentPath(a.file), a.bytes])
  }
  return { files, pages }
}

export function packOfd(files: [string, Uint8Array][]): Uint8Array {
  return zipCanonical(files)
}

function pageXml(boxes: Box[], id: () => number): string {
  const layer = id()
  const objects = boxes.map((b) => objectXml(b, id)).join('')
  return `<ofd:Page xmlns:ofd="${OFD_NS}"><ofd:Content><ofd:Layer ID="${layer}" Type="Body">${objects}</ofd:Layer></ofd:Content></ofd:Page>`
}

function objectXml(b: Box, id: () => number): string {
  if (b.kind === 'rule') {
    return `<ofd:PathObject ID="${id()}" Boundary="${box(b.x, b.y, b.width, b.thickness)}" Stroke="false" Fill="true">`
      + `<ofd:FillColor Value="${COLOURS[b.color]}"/><ofd:AbbreviatedData>M 0 0 L ${mm(b.width)} 0 L ${mm(b.width)} ${mm(b.thickness)} L 0 ${mm(b.thickness)} C</ofd:AbbreviatedData></ofd:PathObject>`
  }
  // pictures in a 公文 are its seals, which an OFD draws from the signature (StampAnnot)
  if (b.kind === 'image') return ''
  return textXml(b, id)
}

/** One TextObject per box; one TextCode per run of visible characters, each on its grid position. */
function textXml(b: TextBox, id: () => number): string {
  const size = b.size * MM_PER_PT
  // deltas between positions rounded as written, so a reader's sums land on the model's positions
  const at = (n: number): number => Math.round(n * 1000) / 1000
  const runs: { x: number; last: number; text: string; deltas: number[] }[] = []
  let x = 0
  let run: (typeof runs)[number] | null = null
  for (const ch of b.text) {
    const step = charUnits(ch) * b.advance
    if (!ch.trim()) {
      run = null
    } else if (run) {
      run.deltas.push(at(b.x + x) - run.last)
      run.last = at(b.x + x)
      run.text += ch
    } else {
      run = { x: at(b.x + x), last: at(b.x + x), text: ch, deltas: [] }
      runs.push(run)
    }
    x += step
  }
  if (!runs.length) return ''
  const left = at(b.x)
  const top = at(b.baseline - size)
  const codes = runs.map((r) => `<ofd:TextCode X="${mm(r.x - left)}" Y="${mm(at(b.baseline) - top)}"${r.deltas.length ? ` DeltaX="${r.deltas.map(mm).join(' ')}"` : ''}>${esc(r.text)}</ofd:TextCode>`).join('')
  return `<ofd:TextObject ID="${id()}" Boundary="${box(left, top, Math.max(x, size), size * 1.25)}" Font="${fontId(b.face)}" Size="${mm(size)}">`
    + `<ofd:FillColor Value="${COLOURS[b.color]}"/>${codes}</ofd:TextObject>`
}
