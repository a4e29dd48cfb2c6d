// unit.template: an administrator sets a unit's 发文 template (发文机关标志, 代字 list, 署名, 印发机关)
// and its 收发员. The unit record changes and the directory room, which every client holds
// offline, lists the new template at once; 新建公文 and 编号 read it from there.
import type { UserRecord } from '../../src/core/storage/types'
import { DIRECTORY_ROOM } from '../../src/core/sync/roomName'
import { unitEntry } from './directoryRoom'
import type { CommandRule, Verdict } from '../commands/ruleContract'

export const templateRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx): Promise<Verdict> {
    if (cmd.room !== DIRECTORY_ROOM) return { refused: { code: 'bad_command' } }
    if (!actor.roles.includes('admin')) return { refused: { code: 'not_admin' } }
    const p = cmd.payload as { unit: string; issuerMark: string; prefixes: string[]; issuerName: string; printer: string; registrars?: string[] }
    const unit = ctx.storage.units().find((u) => u.id === p.unit)
    if (!unit) return { refused: { code: 'no_such_unit', params: { name: p.unit } } }
    const prefixes = [...new Set(p.prefixes.map((x) => x.trim()))]
    for (const id of p.registrars ?? []) if (!ctx.storage.userById(id)) return { refused: { code: 'no_such_user', params: { name: id } } }
    const next = {
      ...unit,
      template: { issuerMark: p.issuerMark.trim(), prefixes, issuerName: p.issuerName.trim(), printer: p.printer.trim() },
      ...(p.registrars ? { registrars: [...new Set(p.registrars)] } : {}),
    }
    return {
      apply: async () => {
        await ctx.storage.putUnit(next)
        await ctx.writeRoom(DIRECTORY_ROOM, (doc) => doc.getMap('units').set(next.id, unitEntry(next)))
      },
    }
  },
}
