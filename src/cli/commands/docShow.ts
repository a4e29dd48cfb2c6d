// zt doc show <id> [--json]: the document's metadata and body text, read from its room.
import { bodyText } from '../../core/docflow/body'
import { readDocMeta } from '../../core/docflow/docMeta'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { noExtraPositionals, parseCommandArgs, requirePositional } from '../args'
import type { CliContext } from '../CliContext'
import { parseDocId } from '../docOptions'
import { ApiClient } from '../net/ApiClient'
import { RoomSession } from '../net/RoomSession'
import { profileHome, requireProfile } from '../profile'

export async function docShow(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } })
  const { id, room } = parseDocId(requirePositional(positionals, 0, '文档编号'))
  noExtraPositionals(positionals, 1)
  const profile = await requireProfile(profileHome(values.home, ctx.env), ctx.now())
  const api = new ApiClient(profile.server, profile.token)

  const session = new RoomSession({ syncUrl: api.syncUrl, token: profile.token, room })
  let shown: ReturnType<typeof readDocMeta> & { body: string }
  try {
    await session.whenSynced()
    const meta = session.doc.getMap('meta')
    shown = { ...readDocMeta((k) => meta.get(k)), body: bodyText(session.doc.getXmlFragment('body')) }
  } finally {
    session.destroy()
  }

  if (values.json) {
    ctx.out(JSON.stringify({ id, room, ...shown }, null, 2))
    return
  }
  const h = CLI_MESSAGES.showHeader
  ctx.out(
    [
      `${h.id}：${id}`,
      `${h.title}：${shown.title}`,
      `${h.docType}：${shown.docType}`,
      `${h.classification}：${shown.classification}`,
      `${h.urgency}：${shown.urgency}`,
      `${h.createdBy}：${shown.createdBy}`,
      `${h.createdAt}：${shown.createdAt}`,
      `${h.body}：`,
      shown.body,
    ].join('\n'),
  )
}
