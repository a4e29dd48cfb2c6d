// Resolving users named on the command line; the document view itself lives in core/docflow.
import type { DirectoryUser } from '../core/directory/model'
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
