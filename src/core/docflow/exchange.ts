// 公文交换: the 正本 as a recipient holds it, and the receipts its sender reads. 分发 copies the
// frozen, numbered, sealed original into a new 收文 room per receiving unit (its 收发员 holds it)
// or person; the copy carries the sender's facts (文号, 成文日期, 签发人, 印发日期) and seals, so
// it renders as the sender's 版式 and verifies offline. Both roots are server-written.
import type * as Y from 'yjs'

/** The server-written root of a copy: the 正本's facts (`original`, one Y.Map of these keys). */
export interface OriginalFacts {
  /** the 发文 room it was distributed from */
  sourceRoom: string
  /** the sending unit (来文单位) */
  senderUnit: string
  /** 来文机关: the 正本's 署名, else the sending unit */
  sourceOrg: string
  docNumber: string
  /** 成文日期, YYYY-MM-DD */
  issueDate?: string
  /** 印发日期, YYYY-MM-DD */
  printDate?: string
  signers: string[]
  /** SM3 of the canonical content the seals cover */
  contentHash: string
  distributedAt: string
  /** how this copy was addressed: 主送, 抄送 (units) or to a person */
  role: ExchangeRole
  /** the receiving unit, for a copy sent to a unit */
  unitId?: string
  unitName?: string
  /** a copy sent to a unit: every 收发员 it went to (any one signs for the unit) */
  receivers?: string[]
}

export type ExchangeRole = 'main' | 'cc' | 'person'

export const EXCHANGE_ROLE_NAMES: Record<ExchangeRole, string> = { main: '主送', cc: '抄送', person: '分送个人' }

export type ReceiptStatus = 'delivered' | 'received' | 'returned'

export const RECEIPT_STATUS_NAMES: Record<ReceiptStatus, string> = { delivered: '已送达', received: '已签收', returned: '已退文' }

/** One line of the sender's receipt table (root `receipts` of the 发文 room: recipient room → Receipt). */
export interface Receipt {
  /** the recipient's 收文 room */
  room: string
  role: ExchangeRole
  /** the receiving unit (for units) */
  unitId?: string
  /** the unit's or person's name */
  name: string
  /** who holds the copy: the unit's (first) 收发员, or the person; once answered, who answered */
  holder: string
  /** the holders' names (every 收发员 of the unit until one answers, then theirs) */
  holderName: string
  /** a copy sent to a unit: every 收发员 it went to */
  holders?: string[]
  status: ReceiptStatus
  deliveredAt: string
  receivedAt?: string
  returnedAt?: string
  /** who signed for it or returned it */
  by?: string
  reason?: string
}

export function readOriginal(doc: Y.Doc): OriginalFacts | null {
  const map = doc.getMap('original')
  const room = map.get('sourceRoom')
  if (typeof room !== 'string') return null
  return map.toJSON() as OriginalFacts
}

export function writeOriginal(doc: Y.Doc, facts: OriginalFacts): void {
  const map = doc.getMap('original')
  for (const [k, v] of Object.entries(facts)) if (v !== undefined) map.set(k, v)
}

/** The receipts, in the order the copies were sent (主送 before 抄送 before persons). */
export function readReceipts(doc: Y.Doc): Receipt[] {
  const order: Record<ExchangeRole, number> = { main: 0, cc: 1, person: 2 }
  return [...doc.getMap<Receipt>('receipts').values()].sort((a, b) => order[a.role] - order[b.role] || (a.deliveredAt < b.deliveredAt ? -1 : a.deliveredAt > b.deliveredAt ? 1 : 0) || (a.name < b.name ? -1 : 1))
}

/** The units a 分发 names: 主送 and 抄送, each unit once (主送 wins). */
export function addressedUnits(units: { main?: readonly string[]; cc?: readonly string[] } | undefined): { unitId: string; role: 'main' | 'cc' }[] {
  const out: { unitId: string; role: 'main' | 'cc' }[] = []
  for (const id of units?.main ?? []) if (!out.some((u) => u.unitId === id)) out.push({ unitId: id, role: 'main' })
  for (const id of units?.cc ?? []) if (!out.some((u) => u.unitId === id)) out.push({ unitId: id, role: 'cc' })
  return out
}
