// zt inbox [--json] [--offline]: the user's 待办, 已办 and 办结, from their inbox room.
import type { InboxItem } from '../../core/docflow/inbox'
import { followUpState, type FollowUp } from '../../core/meeting/tasks'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { inboxRoom } from '../../core/sync/roomName'
import { noExtraPositionals, parseCommandArgs } from '../args'
import type { CliContext } from '../CliContext'
import { profileHome, requireProfile } from '../profile'
import { loadRoom } from '../roomCache'

export async function inbox(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const doc = await loadRoom(home, profile, inboxRoom(profile.user.id), values.offline === true)
  const items = [...doc.getMap<InboxItem>('items').values()].sort((a, b) => (a.arrivedAt < b.arrivedAt ? 1 : -1))
  const notices = doc.getArray('notices').toArray()
  const tasks = [...doc.getMap<FollowUp>('tasks').values()].sort((a, b) => a.due.localeCompare(b.due))
  if (values.json) {
    ctx.out(JSON.stringify({ items, notices, tasks: tasks.map((t) => ({ ...t, dueState: followUpState(t, ctx.now()) })) }, null, 2))
    return
  }
  for (const box of ['todo', 'done', 'finished'] as const) {
    const list = items.filter((i) => i.box === box)
    ctx.out(`${CLI_MESSAGES.inboxBox[box]}（${list.length}）`)
    ctx.out(list.length ? list.map(CLI_MESSAGES.inboxLine).join('\n') : CLI_MESSAGES.inboxEmpty)
  }
  const open = tasks.filter((t) => t.status === 'open')
  if (open.length) {
    ctx.out(`${CLI_MESSAGES.tasksHeader}（${open.length}）`)
    for (const t of open) ctx.out(CLI_MESSAGES.taskLine(t, followUpState(t, ctx.now())))
  }
}
