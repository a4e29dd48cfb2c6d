// POST /api/enroll: the agency CA certifies a device's public key for the signed-in user, once
// the key's holder has proved possession (a signed `key.enroll` envelope, src/core/pki/enrolProof.ts).
// Bounds: one live certificate per device (a new key on a device supersedes the old one, which is
// revoked) and MAX_LIVE_KEYS live keys per user. The same key again gets its certificate again.
// After a revocation (a key lost, stolen or retired), a new key is certified only once an
// administrator has allowed it (`zt admin allow-enroll`): whoever revoked the key may also hold the
// password, and a session must not be enough to get a fresh key. A revoked key is never certified again.
import { enrollRequestSchema, type EnrollResponse } from '../../src/core/api/http'
import { isValidPublicKey } from '../../src/core/crypto/sm2'
import { parseCertificate } from '../../src/core/pki/certificate'
import { fromPem, toPem } from '../../src/core/pki/der'
import { enrolProofProblem } from '../../src/core/pki/enrolProof'
import type { CertRecord, UserRecord } from '../../src/core/storage/types'
import type { AgencyCa } from '../ca/AgencyCa'
import type { Storage } from '../../src/core/storage/types'
import { HttpError } from './respond'
import type { AuditFn } from '../audit/AuditLog'

/** what enrolment needs of the API's context */
export interface EnrolContext {
  storage: Storage
  ca: AgencyCa
  publishDirectory(): Promise<void>
  audit: AuditFn
}

/** live (unrevoked) keys a user may hold, over all their devices */
export const MAX_LIVE_KEYS = 5

const keyOf = (cert: CertRecord): string => parseCertificate(fromPem('CERTIFICATE', cert.pem)).publicKey.toLowerCase()

/** True when the user's last revocation by an administrator is later than every certificate since and every approval. */
export function enrolmentNeedsAdmin(certs: CertRecord[], user: UserRecord): boolean {
  const lastRevoked = Math.max(0, ...certs.filter((c) => c.revokedAt && c.revokedReason !== 'superseded').map((c) => Date.parse(c.revokedAt!)))
  if (lastRevoked === 0) return false
  const issuedSince = certs.some((c) => Date.parse(c.issuedAt) > lastRevoked)
  const approved = user.enrolApprovedAt !== undefined && Date.parse(user.enrolApprovedAt) >= lastRevoked
  return !issuedSince && !approved
}

export async function enrol(ctx: EnrolContext, user: UserRecord, raw: unknown, ip: string, now = new Date()): Promise<EnrollResponse> {
  const parsed = enrollRequestSchema.safeParse(raw)
  if (!parsed.success) throw new HttpError(400, 'bad_request')
  const publicKey = parsed.data.publicKey.toLowerCase()
  const device = parsed.data.device
  if (!isValidPublicKey(publicKey)) throw new HttpError(400, 'bad_public_key')
  const refuse = (status: number, code: 'bad_enrol_proof' | 'key_revoked' | 'enrol_needs_admin' | 'too_many_certificates', detail: Record<string, string> = {}): never => {
    ctx.audit('cert.refused', { reason: code, device, ...detail, ip }, user.id)
    throw new HttpError(status, code, code === 'too_many_certificates' ? { max: String(MAX_LIVE_KEYS) } : undefined)
  }
  const problem = enrolProofProblem(parsed.data.proof, { userId: user.id, publicKey, device, now })
  if (problem) refuse(400, 'bad_enrol_proof', { problem })

  const certs = ctx.storage.certsOf(user.id)
  const keyed = certs.map((c) => ({ record: c, key: keyOf(c) }))
  // a revoked key stays revoked: re-certifying it would undo the revocation
  if (keyed.some((c) => c.record.revokedAt && c.key === publicKey)) refuse(409, 'key_revoked')
  const live = keyed.filter((c) => !c.record.revokedAt)
  const same = live.find((c) => c.key === publicKey)
  if (same) return { certificate: same.record.pem, root: ctx.ca.rootPem, serial: same.record.serial }
  if (enrolmentNeedsAdmin(certs, user)) refuse(403, 'enrol_needs_admin')
  const superseded = live.filter((c) => c.record.device === device)
  const otherKeys = new Set(live.filter((c) => c.record.device !== device).map((c) => c.key))
  if (otherKeys.size >= MAX_LIVE_KEYS) refuse(409, 'too_many_certificates')

  const cert = ctx.ca.issue({ id: user.id, name: user.name, unitName: ctx.storage.units().find((u) => u.id === user.unitId)?.name ?? '' }, publicKey, now)
  const pem = toPem('CERTIFICATE', cert.der)
  await ctx.storage.putCert({ serial: cert.serial, userId: user.id, pem, issuedAt: now.toISOString(), device })
  // one live certificate per device: the key it replaces signs nothing from now on
  for (const old of superseded) await ctx.storage.putCert({ ...old.record, revokedAt: now.toISOString(), revokedReason: 'superseded' })
  await ctx.publishDirectory()
  await ctx.audit('cert.issued', { serial: cert.serial, device, superseded: superseded.map((c) => c.record.serial), ip }, user.id)
  return { certificate: pem, root: ctx.ca.rootPem, serial: cert.serial }
}
