// The agency directory (通讯录): units, users, their roles and clearance. Held in the `directory`
// room (roots `units` and `users`, each a Y.Map of id → plain JSON), written by the server only.

/** 密级 of a person's clearance and of a document, lowest first. */
export const CLEARANCE_LEVELS = ['非密', '秘密', '机密', '绝密'] as const
export type Clearance = (typeof CLEARANCE_LEVELS)[number]

export function clearanceRank(level: Clearance): number {
  return CLEARANCE_LEVELS.indexOf(level)
}

export function isClearance(value: string): value is Clearance {
  return (CLEARANCE_LEVELS as readonly string[]).includes(value)
}

/** May a person with `clearance` see a document classified `docLevel`? */
export function mayRead(clearance: Clearance, docLevel: Clearance): boolean {
  return clearanceRank(clearance) >= clearanceRank(docLevel)
}

/** The 密级 a person may give a document: none above their own clearance, or they could not open it. */
export function classificationsFor(clearance: Clearance): Clearance[] {
  return CLEARANCE_LEVELS.filter((level) => mayRead(clearance, level))
}

export type Role = 'drafter' | 'reviewer' | 'countersigner' | 'signer' | 'clerk' | 'sealAdmin' | 'archivist' | 'admin'

/**
 * A unit's 发文 template (版头 and 版记), set by an administrator and chosen at 新建公文, so nobody
 * types the 红头: 发文机关标志, the 代字 it numbers under, 署名 and 印发机关.
 */
export interface AgencyTemplate {
  readonly issuerMark: string
  /** 机关代字 in the order offered at 编号, e.g. 办发, 办函 */
  readonly prefixes: readonly string[]
  readonly issuerName: string
  readonly printer: string
}

export interface Unit {
  readonly id: string
  readonly name: string
  /** 机关代字 used in 发文字号, e.g. 办发 */
  readonly code?: string
  readonly parentId?: string
  readonly order: number
  /** 收发员: who signs for (签收) or returns (退文) what other units send this unit (公文交换) */
  readonly registrars?: readonly string[]
  readonly template?: AgencyTemplate
}

/** The 代字 a unit may number under: its template's list, else its one 机关代字. */
export function unitPrefixes(unit: Pick<Unit, 'code' | 'template'> | undefined): string[] {
  if (!unit) return []
  const list = unit.template?.prefixes.filter((p) => p.trim() !== '') ?? []
  return list.length ? [...list] : unit.code ? [unit.code] : []
}

export interface DirectoryUser {
  readonly id: string
  readonly username: string
  readonly name: string
  readonly unitId: string
  /** 职务, e.g. 科员, 处长, 厅长 */
  readonly title: string
  readonly roles: readonly Role[]
  readonly clearance: Clearance
  readonly phone?: string
  readonly email?: string
}

export interface Directory {
  readonly units: readonly Unit[]
  readonly users: readonly DirectoryUser[]
}
