// The seal registry (room `seals`, written by the server): every seal the 印章管理员 made, its
// holders and state, and the SES_Seal itself so documents verify offline. Changes are signed
// commands by a 印章管理员; changing holders makes a new seal version (a new esID).
import type * as Y from 'yjs'
import { SEAL_TYPES, type SealTypeName } from './ses'
import { fromUtf8 } from '../crypto/bytes'
import { fromBase64 } from '../pki/der'
import { isDrawingOnlySvg } from './svgAllowList'

export type SealStatus = 'active' | 'suspended' | 'revoked' | 'superseded'

export interface SealRecord {
  esID: string
  name: string
  typeName: SealTypeName
  holders: string[]
  validStart: string
  validEnd: string
  status: SealStatus
  /** base64 DER of the SES_Seal */
  der: string
  createdAt: string
  createdBy: string
  /** the earlier version this one replaces (holders changed) */
  replaces?: string
  replacedBy?: string
  statusAt?: string
  reason?: string
}

export const SEAL_COMMAND_TYPES = ['seal.create', 'seal.holders', 'seal.suspend', 'seal.resume', 'seal.revoke'] as const
export type SealCommandType = (typeof SEAL_COMMAND_TYPES)[number]

export const SEAL_STATUS_NAMES: Record<SealStatus, string> = { active: '有效', suspended: '已暂停', revoked: '已吊销', superseded: '已被新版本取代' }

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** An uploaded seal picture, as a command carries it. */
export interface UploadedPicture {
  type: 'png' | 'svg'
  /** base64 */
  data: string
  widthMm: number
  heightMm: number
}

const MAX_PICTURE_BASE64 = 48 * 1024

/** Why an uploaded picture is unacceptable (not PNG/SVG, too large, odd size, active SVG), or null. */
export function pictureProblem(v: unknown): string | null {
  const p = v as Partial<UploadedPicture> | null
  if (!p || typeof p !== 'object' || (p.type !== 'png' && p.type !== 'svg') || typeof p.data !== 'string') return 'bad_picture'
  if (p.data.length > MAX_PICTURE_BASE64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(p.data) || p.data.length % 4 !== 0) return 'bad_picture'
  for (const d of [p.widthMm, p.heightMm]) if (typeof d !== 'number' || !Number.isInteger(d) || d < 10 || d > 60) return 'bad_picture'
  if (p.type === 'png' && !p.data.startsWith('iVBORw0KGgo')) return 'bad_picture'
  if (p.type === 'svg') {
    // a seal picture draws; it never runs or fetches anything (an allow-list, not a deny-list)
    if (!isDrawingOnlySvg(base64Text(p.data))) return 'bad_picture'
  }
  return null
}

function base64Text(b64: string): string {
  return fromUtf8(fromBase64(b64))
}

/** Why a seal command's payload is malformed, or null. (Who may send it is the server's check.) */
export function sealPayloadProblem(type: string, p: Record<string, unknown>): string | null {
  const holders = p.holders
  const okHolders = Array.isArray(holders) && holders.length >= 1 && holders.length <= 20 && holders.every((h) => typeof h === 'string' && h !== '')
  switch (type) {
    case 'seal.create': {
      if (typeof p.name !== 'string' || !p.name.trim() || p.name.length > 40) return 'bad_command'
      if (typeof p.typeName !== 'string' || !(p.typeName in SEAL_TYPES)) return 'bad_command'
      if (!okHolders) return 'bad_command'
      if (typeof p.validEnd !== 'string' || !DAY.test(p.validEnd)) return 'bad_command'
      if (p.validStart !== undefined && (typeof p.validStart !== 'string' || !DAY.test(p.validStart))) return 'bad_command'
      if (p.picture !== undefined) return pictureProblem(p.picture)
      return null
    }
    case 'seal.holders':
      return typeof p.esID === 'string' && okHolders ? null : 'bad_command'
    case 'seal.suspend':
    case 'seal.resume':
    case 'seal.revoke':
      return typeof p.esID === 'string' ? null : 'bad_command'
    default:
      return 'unknown_command'
  }
}

export function sealRecords(doc: Y.Doc): SealRecord[] {
  return [...doc.getMap<SealRecord>('seals').values()]
}
