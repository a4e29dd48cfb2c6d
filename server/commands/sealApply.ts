// 用印 with an electronic seal: a doc.seal command may carry an SES_Signature made by the seal's
// holder over the signed-off content. The server runs the whole verifier before accepting it, and
// checks the seal against the registry (it exists, is this version, and is in use).
import type { Command } from '../../src/core/command/envelope'
import { fromHex } from '../../src/core/crypto/bytes'
import { bytesEqual } from '../../src/core/crypto/bytes'
import { flowVerb, type Refusal } from '../../src/core/docflow/flow'
import { fromBase64 } from '../../src/core/pki/der'
import { parseCertificate } from '../../src/core/pki/certificate'
import { SEAL_STATUS_NAMES, type SealRecord } from '../../src/core/seal/registry'
import { verifySealedSignature } from '../../src/core/seal/verify'
import type { Prepared } from './docflowRule'
import type { RuleContext } from './rules'
import { SEALS_ROOM } from './sealRule'

export async function checkSealApplication(cmd: Command, p: Prepared, ctx: RuleContext): Promise<Refusal | null> {
  if (flowVerb(cmd.type) !== 'seal' || cmd.payload.signature === undefined) return null
  if (p.content.meta.docType === '纪要') return { code: 'no_seal_on_minutes' }
  // a 公文's seal covers the signed-off content; a 用印申请's covers the approved PDF
  const expected = p.state.kind === 'sealrequest' ? (p.content.files.length === 1 ? p.content.files[0]!.sm3 : undefined) : p.state.approvedHash
  if (!p.state.approvedHash || !expected) return { code: 'seal_hash_mismatch' }
  let der: Uint8Array
  try {
    der = fromBase64(String(cmd.payload.signature))
  } catch {
    return { code: 'bad_command' }
  }
  if (der.length > 256 * 1024) return { code: 'too_large' }
  const revoked = new Map(ctx.storage.certs().filter((c) => c.revokedAt).map((c) => [c.serial, c.revokedAt!]))
  const report = verifySealedSignature(der, { root: ctx.root, revokedAt: (s) => revoked.get(s), expectedHash: fromHex(expected) })
  if (!report.ok) return { code: 'seal_invalid', params: { step: report.failed?.name ?? '', reason: report.failed?.reason ?? '' } }
  const sig = report.signature!
  const signer = parseCertificate(sig.signerCert)
  if (signer.subject.userId !== cmd.actor) return { code: 'not_seal_holder' }
  const record = await ctx.readRoom(SEALS_ROOM, (doc) => doc.getMap<SealRecord>('seals').get(sig.seal.info.esID))
  if (!record || !bytesEqual(fromBase64(record.der), sig.seal.der)) return { code: 'no_such_seal' }
  if (record.status !== 'active') return { code: 'seal_not_active', params: { name: record.name, status: SEAL_STATUS_NAMES[record.status] } }
  if (!record.holders.includes(cmd.actor)) return { code: 'not_seal_holder' }
  return null
}

/** A 用印申请 is sent with exactly one file, a PDF already stored on the server. */
export async function checkSealRequestSubmission(cmd: Command, p: Prepared, ctx: RuleContext): Promise<Refusal | null> {
  if (p.state.kind !== 'sealrequest' || flowVerb(cmd.type) !== 'submit') return null
  const file = p.content.files.length === 1 ? p.content.files[0]! : undefined
  if (!file || !ctx.storage.blob(file.sm3)?.rooms.includes(cmd.room)) return { code: 'request_needs_pdf' }
  const head = (await ctx.storage.readBlob(file.sm3)).subarray(0, 5)
  return String.fromCharCode(...head) === '%PDF-' ? null : { code: 'request_needs_pdf' }
}
