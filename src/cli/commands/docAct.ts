// zt doc act <id> <action> […]: one step of the document's workflow, as a signed command. The
// action is judged first against the flow as this machine knows it (the same reducer the server
// runs), then signed, queued and (unless --offline) sent. `zt doc submit` is `act … submit`.
import { ACTION_NAMES, actionName, type FlowAction, type FlowOperation } from '../../core/docflow/definitions'
import { composeCommand, sourceFieldsOf } from '../../core/docflow/view'
import { checkCommand, flowVerb } from '../../core/docflow/flow'
import { errorMessage } from '../../core/messages/errors'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { DIRECTORY_ROOM } from '../../core/sync/roomName'
import { ACT_OPTIONS, act, deviceKeys } from '../actions'
import type { Sm2KeyPair } from '../../core/crypto/sm2'
import { fromBase64, fromPem, toBase64 } from '../../core/pki/der'
import { sealDataCoversContent, sealDataHashOf } from '../../core/seal/sealData'
import { apiClient } from '../net/api'
import { parseCertificate } from '../../core/pki/certificate'
import { signSealRequest } from '../../core/seal/apply'
import { SEAL_STATUS_NAMES, type SealRecord } from '../../core/seal/registry'
import { sealDataHash, type DocView } from '../../core/docflow/view'
import type { Profile } from '../profile'
import { noExtraPositionals, parseCommandArgs, requirePositional } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { directoryUnits, directoryUsers, resolveUnits, resolveUsers, viewOf } from '../docFlow'
import { parseDocId } from '../docOptions'
import { profileHome, requireProfile } from '../profile'
import { loadRoom } from '../roomCache'

const OPTIONS = {
  ...ACT_OPTIONS,
  opinion: { type: 'string' },
  reason: { type: 'string' },
  message: { type: 'string' },
  result: { type: 'string' },
  to: { type: 'string' },
  next: { type: 'string' },
  mode: { type: 'string' },
  edit: { type: 'boolean' },
  limit: { type: 'string' },
  main: { type: 'string' },
  assist: { type: 'string' },
  circulate: { type: 'string' },
  for: { type: 'string' },
  serial: { type: 'string' },
  'source-org': { type: 'string' },
  'source-number': { type: 'string' },
  'source-date': { type: 'string' },
  copies: { type: 'string' },
  seal: { type: 'string' },
  perforation: { type: 'boolean' },
  'to-units': { type: 'string' },
  'cc-units': { type: 'string' },
  prefix: { type: 'string' },
} as const

interface SealParts { signature: string; sealData?: string; rendition?: string }

/**
 * 用印 with an electronic seal: on a 公文 the server renders the PDF and OFD the seal covers and
 * gives the seal data, which this machine checks against the approved content before signing it;
 * on a 用印申请 the seal covers the approved PDF itself.
 */
async function sealSignature(home: string, profile: Profile, offline: boolean, esID: string, perforation: boolean, view: DocView, room: string, keys: Sm2KeyPair, now: Date): Promise<SealParts> {
  const record = (await loadRoom(home, profile, 'seals', offline)).getMap<SealRecord>('seals').get(esID)
  if (!record) throw new CliError(errorMessage('no_such_seal'), 1)
  if (record.status !== 'active') throw new CliError(errorMessage('seal_not_active', { name: record.name, status: SEAL_STATUS_NAMES[record.status] }), 1)
  const approved = sealDataHash(view)
  if (!approved) throw new CliError(errorMessage('seal_hash_mismatch'), 1)
  const certs = (await loadRoom(home, profile, DIRECTORY_ROOM, offline)).getMap<{ userId: string; pem: string; revokedAt?: string; issuedAt: string }>('certificates')
  const mine = [...certs.values()]
    .filter((c) => c.userId === profile.user.id && !c.revokedAt)
    .map((c) => parseCertificate(fromPem('CERTIFICATE', c.pem)))
    .find((c) => c.publicKey === keys.publicKey)
  if (!mine) throw new CliError(errorMessage('not_enrolled'), 1)
  let dataHash = approved
  let rendition: { sealData: string; ofd: string } | undefined
  if (view.state.kind !== 'sealrequest') {
    if (offline) throw new CliError(errorMessage('rendition_required'), 1)
    rendition = await apiClient(profile.server, profile.token).rendition(room, esID, perforation)
    const sealData = fromBase64(rendition.sealData)
    if (!sealDataCoversContent(sealData, approved)) throw new CliError(errorMessage('rendition_mismatch'), 1)
    dataHash = sealDataHashOf(sealData)
  }
  const signature = signSealRequest(
    { userId: profile.user.id, sealDer: record.der, certDer: toBase64(mine.der), timeInfo: now.toISOString(), dataHash, propertyInfo: `${room};seq=${view.state.lastSeq}` },
    keys,
  )
  return { signature, ...(rendition ? { sealData: rendition.sealData, rendition: rendition.ofd } : {}) }
}

