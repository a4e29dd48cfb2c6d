// 通讯录 search: by name, username, title or unit name; simplified and traditional script match
// each other through OpenCC's character table (../text/foldScript), the one full-text search uses.
import { foldScript } from '../text/foldScript'
import type { Directory, DirectoryUser, Unit } from './model'

/** Full-width letters and digits as half-width, lower case, simplified script. */
const fold = (text: string): string => foldScript(text.normalize('NFKC').toLowerCase())

export function searchUsers(dir: Directory, query: string): DirectoryUser[] {
  const q = fold(query.trim())
  const unitName = new Map(dir.units.map((u) => [u.id, u.name]))
  const sorted = sortUsers(dir)
  if (q === '') return sorted
  return sorted.filter((u) =>
    [u.name, u.username, u.title, unitName.get(u.unitId) ?? '', u.phone ?? '']
      .some((field) => fold(field).includes(q)),
  )
}

export function sortUsers(dir: Directory): DirectoryUser[] {
  const order = new Map(dir.units.map((u) => [u.id, u.order]))
  return [...dir.users].sort(
    (a, b) => (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0) || a.username.localeCompare(b.username),
  )
}

export function usersOfUnit(dir: Directory, unit: Unit): DirectoryUser[] {
  return sortUsers(dir).filter((u) => u.unitId === unit.id)
}
