// What a file really is (by its bytes, not its name), and the facts about a PDF that 四性检测
// needs: does it open (header, trailer, pages), how many pages, is it encrypted.
import { fromUtf8 } from '../crypto/bytes'

export type DetectedFormat = 'PDF' | 'OFD' | 'ZIP' | 'RAR' | '7Z' | 'GZIP' | 'EXE' | 'PNG' | 'JPEG' | 'TIFF' | 'JSON' | 'XML' | 'PEM' | 'DER' | 'TXT' | 'UNKNOWN'

/** Formats fit for long-term keeping (DA/T 47 and the agency's list): 正本 and 处理单 must be PDF or OFD. */
export const ACCEPTED_FORMATS: ReadonlySet<DetectedFormat> = new Set(['PDF', 'OFD', 'PNG', 'JPEG', 'TIFF', 'JSON', 'XML', 'PEM', 'DER', 'TXT'])
export const DOCUMENT_FORMATS: ReadonlySet<DetectedFormat> = new Set(['PDF', 'OFD'])

const starts = (b: Uint8Array, ...sig: number[]): boolean => sig.every((v, i) => b[i] === v)

function asText(b: Uint8Array): string | null {
  try {
    return fromUtf8(b)
  } catch {
    return null
  }
}

export function detectFormat(bytes: Uint8Array): DetectedFormat {
  if (starts(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'PDF'
  if (starts(bytes, 0x50, 0x4b, 0x03, 0x04)) return zipHolds(bytes, 'OFD.xml') ? 'OFD' : 'ZIP'
  if (starts(bytes, 0x52, 0x61, 0x72, 0x21)) return 'RAR'
  if (starts(bytes, 0x37, 0x7a, 0xbc, 0xaf)) return '7Z'
  if (starts(bytes, 0x1f, 0x8b)) return 'GZIP'
  if (starts(bytes, 0x4d, 0x5a) || starts(bytes, 0x7f, 0x45, 0x4c, 0x46)) return 'EXE'
  if (starts(bytes, 0x89, 0x50, 0x4e, 0x47)) return 'PNG'
  if (starts(bytes, 0xff, 0xd8, 0xff)) return 'JPEG'
  if (starts(bytes, 0x49, 0x49, 0x2a, 0x00) || starts(bytes, 0x4d, 0x4d, 0x00, 0x2a)) return 'TIFF'
  if (bytes[0] === 0x30 && bytes.length > 2) return 'DER'
  const text = asText(bytes)
  if (text === null) return 'UNKNOWN'
  const t = text.trimStart()
  if (t.startsWith('-----BEGIN ')) return 'PEM'
  if (t.startsWith('<?xml') || t.startsWith('<')) return 'XML'
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      JSON.parse(text)
      return 'JSON'
    } catch {
      return 'TXT'
    }
  }
  return 'TXT'
}

/** A zip's local file names include `name` (OFD packages hold OFD.xml at the top). */
function zipHolds(bytes: Uint8Array, name: string): boolean {
  const target = Array.from(name, (c) => c.charCodeAt(0))
  for (let i = 0; i + 30 < bytes.length && i < 1 << 20; i++) {
    if (!starts(bytes.subarray(i), 0x50, 0x4b, 0x03, 0x04)) continue
    const len = bytes[i + 26]! | (bytes[i + 27]! << 8)
    if (len === target.length && target.every((c, k) => bytes[i + 30 + k] === c)) return true
  }
  return false
}

function latin1(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192))
  return s
}

export interface PdfFacts {
  opens: boolean
  /** why it does not open */
  problem?: string
  pages: number
  encrypted: boolean
}

/** Header, trailer and page objects: enough to know a PDF of ours (or a normal one) opens. */
export function pdfFacts(bytes: Uint8Array): PdfFacts {
  if (detectFormat(bytes) !== 'PDF') return { opens: false, problem: '不是 PDF 文件', pages: 0, encrypted: false }
  const text = latin1(bytes)
  const encrypted = /\/Encrypt\s/.test(text)
  const tail = text.slice(-1024)
  if (!/%%EOF\s*$/.test(tail)) return { opens: false, problem: 'PDF 文件不完整（缺少文件尾）', pages: 0, encrypted }
  if (!/startxref\s+\d+/.test(tail)) return { opens: false, problem: 'PDF 文件缺少交叉引用表位置', pages: 0, encrypted }
  const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length
  if (pages === 0) return { opens: false, problem: 'PDF 文件没有页面', pages: 0, encrypted }
  return { opens: true, pages, encrypted }
}
