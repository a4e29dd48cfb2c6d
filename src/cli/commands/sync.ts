// zt sync: sends every command queued on this machine (by --offline or an unreachable server), in
// order, and prints each answer. Refused commands are kept with the server's reason, listed until
// dismissed (`--dismiss <id>|all`), and make the run exit 1.
import { CLI_MESSAGES } from '../../core/messages/cli'
import { flush } from '../actions'
import { noExtraPositionals, parseCommandArgs } from '../args'
import type { CliContext } from '../CliContext'
import { CliError } from '../CliError'
import { dismissRefused, queued, refusedCommands } from '../outbox'
import { profileHome, requireProfile } from '../profile'

export async function sync(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { dismiss: { type: 'string' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  if (values.dismiss !== undefined) {
    const n = await dismissRefused(home, values.dismiss)
    if (n === 0) throw new CliError(CLI_MESSAGES.noSuchRefused(values.dismiss), 1)
    ctx.out(CLI_MESSAGES.dismissed(n))
    return
  }
  const profile = await requireProfile(home, ctx.now())
  let refusedNow = 0
  if ((await queued(home)).length === 0) ctx.out(CLI_MESSAGES.nothingQueued)
  else refusedNow = [...(await flush(ctx, home, profile)).values()].filter((a) => a.status === 'rejected').length
  const kept = await refusedCommands(home)
  if (kept.length > 0) {
    ctx.out(CLI_MESSAGES.refusedKept)
    for (const r of kept) ctx.out(CLI_MESSAGES.commandAnswer(r.command.type, r.command.id, r.answer))
  }
  if (refusedNow > 0) throw new CliError(CLI_MESSAGES.someRefused(refusedNow), 1)
}
