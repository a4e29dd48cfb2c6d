// zt doc create: makes a doc room on the server, writes its meta and body through the sync
// protocol (as the editor would), waits until the server has it durably, and prints the id.
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { appendParagraphs } from '../../core/docflow/body'
import type { DocMeta } from '../../core/docflow/docMeta'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { errorMessage } from '../../core/messages/errors'
import { startProblem } from '../../core/docflow/start'
import { docRoom } from '../../core/sync/roomName'
import { noExtraPositionals, parseCommandArgs, requireOption } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { parseClassification, parseDocType, parseFlowKind, parseTitle, parseUrgency } from '../docOptions'
import { apiClient } from '../net/api'
import { RoomSession } from '../net/RoomSession'
import { profileHome, requireProfile, type Profile } from '../profile'
import { loadRoom } from '../roomCache'
import { DIRECTORY_ROOM } from '../../core/sync/roomName'
import type { AgencyTemplate } from '../../core/directory/model'
import { directoryUnits, resolveUnits } from '../docFlow'

async function unitTemplate(home: string, profile: Profile, named: string): Promise<AgencyTemplate> {
  const units = directoryUnits(await loadRoom(home, profile, DIRECTORY_ROOM, false))
  const unit = units.find((u) => u.id === resolveUnits(named, units)[0])
  if (!unit?.template) throw new CliError(CLI_MESSAGES.noTemplate(unit?.name ?? named), 2)
  return unit.template
}

export async function docCreate(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, {
    title: { type: 'string' },
    type: { type: 'string' },
    classification: { type: 'string' },
    urgency: { type: 'string' },
    'body-file': { type: 'string' },
    kind: { type: 'string' },
    'to-main': { type: 'string' },
    cc: { type: 'string' },
    'issuer-mark': { type: 'string' },
    'issuer-name': { type: 'string' },
    printer: { type: 'string' },
    note: { type: 'string' },
    'secrecy-term': { type: 'string' },
    attachment: { type: 'string', multiple: true },
    template: { type: 'string' },
  })
  noExtraPositionals(positionals, 0)
  const title = parseTitle(requireOption(values.title, 'title'))
  const docType = parseDocType(requireOption(values.type, 'type'))
  const classification = parseClassification(values.classification)
  const urgency = parseUrgency(values.urgency)
  const body = values['body-file'] === undefined ? '' : await readUtf8(values['body-file'])
  const profile = await requireProfile(profileHome(values.home, ctx.env), ctx.now())
  const kind = parseFlowKind(values.kind)
  // judged here as the server judges it, before anything is made on the server
  const refused = startProblem(profile.user, classification)
  if (refused) throw new CliError(errorMessage(refused.code, refused.params), 1)
  // the 版式 fields of GB/T 9704 the drafter writes (the rest — 文号, 签发人, 成文日期 — the flow adds)
  // --template <单位>: the unit's 红头, 署名 and 印发机关 as its administrator set them
  const template = values.template === undefined ? undefined : await unitTemplate(profileHome(values.home, ctx.env), profile, values.template)
  const fields: Record<string, string | string[]> = {
    mainTo: values['to-main'] ?? '', cc: values.cc ?? '', issuerMark: values['issuer-mark'] ?? template?.issuerMark ?? '', issuerName: values['issuer-name'] ?? template?.issuerName ?? '',
    printer: values.printer ?? template?.printer ?? '', note: values.note ?? '', secrecyTerm: values['secrecy-term'] ?? '', attachmentNote: values.attachment ?? [],
  }

  const id = randomUUID()
  const room = docRoom(id)
  const api = apiClient(profile.server, profile.token)
  await api.createRoom(room, kind, classification)

  const session = new RoomSession({ syncUrl: api.syncUrl, token: profile.token, room })
  try {
    await session.whenSynced()
    const meta: DocMeta = { title, docType, classification, urgency, createdBy: profile.user.id, createdAt: ctx.now().toISOString() }
    session.doc.transact(() => {
      const map = session.doc.getMap('meta')
      for (const [key, value] of Object.entries(meta)) map.set(key, value)
      for (const [key, value] of Object.entries(fields)) map.set(key, value)
      map.set('flowKind', kind)
      appendParagraphs(session.doc.getXmlFragment('body'), body)
    })
    await session.whenPersisted()
  } finally {
    session.destroy()
  }
  ctx.out(id)
}

async function readUtf8(path: string): Promise<string> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch {
    throw new CliError(CLI_MESSAGES.bodyFileUnreadable(path))
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new CliError(CLI_MESSAGES.bodyFileNotUtf8(path))
  }
}
