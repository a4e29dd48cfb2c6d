// Resolving users named on the command line; the document view itself lives in core/docflow.
import type * as Y from 'yjs'
import type { DirectoryUser, Unit } from '../core/directory/model'
import { CLI_MESSAGES } from '../core/messages/cli'
import { CliError } from './CliError'

export { directoryUsers, docView as viewOf, type DocView } from '../core/docflow/view'

/** User ids for a comma-separated list of usernames (or ids). */
export function resolveUsers(list: string | undefined, users: DirectoryUser[]): string[] {
  if (!list) return []
  return list.split(/[,，]/).map((s) => s.trim()).filter(Boolean).map((name) => {
    const u = users.find((x) => x.username === name || x.id === name)
    if (!u) throw new CliError(CLI_MESSAGES.noSuchUser(name), 2)
    return u.id
  })
}

export function directoryUnits(directory: Y.Doc): Unit[] {
  return [...directory.getMap<Unit>('units').values()]
}

/** Unit ids for a comma-separated list of unit names (or ids). */
export function resolveUnits(list: string | undefined, units: readonly Unit[]): string[] {
  if (!list) return []
  return list.split(/[,，、]/).map((s) => s.trim()).filter(Boolean).map((name) => {
    const u = units.find((x) => x.id === name || x.name === name)
    if (!u) throw new CliError(CLI_MESSAGES.noSuchUnit(name), 2)
    return u.id
  })
}
