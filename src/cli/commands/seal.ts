// zt seal create|list|holders|suspend|resume|revoke: the 印章管理员's registry, as signed commands
// (the server's seal maker signs each SES_Seal); `list` reads the `seals` room anyone may read.
import { CLI_MESSAGES } from '../../core/messages/cli'
import { readFile } from 'node:fs/promises'
import { isSealTypeName } from '../../core/seal/commands'
import { SEAL_TYPES } from '../../core/seal/ses'
import { SEAL_STATUS_NAMES, pictureProblem, sealRecords, type UploadedPicture } from '../../core/seal/registry'
import { errorMessage } from '../../core/messages/errors'
import { CliError } from '../CliError'
import { DIRECTORY_ROOM } from '../../core/sync/roomName'
import { ACT_OPTIONS, act } from '../actions'
import { noExtraPositionals, parseCommandArgs, requireOption, requirePositional } from '../args'
import type { CliContext } from '../CliContext'
import { directoryUsers, resolveUsers } from '../docFlow'
import { profileHome, requireProfile } from '../profile'
import { loadRoom } from '../roomCache'

const SEALS = 'seals'

export async function sealCreate(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, {
    ...ACT_OPTIONS, name: { type: 'string' }, type: { type: 'string' }, holders: { type: 'string' }, 'valid-from': { type: 'string' }, 'valid-until': { type: 'string' },
    image: { type: 'string' }, size: { type: 'string' },
  })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const users = directoryUsers(await loadRoom(home, profile, DIRECTORY_ROOM))
  const typeName = values.type ?? '单位印章'
  if (!isSealTypeName(typeName)) throw new CliError(CLI_MESSAGES.optionChoice('--type', Object.keys(SEAL_TYPES)), 2)
  const payload = {
    name: requireOption(values.name, 'name'),
    typeName,
    holders: resolveUsers(requireOption(values.holders, 'holders'), users),
    validEnd: requireOption(values['valid-until'], 'valid-until'),
    ...(values['valid-from'] ? { validStart: values['valid-from'] } : {}),
    ...(values.image ? { picture: await uploadedPicture(values.image, Number(values.size ?? 42)) } : {}),
  }
  const answer = await act(ctx, { home, pin: values.pin, offline: values.offline === true }, { type: 'seal.create', room: SEALS, payload })
  if (answer?.result?.esID) ctx.out(CLI_MESSAGES.sealCreated(payload.name, String(answer.result.esID)))
}

/** An uploaded picture (PNG or SVG) for a seal, checked here as the server will check it. */
async function uploadedPicture(path: string, sizeMm: number): Promise<UploadedPicture> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch {
    throw new CliError(CLI_MESSAGES.fileUnreadable(path), 2)
  }
  const picture: UploadedPicture = { type: bytes.subarray(0, 4).toString('latin1') === '\x89PNG' ? 'png' : 'svg', data: bytes.toString('base64'), widthMm: sizeMm, heightMm: sizeMm }
  if (pictureProblem(picture)) throw new CliError(errorMessage('bad_picture'), 2)
  return picture
}

export async function sealList(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const offline = values.offline === true
  const seals = sealRecords(await loadRoom(home, profile, SEALS, offline))
  const users = await loadRoom(home, profile, DIRECTORY_ROOM, offline).then(directoryUsers, () => [])
  const name = (id: string): string => users.find((u) => u.id === id)?.name ?? id
  if (values.json) {
    ctx.out(JSON.stringify(seals.map(({ der: _der, ...s }) => s), null, 2))
    return
  }
  if (!seals.length) return ctx.out(CLI_MESSAGES.noSeals)
  for (const s of seals.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    ctx.out(`${s.esID}  ${s.name}（${s.typeName}）  ${SEAL_STATUS_NAMES[s.status]}  持有人：${s.holders.map(name).join('、')}  有效期 ${s.validStart} 至 ${s.validEnd}`)
  }
}

/** zt seal holders <esID> --holders <user,…>: a new version of the seal with other holders. */
export async function sealHolders(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS, holders: { type: 'string' } })
  const esID = requirePositional(positionals, 0, '印章标识')
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const users = directoryUsers(await loadRoom(home, profile, DIRECTORY_ROOM))
  const answer = await act(ctx, { home, pin: values.pin, offline: values.offline === true }, { type: 'seal.holders', room: SEALS, payload: { esID, holders: resolveUsers(requireOption(values.holders, 'holders'), users) } })
  if (answer?.result?.esID) ctx.out(CLI_MESSAGES.sealNewVersion(esID, String(answer.result.esID)))
}

function statusCommand(type: 'seal.suspend' | 'seal.resume' | 'seal.revoke') {
  return async (args: string[], ctx: CliContext): Promise<void> => {
    const { values, positionals } = parseCommandArgs(args, { ...ACT_OPTIONS, reason: { type: 'string' } })
    const esID = requirePositional(positionals, 0, '印章标识')
    noExtraPositionals(positionals, 1)
    const home = profileHome(values.home, ctx.env)
    const answer = await act(ctx, { home, pin: values.pin, offline: values.offline === true }, { type, room: SEALS, payload: { esID, ...(values.reason ? { reason: values.reason } : {}) } })
    if (answer) ctx.out(CLI_MESSAGES.sealStatusChanged(esID, type))
  }
}

export const sealSuspend = statusCommand('seal.suspend')
export const sealResume = statusCommand('seal.resume')
export const sealRevoke = statusCommand('seal.revoke')
