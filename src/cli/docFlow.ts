// A document's flow as the CLI sees it: the room's accepted events reduced with the same reducer
// the server runs, against the directory's users.
import type * as Y from 'yjs'
import { readContent, type DocContent } from '../core/docflow/content'
import { reduceFlow, type FlowContext, type FlowEvent, type FlowState } from '../core/docflow/flow'
import type { DirectoryUser } from '../core/directory/model'
import { CLI_MESSAGES } from '../core/messages/cli'
import { CliError } from './CliError'

export interface DocView {
  content: DocContent
  ctx: FlowContext
  state: FlowState
  events: FlowEvent[]
  users: DirectoryUser[]
}

export function directoryUsers(directory: Y.Doc): DirectoryUser[] {
  return [...directory.getMap<DirectoryUser>('users').values()]
}

export function viewOf(doc: Y.Doc, users: DirectoryUser[]): DocView {
  const meta = doc.getMap('meta')
  const content = readContent(doc)
  const byId = new Map(users.map((u) => [u.id, u]))
  const ctx: FlowContext = {
    kind: meta.get('flowKind') === 'incoming' ? 'incoming' : 'outgoing',
    drafter: String(meta.get('createdBy') ?? ''),
    createdAt: String(meta.get('createdAt') ?? ''),
    docType: content.meta.docType,
    classification: content.meta.classification,
    registered: meta.get('registration') !== undefined,
    user: (id) => byId.get(id),
  }
  const events = doc.getArray<FlowEvent>('flow').toArray().filter((e) => typeof e.seq === 'number')
  return { content, ctx, state: reduceFlow(ctx, events), events, users }
}

/** User ids for a comma-separated list of usernames (or ids). */
export function resolveUsers(list: string | undefined, users: DirectoryUser[]): string[] {
  if (!list) return []
  return list.split(/[,，]/).map((s) => s.trim()).filter(Boolean).map((name) => {
    const u = users.find((x) => x.username === name || x.id === name)
    if (!u) throw new CliError(CLI_MESSAGES.noSuchUser(name), 2)
    return u.id
  })
}
