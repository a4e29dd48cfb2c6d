// zt inbox [--kind <类别>] [--search <词>] [--json] [--offline]: the user's one work list — 公文
// steps, 收文 to 签收, 用印 approvals, 会议通知 to answer, bookings and 借阅 to approve, 督办, and 草稿箱 — built
// by the same core functions as the desk (src/core/workcentre), from the rooms (or, offline, this
// machine's copies of them) and this machine's outbox.
import type * as Y from 'yjs'
import { ARCHIVE_ROOM, readArchive, type Loan } from '../../core/archive/catalogue'
import type { InboxItem, InboxNotice } from '../../core/docflow/inbox'
import { readMeetingRoom } from '../../core/meeting/meetingRoom'
import { readVenues } from '../../core/meeting/bookings'
import type { Reply } from '../../core/meeting/attendance'
import { followUpState, type FollowUp } from '../../core/meeting/tasks'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { UI } from '../../core/messages/ui'
import { DIRECTORY_ROOM, VENUES_ROOM, inboxRoom, isDocRoom } from '../../core/sync/roomName'
import { countByKind, drafts, queryWork, workItems, WORK_KINDS, type WorkItem, type WorkKind } from '../../core/workcentre'
import { noExtraPositionals, parseCommandArgs } from '../args'
import type { CliContext } from '../CliContext'
import { CliError } from '../CliError'
import { apiClient } from '../net/api'
import { queued } from '../outbox'
import { profileHome, requireProfile, type Profile } from '../profile'
import { loadRoom } from '../roomCache'

/** A room, or null when it cannot be had (offline and never read here, or no longer ours). */
async function maybeRoom(home: string, profile: Profile, room: string, offline: boolean): Promise<Y.Doc | null> {
  try {
    return await loadRoom(home, profile, room, offline)
  } catch {
    return null
  }
}

function kindOf(value: string | undefined): WorkKind | undefined {
  if (value === undefined) return undefined
  const kind = WORK_KINDS.find((k) => k === value || UI.work.kinds[k] === value)
  if (!kind) throw new CliError(CLI_MESSAGES.inboxBadKind(value, WORK_KINDS.map((k) => UI.work.kinds[k]!)), 2)
  return kind
}

export async function inbox(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' }, kind: { type: 'string' }, search: { type: 'string' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const offline = values.offline === true
  const kind = kindOf(values.kind)
  const me = profile.user
  const doc = await loadRoom(home, profile, inboxRoom(me.id), offline)
  const items = [...doc.getMap<InboxItem>('items').values()]
  const notices = doc.getArray<InboxNotice>('notices').toArray()
  const tasks = [...doc.getMap<FollowUp>('tasks').values()].sort((a, b) => a.due.localeCompare(b.due))

  const venuesDoc = await maybeRoom(home, profile, VENUES_ROOM, offline)
  const venues = venuesDoc ? readVenues(venuesDoc) : { rooms: {}, bookings: {} }
  // the meetings the user may be asked about: invited, 列席, or let in (代会) — their rooms hold the 回执
  const rooms = offline ? [] : await apiClient(profile.server, profile.token).rooms().catch(() => [])
  const listed = new Set(rooms.map((r) => r.room))
  const replies: Record<string, Record<string, Reply>> = {}
  for (const b of Object.values(venues.bookings)) {
    if (b.status !== 'confirmed' || Date.parse(b.end) <= ctx.now().getTime()) continue
    const asked = b.invitees.includes(me.id) || (b.observers ?? []).includes(me.id) || listed.has(`meeting:${b.id}`)
    if (!asked) continue
    const room = await maybeRoom(home, profile, `meeting:${b.id}`, offline)
    if (room) replies[b.id] = readMeetingRoom(room).attendance
  }
  const archivist = me.roles.includes('archivist')
  const archiveDoc = archivist ? await maybeRoom(home, profile, ARCHIVE_ROOM, offline) : null
  const loans: Loan[] = archiveDoc ? readArchive(archiveDoc).loans : []
  const directory = await maybeRoom(home, profile, DIRECTORY_ROOM, offline)
  const names = new Map<string, string>([...(directory?.getMap<{ id: string; name: string }>('users').values() ?? [])].map((u) => [u.id, u.name]))
  const pending = (await queued(home)).map((q) => ({ type: q.command.type, room: q.command.room, payload: q.command.payload }))

  const work = workItems({ user: me, items, tasks, venues, replies, loans, queued: pending, nameOf: (id) => names.get(id) ?? id }, ctx.now())
  const query = { ...(kind ? { kinds: [kind] } : {}), ...(values.search ? { text: values.search } : {}) }
  const todo = queryWork(work, { box: 'todo', ...query })
  const toread = queryWork(work, { box: 'toread', ...query })
  const done = queryWork(work, { box: 'done', sort: 'arrived', ...query })
  // 草稿箱: the user's 公文 not yet in the flow (no inbox line), as the server lists them (online only)
  const draftRows = kind || values.search ? [] : drafts(rooms.map((r) => ({ ...r, kind: isDocRoom(r.room) ? 'doc' : 'other' })), me.id, new Set(items.map((i) => i.room)))
  if (values.json) {
    ctx.out(JSON.stringify({ work: { todo, toread, done, drafts: draftRows, counts: countByKind(work, 'todo') }, items, notices, tasks: tasks.map((t) => ({ ...t, dueState: followUpState(t, ctx.now()) })) }, null, 2))
    return
  }
  const counts = countByKind(work, 'todo')
  const section = (title: string, list: readonly WorkItem[]): void => {
    ctx.out(`${title}（${list.length}）`)
    ctx.out(list.length ? list.map(CLI_MESSAGES.workLine).join('\n') : CLI_MESSAGES.inboxEmpty)
  }
  section(CLI_MESSAGES.inboxBox.todo!, todo)
  const byKind = WORK_KINDS.filter((k) => counts[k] > 0).map((k) => `${UI.work.kinds[k]} ${counts[k]}`)
  if (byKind.length && !kind && !values.search) ctx.out(`  ${byKind.join(' · ')}`)
  section(CLI_MESSAGES.inboxBox.toread!, toread)
  section(CLI_MESSAGES.inboxBox.done!, done.filter((i) => !i.finished))
  section(CLI_MESSAGES.inboxBox.finished!, done.filter((i) => i.finished))
  if (draftRows.length) {
    ctx.out(`${CLI_MESSAGES.inboxBox.drafts!}（${draftRows.length}）`)
    ctx.out(draftRows.map(CLI_MESSAGES.draftLine).join('\n'))
  }
  const open = tasks.filter((t) => t.status === 'open')
  if (open.length && (!kind || kind === 'task')) {
    ctx.out(`${CLI_MESSAGES.tasksHeader}（${open.length}）`)
    for (const t of open) ctx.out(CLI_MESSAGES.taskLine(t, followUpState(t, ctx.now())))
  }
}
