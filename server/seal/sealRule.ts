// The seal registry's commands (issue 5): a 印章管理员 makes a seal (the server's seal maker signs
// the SES_Seal), changes its holders (a new version), suspends, resumes or revokes it. The
// registry lives in the `seals` room, which every signed-in user reads (verification offline).
import type { Command } from '../../src/core/command/envelope'
import { utf8 } from '../../src/core/crypto'
import { cstDate } from '../../src/core/docflow/rendition'
import { fromBase64, fromPem, toBase64 } from '../../src/core/pki/der'
import { makeSeal, parseSeal, SEAL_TYPES, type SealPicture, type SealTypeName } from '../../src/core/seal/ses'
import { drawRoundSeal } from '../../src/core/seal/sealImage'
import { sealPayloadProblem, SEAL_STATUS_NAMES, type SealRecord, type UploadedPicture } from '../../src/core/seal/registry'
import type { UserRecord } from '../../src/core/storage/types'
import type { CommandRule, RuleContext, Verdict } from '../commands/ruleContract'
import { SEALS_ROOM } from '../../src/core/sync/roomName'

const VENDOR = 'ZT'

/** The holders' newest unrevoked certificates (DER), or the first holder without one. */
function holderCerts(ids: string[], ctx: RuleContext): { certs: Uint8Array[] } | { missing: string } {
  const certs: Uint8Array[] = []
  for (const id of [...new Set(ids)]) {
    const user = ctx.storage.userById(id)
    const record = ctx.storage.certsOf(id).find((c) => !c.revokedAt)
    if (!user || !record) return { missing: user?.name ?? id }
    certs.push(fromPem('CERTIFICATE', record.pem))
  }
  return { certs }
}

/** The seal's picture: the one uploaded, or the round seal drawn from its name. */
function pictureOf(f: { name: string; typeName: SealTypeName; picture?: UploadedPicture }): SealPicture {
  if (f.picture) return { type: f.picture.type, data: fromBase64(f.picture.data), widthMm: f.picture.widthMm, heightMm: f.picture.heightMm }
  const d = f.typeName === '个人印章' ? 20 : 42
  return { type: 'svg', data: utf8(drawRoundSeal({ name: f.name, diameterMm: d })), widthMm: d, heightMm: d }
}

function build(ctx: RuleContext, cmd: Command, esID: string, f: { name: string; typeName: SealTypeName; certs: Uint8Array[]; validStart: string; validEnd: string; picture?: UploadedPicture }): string {
  const maker = ctx.sealMaker()
  const der = makeSeal(
    {
      vid: VENDOR,
      esID,
      type: SEAL_TYPES[f.typeName],
      name: f.name,
      certListType: 1,
      certs: f.certs,
      createDate: new Date(cmd.at),
      validStart: new Date(`${f.validStart}T00:00:00+08:00`),
      validEnd: new Date(`${f.validEnd}T23:59:59+08:00`),
      picture: pictureOf(f),
    },
    { certDer: maker.cert.der, privateKey: maker.keys.privateKey, publicKey: maker.keys.publicKey },
  )
  return toBase64(der)
}

function existingPicture(record: SealRecord): UploadedPicture | undefined {
  const p = parseSeal(fromBase64(record.der)).info.picture
  return p.type === 'png' || p.type === 'svg' ? { type: p.type, data: toBase64(p.data), widthMm: p.widthMm, heightMm: p.heightMm } : undefined
}

/** A new seal's id: from the command id, so a replayed command names the same seal. */
const newEsId = (cmd: Command): string => `${VENDOR}${cmd.id.replace(/-/g, '').slice(0, 20).toUpperCase()}`

export const sealRule: CommandRule = {
  async judge(cmd, actor: UserRecord, ctx): Promise<Verdict> {
    if (cmd.room !== SEALS_ROOM) return { refused: { code: 'bad_command' } }
    if (!actor.roles.includes('sealAdmin')) return { refused: { code: 'not_seal_admin' } }
    const p = cmd.payload
    const problem = sealPayloadProblem(cmd.type, p)
    if (problem) return { refused: { code: problem } }
    const existing = typeof p.esID === 'string' ? await ctx.readRoom(SEALS_ROOM, (doc) => doc.getMap<SealRecord>('seals').get(p.esID as string)) : undefined
    if (cmd.type !== 'seal.create' && !existing) return { refused: { code: 'no_such_seal' } }

    if (cmd.type === 'seal.create' || cmd.type === 'seal.holders') {
      const holders = p.holders as string[]
      const found = holderCerts(holders, ctx)
      if ('missing' in found) return { refused: { code: 'holder_no_cert', params: { name: found.missing } } }
      if (existing && existing.status !== 'active' && existing.status !== 'suspended') return { refused: { code: 'seal_not_active', params: { name: existing.name, status: SEAL_STATUS_NAMES[existing.status] } } }
      const esID = newEsId(cmd)
      // a new version keeps the picture of the one it replaces
      const picture = existing ? existingPicture(existing) : (p.picture as UploadedPicture | undefined)
      const fields = existing
        ? { name: existing.name, typeName: existing.typeName, validStart: existing.validStart, validEnd: existing.validEnd }
        : { name: (p.name as string).trim(), typeName: p.typeName as SealTypeName, validStart: (p.validStart as string | undefined) ?? cstDate(cmd.at), validEnd: p.validEnd as string }
      if (fields.validEnd < fields.validStart) return { refused: { code: 'bad_command' } }
      return {
        result: { esID },
        apply: async () => {
          const der = build(ctx, cmd, esID, { ...fields, certs: found.certs, ...(picture ? { picture } : {}) })
          const record: SealRecord = { esID, ...fields, holders: [...new Set(holders)], status: 'active', der, createdAt: cmd.at, createdBy: actor.id, ...(existing ? { replaces: existing.esID } : {}) }
          await ctx.writeRoom(SEALS_ROOM, (doc) => {
            const seals = doc.getMap<SealRecord>('seals')
            seals.set(esID, record)
            if (existing) seals.set(existing.esID, { ...existing, status: 'superseded', replacedBy: esID, statusAt: cmd.at })
          })
        },
      }
    }

    const seal = existing!
    const next = cmd.type === 'seal.suspend' ? 'suspended' : cmd.type === 'seal.resume' ? 'active' : 'revoked'
    const allowed = cmd.type === 'seal.suspend' ? seal.status === 'active' : cmd.type === 'seal.resume' ? seal.status === 'suspended' : seal.status === 'active' || seal.status === 'suspended'
    if (!allowed) return { refused: { code: 'seal_not_active', params: { name: seal.name, status: SEAL_STATUS_NAMES[seal.status] } } }
    return {
      apply: async () => {
        const reason = typeof p.reason === 'string' ? p.reason.slice(0, 200) : undefined
        await ctx.writeRoom(SEALS_ROOM, (doc) => doc.getMap<SealRecord>('seals').set(seal.esID, { ...seal, status: next, statusAt: cmd.at, ...(reason ? { reason } : {}) }))
      },
    }
  },
}
