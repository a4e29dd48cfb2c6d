// zt doc show <id> [--json] [--offline]: the document's metadata, body text and flow (文号, step,
// handlers, the accepted event log), read from its room (or this machine's copy with --offline).
import { bodyText } from '../../core/docflow/body'
import { readDocMeta } from '../../core/docflow/docMeta'
import { stepName } from '../../core/docflow/definitions'
import { currentHandlers } from '../../core/docflow/flow'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { DIRECTORY_ROOM } from '../../core/sync/roomName'
import { noExtraPositionals, parseCommandArgs, requirePositional } from '../args'
import type { CliContext } from '../CliContext'
import { directoryUsers, viewOf } from '../docFlow'
import { parseDocId } from '../docOptions'
import { profileHome, requireProfile } from '../profile'
import { loadRoom } from '../roomCache'

export async function docShow(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' } })
  const { id, room } = parseDocId(requirePositional(positionals, 0, '文档编号'))
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const offline = values.offline === true
  const doc = await loadRoom(home, profile, room, offline)
  // the directory is only needed to name people; a first offline read may not have it
  const users = await loadRoom(home, profile, DIRECTORY_ROOM, offline).then(directoryUsers, () => [])
  const meta = doc.getMap('meta')
  const shown = { ...readDocMeta((k) => meta.get(k)), body: bodyText(doc.getXmlFragment('body')) }
  const view = viewOf(doc, users)
  const { state } = view
  const nameOf = (uid: string): string => users.find((u) => u.id === uid)?.name ?? uid
  const flow = {
    kind: state.kind,
    step: state.visit.step,
    stepName: stepName(state.kind, state.visit.step),
    handlers: currentHandlers(state),
    docNumber: state.docNumber ?? null,
    frozen: state.frozen,
    ended: state.ended ?? null,
    dueAt: state.visit.dueAt ?? null,
    signoffs: state.signoffs,
    register: state.register ?? null,
    records: state.records,
    events: view.events,
  }

  if (values.json) {
    ctx.out(JSON.stringify({ id, room, ...shown, content: view.content, flow, original: view.original, registration: meta.get('registration') ?? null }, null, 2))
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
      ...(state.docNumber ? [`${h.docNumber}：${state.docNumber}`] : []),
      // a copy received by 分发: the 正本's facts, read-only
      ...(view.original ? [`${h.original}：${view.original.sourceOrg} ${view.original.docNumber}（${h.issueDate} ${view.original.issueDate ?? '—'}，${h.senderUnit} ${view.original.senderUnit}）`] : []),
      `${h.step}：${flow.stepName}${flow.handlers.length ? `（${flow.handlers.map(nameOf).join('、')}）` : ''}`,
      `${h.body}：`,
      shown.body,
      ...(state.records.length ? [`${h.records}：`, ...state.records.map((r) => CLI_MESSAGES.record(r, nameOf))] : []),
    ].join('\n'),
  )
}
