// zt sync: sends every command queued on this machine (by --offline or an unreachable server), in
// order, and prints each answer.
import { CLI_MESSAGES } from '../../core/messages/cli'
import { flush } from '../actions'
import { noExtraPositionals, parseCommandArgs } from '../args'
import type { CliContext } from '../CliContext'
import { queued } from '../outbox'
import { profileHome, requireProfile } from '../profile'

export async function sync(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, {})
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  if ((await queued(home)).length === 0) {
    ctx.out(CLI_MESSAGES.nothingQueued)
    return
  }
  await flush(ctx, home, profile)
}
