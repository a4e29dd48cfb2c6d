// zt doc share <id> --with <user>[:read]: gives another user access to a document (write unless
// :read is asked for), as a signed doc.share command. Only the document's creator may share it;
// the server's rule enforces that.
import { CLI_MESSAGES } from '../../core/messages/cli'
import { ACT_OPTIONS, act } from '../actions'
import { noExtraPositionals, parseCommandArgs, requireOption, requirePositional } from '../args'
import type { CliContext } from '../CliContext'
import { parseDocId, parseShareTarget } from '../docOptions'
import { profileHome } from '../profile'

export async function docShare(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { with: { type: 'string' }, ...ACT_OPTIONS })
  const { room } = parseDocId(requirePositional(positionals, 0, '文档编号'))
  noExtraPositionals(positionals, 1)
  const { username, access } = parseShareTarget(requireOption(values.with, 'with'))
  const answer = await act(ctx, { home: profileHome(values.home, ctx.env), pin: values.pin, offline: values.offline }, { type: 'doc.share', room, payload: { username, access } })
  if (answer) ctx.out(CLI_MESSAGES.shared(username, access))
}
