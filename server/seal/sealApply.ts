// 用印 with an electronic seal: a doc.seal command may carry an SES_Signature made by the seal's
// holder. On a 公文 it signs the seal data (an OFD Signature.xml) the server made at 用印 over the
// stored rendition (原文, PDF, OFD); on a 用印申请, the applicant's PDF. The server runs the whole
// verifier before accepting it, and checks the seal against the registry (it exists, is this
// version, and is in use).
import type { Command } from '../../src/core/command/envelope'
import { fromHex } from '../../src/core/crypto/bytes'
import { bytesEqual } from '../../src/core/crypto/bytes'
import { flowVerb, type Refusal } from '../../src/core/docflow/flow'
import { fromBase64 } from '../../src/core/pki/der'
import { parseCertificate } from '../../src/core/pki/certificate'
import { SEAL_STATUS_NAMES, type SealRecord } from '../../src/core/seal/registry'
import { verifySealedSignature } from '../../src/core/seal/verify'
import { coverageProblem } from '../../src/core/seal/coverage'
import { sealDataCoversContent } from '../../src/core/seal/sealData'
import { unzipEntries } from '../../src/core/ofd/zip'
import { sm3 } from '../../src/core/crypto/sm3'
import type { FlowFacts, RuleContext } from '../commands/ruleContract'
import { SEALS_ROOM } from '../../src/core/sync/roomName'

export async function checkSealApplication(cmd: Command, p: FlowFacts, ctx: RuleContext): Promise<Refusal | null> {
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
  // a 公文's seal signs its rendition: the seal data the server made at 用印, over the stored OFD
  let expectedHash = fromHex(expected)
  if (p.state.kind !== 'sealrequest') {
    const problem = await renditionProblem(cmd, expected, ctx)
    if (problem) return problem
    expectedHash = sm3(fromBase64(String(cmd.payload.sealData)))
  }
  const report = verifySealedSignature(der, { root: ctx.root, revokedAt: (s) => revoked.get(s), expectedHash })
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

/** The seal data must list exactly the files of the rendition stored in this room, and the approved content. */
async function renditionProblem(cmd: Command, approvedHash: string, ctx: RuleContext): Promise<Refusal | null> {
  const sm3Name = cmd.payload.rendition
  if (typeof cmd.payload.sealData !== 'string' || typeof sm3Name !== 'string') return { code: 'rendition_required' }
  const blob = await ctx.storage.blob(sm3Name)
  if (!blob?.rooms.includes(cmd.room)) return { code: 'rendition_required' }
  const entries = unzipEntries(await ctx.storage.readBlob(sm3Name))
  const sealData = fromBase64(cmd.payload.sealData)
  if (!entries || !sealDataCoversContent(sealData, approvedHash)) return { code: 'rendition_mismatch' }
  const problem = coverageProblem({ sealData, dataHash: sm3(sealData), files: new Map(entries), whole: true })
  return problem ? { code: 'rendition_mismatch' } : null
}

/** A 用印申请 is sent with exactly one file, a PDF already stored on the server. */
export async function checkSealRequestSubmission(cmd: Command, p: FlowFacts, ctx: RuleContext): Promise<Refusal | null> {
  if (p.state.kind !== 'sealrequest' || flowVerb(cmd.type) !== 'submit') return null
  const file = p.content.files.length === 1 ? p.content.files[0]! : undefined
  if (!file || !(await ctx.storage.blob(file.sm3))?.rooms.includes(cmd.room)) return { code: 'request_needs_pdf' }
  const head = (await ctx.storage.readBlob(file.sm3)).subarray(0, 5)
  return String.fromCharCode(...head) === '%PDF-' ? null : { code: 'request_needs_pdf' }
}
