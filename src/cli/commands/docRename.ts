// zt doc rename <id> --title <标题>: a signed doc.rename command (writers of the document only).
import { CLI_MESSAGES } from '../../core/messages/cli'
import { ACT_OPTIONS, act } from '../actions'
import { noExtraPositionals, parseCommandArgs, requireOption, requirePositional } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { parseDocId } from '../docOptions'
import { profileHome } from '../profile'

export async function docRename(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { title: { type: 'string' }, ...ACT_OPTIONS })
  const { room } = parseDocId(requirePositional(positionals, 0, '文档编号'))
  noExtraPositionals(positionals, 1)
  const title = requireOption(values.title, 'title').trim()
  if (title.length > 200) throw new CliError(CLI_MESSAGES.titleTooLong, 2)
  const answer = await act(ctx, { home: profileHome(values.home, ctx.env), pin: values.pin, offline: values.offline }, { type: 'doc.rename', room, payload: { title } })
  if (answer) ctx.out(CLI_MESSAGES.renamed(title))
}
