// POST /api/commands (ARCHITECTURE.md §3.2): a signed command is checked — its shape, that its
// actor is the caller, its SM2 signature against a certificate of the actor that is neither
// revoked nor expired when the server receives it, its clock, then its own rule — and answered
// accepted with a sequence number or rejected with a reason. Answers are kept by id, so a replay
// gets the first answer. Revocation is judged at receipt, never by the time the signer wrote: a
// revoked key can write any time it likes (see decisions.md, "Revocation is judged at receipt").
import { commandSchema, commandSigningBytes, type Command } from '../../src/core/command/envelope'
import { payloadProblem } from '../../src/core/command/registry'
import { errorMessage } from '../../src/core/messages/errors'
import { parseCertificate, isWithinValidity, type Certificate } from '../../src/core/pki/certificate'
import { fromPem } from '../../src/core/pki/der'
import type { CertRecord, CommandRecord, Storage, UserRecord } from '../../src/core/storage/types'
import { COMMAND_RULES } from './rules'
import type { RuleContext, Verdict } from './ruleContract'
import type { AuditFn } from '../audit/AuditLog'
import { trackDurable } from '../storage/staging'
import type { SignatureVerifier } from './SignatureVerifier'

/** certificates kept parsed, the most recently used (their keys are kept prepared in the verifier's workers) */
const PARSED_CERTS = 256

/** how far ahead of the server's clock a command's time may be */
const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000

export interface CommandAnswer {
  status: 'accepted' | 'rejected'
  id: string
  seq?: number
  error?: string
  message?: string
  params?: Record<string, string>
  result?: Record<string, unknown>
}

/** a certificate parsed once, with the PEM it was parsed from */
interface ParsedCert {
  pem: string
  cert: Certificate
}

/**
 * What the signature check found before the lock: the certificate whose key verifies the command
 * and that was not revoked then, or the reason code when there is none (or nothing to verify).
 */
type Signed = { signer: { serial: string; pem: string; cert: Certificate } } | { code: string }

export class CommandService {
  /** by serial: parsing a certificate costs more than reading its record each time */
  private readonly parsed = new Map<string, ParsedCert>()

  constructor(
    private readonly storage: Storage,
    private readonly ruleContext: RuleContext,
    private readonly audit: AuditFn,
    private readonly verifier: SignatureVerifier,
  ) {}

  /**
   * One command at a time, across every process sharing the store: a rule's check and its effects
   * see the same state. The shape and the signature are checked first, outside the lock (the
   * signature in a worker, server/commands/SignatureVerifier.ts), so the lock covers the judging
   * and the staging of its writes; the certificate's revocation is read again under it. The answer
   * waits until its writes (and every command's before them) are durable, so commands judged one
   * after another share a fdatasync (see Storage.staged).
   */
  async submit(raw: unknown, caller: UserRecord, now = this.ruleContext.clock()): Promise<CommandAnswer> {
    const parsed = commandSchema.safeParse(raw)
    if (!parsed.success) return { status: 'rejected', id: String((raw as { id?: unknown })?.id ?? ''), error: 'bad_command', message: errorMessage('bad_command') }
    const cmd = parsed.data
    // someone else's command is refused unrecorded, so nobody can spend another's command id
    if (cmd.actor !== caller.id) return reject(cmd, 'actor_mismatch')
    // a payload that is not its type's (unknown fields, oversize, impossible dates) is refused
    // before anything is stored or verified: the signature check's canonical JSON never sees it
    const problem = payloadProblem(cmd.type, cmd.payload)
    if (problem) {
      this.audit('command.rejected', { id: cmd.id, type: cmd.type, room: cmd.room, reason: problem.code, ...problem.params }, caller.id)
      return reject(cmd, problem.code, problem.params)
    }
    const signed = await this.verifySignature(cmd, caller, now)
    const { value, durable } = await this.storage.withLock('commands', async () => {
      await this.storage.catchUp()
      return this.storage.staged(() => this.judge(cmd, caller, now, signed))
    })
    await durable
    return value
  }

