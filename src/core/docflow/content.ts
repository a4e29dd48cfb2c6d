// Canonical content (ARCHITECTURE.md §3.3): what a sign-off approves, a seal protects and an
// archive files. It holds only what the pen-holders write (meta fields, body, attachment refs);
// what the flow assigns later (文号, 签发人, 成文日期) is a `Rendition` fact, so numbering a
// document never changes the hash its signer approved.
import * as Y from 'yjs'
import { canonicalJson, sm3Hex, utf8, type Json } from '../crypto'
import type { Clearance } from '../directory/model'
import { DOC_TYPES, URGENCIES, type DocType, type Urgency } from './docTypes'
import { CLEARANCE_LEVELS } from '../directory/model'

/** A ProseMirror node as JSON: the editor's own shape, normalised (see `bodyJson`). */
export interface PmNode {
  type: string
  attrs?: Record<string, string | number | boolean | null>
  content?: PmNode[]
  text?: string
  marks?: { type: string; attrs?: Record<string, string | number | boolean | null> }[]
}

export interface FileRef {
  name: string
  size: number
  /** SM3 of the bytes, hex */
  sm3: string
}

/** The editable 版式 fields of a 公文 (GB/T 9704 elements the drafter writes). */
export interface ContentMeta {
  docType: DocType
  title: string
  classification: Clearance
  /** 保密期限, e.g. "1年"; only with a 密级 */
  secrecyTerm: string
  urgency: Urgency
  /** 发文机关标志, e.g. "海州市人民政府文件" */
  issuerMark: string
  /** 主送机关 */
  mainTo: string
  /** 附件说明: one title per attachment, in order */
  attachmentNote: string[]
  /** 署名 (发文机关署名) */
  issuerName: string
  /** 附注 */
  note: string
  /** 抄送 */
  cc: string
  /** 印发机关 */
  printer: string
}

export interface DocContent {
  meta: ContentMeta
  body: PmNode
  files: FileRef[]
}

/** Facts the flow adds for rendering; never part of the hash. */
export interface Rendition {
  content: DocContent
  /** 发文字号, e.g. 办发〔2026〕1号 */
  docNumber?: string
  /** 签发人 names, shown for 上行文 */
  signers: string[]
  /** 成文日期 (the sign-off date), YYYY-MM-DD */
  issueDate?: string
  /** 印发日期, YYYY-MM-DD */
  printDate?: string
  /** 份号, 6 digits */
  copyNumber?: string
}

export const CONTENT_META_DEFAULTS: Omit<ContentMeta, 'docType' | 'title' | 'classification' | 'urgency'> = {
  secrecyTerm: '',
  issuerMark: '',
  mainTo: '',
  attachmentNote: [],
  issuerName: '',
  note: '',
  cc: '',
  printer: '',
}

/** The body fragment as normalised ProseMirror JSON: adjacent text with equal marks merged, NFC. */
export function bodyJson(body: Y.XmlFragment): PmNode {
  return { type: 'doc', content: body.toArray().flatMap(nodeJson) }
}

function nodeJson(node: Y.XmlElement | Y.XmlText | Y.XmlHook): PmNode[] {
  if (node instanceof Y.XmlText) return textJson(node)
  if (node instanceof Y.XmlElement) {
    const out: PmNode = { type: node.nodeName }
    const attrs = cleanAttrs(node.getAttributes() as Record<string, unknown>)
    if (attrs) out.attrs = attrs
    const content = node.toArray().flatMap(nodeJson)
    if (content.length) out.content = mergeText(content)
    return [out]
  }
  return []
}

function textJson(text: Y.XmlText): PmNode[] {
  const delta = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]
  const out: PmNode[] = []
  for (const d of delta) {
    if (typeof d.insert !== 'string' || d.insert === '') continue
    const node: PmNode = { type: 'text', text: d.insert.normalize('NFC') }
    const marks = Object.entries(d.attributes ?? {})
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([type, v]) => {
        const attrs = typeof v === 'object' ? cleanAttrs(v as Record<string, unknown>) : undefined
        return attrs ? { type, attrs } : { type }
      })
      .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
    if (marks.length) node.marks = marks
    out.push(node)
  }
  return out
}

function cleanAttrs(attrs: Record<string, unknown>): PmNode['attrs'] | undefined {
  const out: NonNullable<PmNode['attrs']> = {}
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = typeof v === 'string' ? v.normalize('NFC') : v
  }
  return Object.keys(out).length ? out : undefined
}

function mergeText(nodes: PmNode[]): PmNode[] {
  const out: PmNode[] = []
  for (const n of nodes) {
    const last = out[out.length - 1]
    if (last && last.type === 'text' && n.type === 'text' && JSON.stringify(last.marks) === JSON.stringify(n.marks)) {
      out[out.length - 1] = { ...last, text: (last.text ?? '') + (n.text ?? '') }
    } else out.push(n)
  }
  return out
}

/** Plain text of a block (paragraph, heading…): its text nodes joined. */
export function pmText(node: PmNode): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  return (node.content ?? []).map(pmText).join('')
}

