// zt unit list | zt unit set <单位> …: the units of the directory with their 收发员 and 发文
// templates (发文机关标志, 代字, 署名, 印发机关); setting one is an administrator's signed command.
import type { Unit } from '../../core/directory/model'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { DIRECTORY_ROOM } from '../../core/sync/roomName'
import { ACT_OPTIONS, act } from '../actions'
import { noExtraPositionals, parseCommandArgs, requirePositional } from '../args'
import type { CliContext } from '../CliContext'
import { directoryUnits, directoryUsers, resolveUnits, resolveUsers } from '../docFlow'
import { profileHome, requireProfile } from '../profile'
import { loadRoom } from '../roomCache'

export async function unitList(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, offline: { type: 'boolean' } })
  noExtraPositionals(positionals, 0)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const directory = await loadRoom(home, profile, DIRECTORY_ROOM, values.offline === true)
  const units = directoryUnits(directory).sort((a, b) => a.order - b.order)
  if (values.json) {
    ctx.out(JSON.stringify(units, null, 2))
    return
  }
  const users = directoryUsers(directory)
  const name = (id: string): string => users.find((u) => u.id === id)?.name ?? id
  const rows = units.map((u) => [u.name, (u.registrars ?? []).map(name).join('、') || '—', u.template?.issuerMark ?? '—', (u.template?.prefixes ?? (u.code ? [u.code] : [])).join('、') || '—', u.template?.issuerName ?? '—', u.template?.printer || '—'])
  ctx.out([CLI_MESSAGES.unitsHeader, ...rows].map((cols) => cols.join('\t')).join('\n'))
}

const SET_OPTIONS = {
  ...ACT_OPTIONS,
  'issuer-mark': { type: 'string' },
  prefixes: { type: 'string' },
  'issuer-name': { type: 'string' },
  printer: { type: 'string' },
  registrars: { type: 'string' },
} as const

/** Fields not given keep what the unit has. */
export async function unitSet(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, SET_OPTIONS)
  const named = requirePositional(positionals, 0, '单位')
  noExtraPositionals(positionals, 1)
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const offline = values.offline === true
  const directory = await loadRoom(home, profile, DIRECTORY_ROOM, offline)
  const units = directoryUnits(directory)
  const unit = units.find((u) => u.id === resolveUnits(named, units)[0]) as Unit
  const list = (v: string | undefined): string[] | undefined => v?.split(/[,，、]/).map((s) => s.trim()).filter(Boolean)
  const payload = {
    unit: unit.id,
    issuerMark: values['issuer-mark'] ?? unit.template?.issuerMark ?? '',
    prefixes: list(values.prefixes) ?? [...(unit.template?.prefixes ?? (unit.code ? [unit.code] : []))],
    issuerName: values['issuer-name'] ?? unit.template?.issuerName ?? '',
    printer: values.printer ?? unit.template?.printer ?? '',
    ...(values.registrars !== undefined ? { registrars: resolveUsers(values.registrars, directoryUsers(directory)) } : {}),
  }
  const answer = await act(ctx, { home, pin: values.pin, offline }, { type: 'unit.template', room: DIRECTORY_ROOM, payload })
  if (answer) ctx.out(CLI_MESSAGES.unitSaved(unit.name))
}
