// 通知公告 from the command line: zt bulletin list [--json] [--offline]; as an administrator,
// zt bulletin post --title … [--body-file f | --body …] [--pinned], zt bulletin withdraw <id>.
import { readFile } from 'node:fs/promises'
import { BULLETIN_ROOM, readBulletin } from '../../core/bulletin/model'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { act } from '../actions'
import { noExtraPositionals, parseCommandArgs, requireOption } from '../args'
import type { CliContext } from '../CliContext'
import { profileHome, requireProfile } from '../profile'
import { loadRoom } from '../roomCache'

export async function bulletinList(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const posts = readBulletin(await loadRoom(home, profile, BULLETIN_ROOM, values.offline === true))
  if (values.json) return ctx.out(JSON.stringify(posts, null, 2))
  ctx.out(posts.length ? posts.map(CLI_MESSAGES.bulletinLine).join('\n') : CLI_MESSAGES.bulletinEmpty)
}

export async function bulletinPost(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { title: { type: 'string' }, body: { type: 'string' }, 'body-file': { type: 'string' }, pinned: { type: 'boolean' }, pin: { type: 'string' }, offline: { type: 'boolean' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const body = values['body-file'] ? await readFile(values['body-file'], 'utf8') : (values.body ?? '')
  const answer = await act(ctx, { home, pin: values.pin, offline: values.offline === true }, { type: 'bulletin.post', room: BULLETIN_ROOM, payload: { title: requireOption(values.title, 'title'), body, ...(values.pinned ? { pinned: true } : {}) } })
  if (answer) ctx.out(CLI_MESSAGES.bulletinPosted(String(answer.result?.id ?? '')))
}

export async function bulletinWithdraw(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { pin: { type: 'string' }, offline: { type: 'boolean' } })
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const answer = await act(ctx, { home, pin: values.pin, offline: values.offline === true }, { type: 'bulletin.withdraw', room: BULLETIN_ROOM, payload: { id: requireOption(positionals[0], 'id') } })
  if (answer) ctx.out(CLI_MESSAGES.bulletinWithdrawn)
}