/** The body as a list of text blocks in reading order (lists flattened), for layout and search. */
export function pmBlocks(doc: PmNode): { type: string; level?: number; text: string }[] {
  const out: { type: string; level?: number; text: string }[] = []
  const walk = (n: PmNode): void => {
    const children = n.content ?? []
    if (n.type !== 'doc' && children.every((c) => c.type === 'text' || c.type === 'hardBreak')) {
      const level = typeof n.attrs?.level === 'number' ? n.attrs.level : undefined
      out.push(level === undefined ? { type: n.type, text: pmText(n) } : { type: n.type, level, text: pmText(n) })
      return
    }
    children.forEach(walk)
  }
  walk(doc)
  return out
}

export function canonicalContent(content: DocContent): string {
  return canonicalJson(content as unknown as Json)
}

/** SM3 (hex) of the canonical content: the `contentHash` a sign-off and a seal carry. */
export function contentHash(content: DocContent): string {
  return sm3Hex(utf8(canonicalContent(content)))
}

/** A plain-text body as ProseMirror JSON: one paragraph per non-empty line. */
export function textToPm(text: string): PmNode {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter((l) => l !== '')
  return { type: 'doc', content: lines.map((l) => ({ type: 'paragraph', content: [{ type: 'text', text: l.normalize('NFC') }] })) }
}

/** The canonical content of a doc room as it stands (server and clients read it the same way). */
export function readContent(doc: Y.Doc): DocContent {
  const meta = doc.getMap('meta')
  const text = (k: string): string => {
    const v = meta.get(k)
    return typeof v === 'string' ? v : ''
  }
  const pick = <T extends string>(k: string, values: readonly T[], d: T): T => {
    const v = meta.get(k)
    return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : d
  }
  const note = meta.get('attachmentNote')
  const files = doc.getArray('files').toArray().filter((f): f is FileRef => {
    const r = f as Partial<FileRef> | null
    return !!r && typeof r.name === 'string' && typeof r.size === 'number' && typeof r.sm3 === 'string'
  })
  return {
    meta: {
      docType: pick('docType', DOC_TYPES, '通知'),
      title: text('title'),
      classification: pick('classification', CLEARANCE_LEVELS, '非密'),
      secrecyTerm: text('secrecyTerm'),
      urgency: pick('urgency', URGENCIES, '平件'),
      issuerMark: text('issuerMark'),
      mainTo: text('mainTo'),
      attachmentNote: Array.isArray(note) ? note.filter((n): n is string => typeof n === 'string') : [],
      issuerName: text('issuerName'),
      note: text('note'),
      cc: text('cc'),
      printer: text('printer'),
    },
    body: bodyJson(doc.getXmlFragment('body')),
    files: files.map((f) => ({ name: f.name, size: f.size, sm3: f.sm3 })),
  }
}

/** The editable meta keys of a doc room (what the content hash covers, besides body and files). */
export const CONTENT_META_KEYS = ['docType', 'title', 'classification', 'secrecyTerm', 'urgency', 'issuerMark', 'mainTo', 'attachmentNote', 'issuerName', 'note', 'cc', 'printer'] as const

/** Writes ProseMirror JSON into an (empty) body fragment, in the shape y-prosemirror uses. */
export function writePmBody(fragment: Y.XmlFragment, doc: PmNode): void {
  const marksOf = (n: PmNode): Record<string, unknown> | undefined => {
    const attrs = Object.fromEntries((n.marks ?? []).map((m) => [m.type, m.attrs ?? {}]))
    return Object.keys(attrs).length ? attrs : undefined
  }
  const children = (nodes: PmNode[]): (Y.XmlElement | Y.XmlText)[] => {
    const out: (Y.XmlElement | Y.XmlText)[] = []
    let run: { insert: string; attributes?: Record<string, unknown> }[] = []
    const flush = (): void => {
      if (!run.length) return
      // consecutive text nodes are one Y.XmlText with formatting, as y-prosemirror keeps them
      const text = new Y.XmlText()
      text.applyDelta(run)
      out.push(text)
      run = []
    }
    for (const n of nodes) {
      if (n.type === 'text') {
        const attributes = marksOf(n)
        run.push(attributes ? { insert: n.text ?? '', attributes } : { insert: n.text ?? '' })
        continue
      }
      flush()
      const el = new Y.XmlElement(n.type)
      for (const [k, v] of Object.entries(n.attrs ?? {})) if (v !== null) el.setAttribute(k, v as string)
      el.insert(0, children(n.content ?? []))
      out.push(el)
    }
    flush()
    return out
  }
  fragment.insert(fragment.length, children(doc.content ?? []))
}

/** The content as it left a step (ARCHITECTURE.md §3.4): consecutive versions give 修改痕迹. */
export interface DocVersion {
  /** seq of the flow event that closed the step */
  seq: number
  step: string
  /** who held the pen in that step (the event's actor) */
  actor: string
  at: string
  hash: string
  content: DocContent
}