  /** Under the lock: the command's rule, its record and its effects. */
  private async judge(cmd: Command, caller: UserRecord, now: Date, signed: Signed): Promise<CommandAnswer> {
    // a replay gets the first answer, whatever has happened to its key since
    const earlier = await this.storage.command(cmd.id)
    if (earlier) return answerOf(earlier)
    const code = 'code' in signed ? signed.code : await this.signerProblem(cmd, caller, now, signed.signer)
    const verdict: Verdict = code ? { refused: { code } } : await COMMAND_RULES[cmd.type]!.judge(cmd, caller, this.ruleContext, now)
    const reason = verdict.refused?.code
    // not yet enrolled is no verdict on the command: the client enrols and sends it again
    if (reason === 'not_enrolled') {
      this.audit('command.rejected', { id: cmd.id, type: cmd.type, room: cmd.room, reason }, caller.id)
      return reject(cmd, reason)
    }
    const record = await this.storage.putCommand(
      {
        id: cmd.id, actor: cmd.actor, type: cmd.type, room: cmd.room, at: cmd.at, receivedAt: now.toISOString(),
        status: reason ? 'rejected' : 'accepted',
        ...(verdict.refused ? { reason, ...(verdict.refused.params ? { reasonParams: verdict.refused.params } : {}) } : {
          payload: cmd.payload, ...(cmd.contentHash ? { contentHash: cmd.contentHash } : {}), ...(verdict.result ? { result: verdict.result } : {}),
          sig: cmd.sig, ...(cmd.prev ? { prev: cmd.prev } : {}),
        }),
      },
      verdict.refused ? {} : verdict.counters,
    )
    // the effects follow the stored command whatever the audit append does; the answer waits for both
    const audited = this.audit(reason ? 'command.rejected' : 'command.accepted', { id: cmd.id, type: cmd.type, room: cmd.room, seq: record.seq, reason }, caller.id)
    if (!verdict.refused) await verdict.apply(record.seq!)
    // in a stage the answer waits for the audit record with the rest; elsewhere, here
    if (!trackDurable(audited)) await audited
    return answerOf(record)
  }

  /**
   * Before the lock, everything but the command's own rule: its clock, its type, and which of the
   * actor's certificates verifies its signature (revoked ones last: a revoked key is never
   * certified again, so a key that verifies has one certificate that is not revoked, or none).
   */
  private async verifySignature(cmd: Command, caller: UserRecord, now: Date): Promise<Signed> {
    const at = new Date(cmd.at)
    if (at.getTime() - now.getTime() > MAX_FUTURE_SKEW_MS) return { code: 'clock_skew' }
    if (!COMMAND_RULES[cmd.type]) return { code: 'unknown_command' }
    const certs = this.storage.certsOf(caller.id)
    if (certs.length === 0) return { code: 'not_enrolled' }
    const live = certs.filter((c) => !revokedBy(c, now))
    const signer = await this.signerAmong(cmd, live)
    if (signer) return { signer }
    return { code: (await this.signerAmong(cmd, certs.filter((c) => revokedBy(c, now)))) ? 'certificate_revoked' : 'bad_signature' }
  }

  /**
   * Under the lock: the signer's certificate as it stands now. Revoked since the signature was
   * checked (or changed), the command is checked again against the certificates on record.
   */
  private async signerProblem(cmd: Command, caller: UserRecord, now: Date, signer: { serial: string; pem: string; cert: Certificate }): Promise<string | null> {
    // judged when it is judged, as at receipt: a key revoked while the command waited signs nothing
    const judgedAt = new Date(Math.max(now.getTime(), this.ruleContext.clock().getTime()))
    const record = this.storage.certsOf(caller.id).find((c) => c.serial === signer.serial)
    if (!record || record.pem !== signer.pem || revokedBy(record, judgedAt)) {
      const again = await this.verifySignature(cmd, caller, judgedAt)
      if ('code' in again) return again.code
      signer = again.signer
    }
    return isWithinValidity(signer.cert, now) ? null : 'certificate_expired'
  }

  /** The first of `certs` whose key verifies the command's signature. */
  private async signerAmong(cmd: Command, certs: CertRecord[]): Promise<{ serial: string; pem: string; cert: Certificate } | null> {
    if (certs.length === 0) return null
    const bytes = commandSigningBytes(cmd)
    for (const record of certs) {
      const cert = this.parsedCert(record)
      if (await this.verifier.verify(bytes, cmd.sig, cert.publicKey)) return { serial: record.serial, pem: record.pem, cert }
    }
    return null
  }

  /** Revocation is read from the record each time; only what the PEM alone decides is kept. */
  private parsedCert(record: CertRecord): Certificate {
    const known = this.parsed.get(record.serial)
    if (known && known.pem === record.pem) {
      // most recently used last, so the oldest is first to go
      this.parsed.delete(record.serial)
      this.parsed.set(record.serial, known)
      return known.cert
    }
    const cert = parseCertificate(fromPem('CERTIFICATE', record.pem))
    this.parsed.set(record.serial, { pem: record.pem, cert })
    if (this.parsed.size > PARSED_CERTS) this.parsed.delete(this.parsed.keys().next().value!)
    return cert
  }
}

/** judged by the server's clock, never by the signer's: the holder of a revoked key could backdate `at` at will */
function revokedBy(record: CertRecord, when: Date): boolean {
  return record.revokedAt !== undefined && Date.parse(record.revokedAt) <= when.getTime()
}

function answerOf(record: CommandRecord): CommandAnswer {
  return record.status === 'accepted'
    ? { status: 'accepted', id: record.id, seq: record.seq, ...(record.result ? { result: record.result } : {}) }
    : { status: 'rejected', id: record.id, error: record.reason, message: errorMessage(record.reason ?? 'server_error', record.reasonParams), ...(record.reasonParams ? { params: record.reasonParams } : {}) }
}

function reject(cmd: Command, code: string, params?: Record<string, string>): CommandAnswer {
  return { status: 'rejected', id: cmd.id, error: code, message: errorMessage(code, params), ...(params ? { params } : {}) }
}
