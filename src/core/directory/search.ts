// 通讯录 search: by name, username, title or unit name; simplified and traditional script match
// each other through the small folding table in ../text.
import { foldScript } from '../text/foldScript'
import type { Directory, DirectoryUser, Unit } from './model'

export function searchUsers(dir: Directory, query: string): DirectoryUser[] {
  const q = foldScript(query.trim().toLowerCase())
  const unitName = new Map(dir.units.map((u) => [u.id, u.name]))
  const sorted = sortUsers(dir)
  if (q === '') return sorted
  return sorted.filter((u) =>
    [u.name, u.username, u.title, unitName.get(u.unitId) ?? '', u.phone ?? '']
      .some((field) => foldScript(field.toLowerCase()).includes(q)),
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