export async function docSubmit(args: string[], ctx: CliContext): Promise<void> {
  const [id, ...rest] = args
  await docAct([id ?? '', 'submit', ...rest], ctx)
}

export async function docAct(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS)
  const { room } = parseDocId(requirePositional(positionals, 0, '文档编号'))
  const action = requirePositional(positionals, 1, '操作')
  noExtraPositionals(positionals, 2)
  const type = `doc.${action}`
  if (!flowVerb(type)) throw new CliError(CLI_MESSAGES.unknownAction(action, Object.keys(ACTION_NAMES).filter((a) => a !== 'create')), 2)

  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const offline = values.offline === true
  const directory = await loadRoom(home, profile, DIRECTORY_ROOM, offline)
  const users = directoryUsers(directory)
  const units = directoryUnits(directory)
  const doc = await loadRoom(home, profile, room, offline)
  const view = viewOf(doc, users, units)
  const ids = (list: string | undefined) => resolveUsers(list, users)

  const verb = action as FlowAction | FlowOperation
  let fields: Record<string, unknown> | undefined
  if (action === 'register') {
    fields = {
      serial: values.serial ?? '', sourceOrg: values['source-org'] ?? '', sourceNumber: values['source-number'] ?? '',
      sourceDate: values['source-date'] ?? '', copies: Number(values.copies ?? 1), limit: values.limit ?? '',
      classification: view.content.meta.classification, urgency: view.content.meta.urgency,
      // a 正本 copy: 来文机关, 来文字号, 成文日期 and 来文单位 are the 正本's
      ...(view.original ? sourceFieldsOf(view.original) : {}),
    }
  } else if (action === 'receive' && view.ctx.registered) {
    // a 收文 from internal 分发 arrives registered: its registration goes with the receipt
    fields = doc.getMap('meta').get('registration') as Record<string, unknown> | undefined
  }
  const returnTo = action === 'return' && values.to !== undefined ? (/^\d+$/.test(values.to) ? Number(values.to) : values.to) : undefined
  const composed = composeCommand(view, verb, {
    opinion: values.opinion, reason: values.reason, message: values.message, result: values.result,
    to: action === 'return' ? returnTo : ids(values.to),
    next: values.next, mode: values.mode, edit: values.edit === true, limit: values.limit,
    main: ids(values.main), assist: ids(values.assist), circulate: ids(values.circulate),
    onBehalfOf: values.for ? ids(values.for)[0] : undefined,
    fields,
    units: { main: resolveUnits(values['to-units'], units), cc: resolveUnits(values['cc-units'], units) },
    prefix: values.prefix,
  })
  const command = { ...composed, room }
  // judged here first: a refusal costs no signature, no rendition and no queue entry
  const refusal = checkCommand(view.state, { ...command, id: 'preview', actor: profile.user.id, at: ctx.now().toISOString() }, view.ctx)
  if (refusal) throw new CliError(CLI_MESSAGES.commandRejected(errorMessage(refusal.code, refusal.params)), 1)

  if (action === 'seal' && values.seal) {
    // 用印 with an electronic seal: an SES_Signature over the rendition (or a 用印申请's PDF), by this user's key
    const keys = await deviceKeys(ctx, { home, pin: values.pin })
    Object.assign(command.payload, await sealSignature(home, profile, offline, values.seal, values.perforation === true, view, room, keys, ctx.now()), { seal: values.seal })
    if (values.perforation) command.payload.perforation = true
  }

  const answer = await act(ctx, { home, pin: values.pin, offline }, command)
  if (!answer) return
  ctx.out(CLI_MESSAGES.actionAccepted(actionName(view.state.kind, verb), answer.seq ?? 0))
  if (typeof answer.result?.docNumber === 'string') ctx.out(CLI_MESSAGES.docNumber(answer.result.docNumber))
}
