// POST /api/commands (ARCHITECTURE.md §3.2): a signed command is checked — its shape, that its
// actor is the caller, its SM2 signature against a certificate of the actor that is neither
// revoked nor expired when the server receives it, its clock, then its own rule — and answered
// accepted with a sequence number or rejected with a reason. Answers are kept by id, so a replay
// gets the first answer. Revocation is judged at receipt, never by the time the signer wrote: a
// revoked key can write any time it likes (see decisions.md, "Revocation is judged at receipt").
import { commandSchema, verifyCommandSignature, type Command } from '../../src/core/command/envelope'
import { payloadProblem } from '../../src/core/command/registry'
import { errorMessage } from '../../src/core/messages/errors'
import { preparePublicKey, type PreparedPublicKey } from '../../src/core/crypto/sm2'
import { parseCertificate, isWithinValidity, type Certificate } from '../../src/core/pki/certificate'
import { fromPem } from '../../src/core/pki/der'
import type { CertRecord, CommandRecord, Storage, UserRecord } from '../../src/core/storage/types'
import { COMMAND_RULES } from './rules'
import type { RuleContext, Verdict } from './ruleContract'
import type { AuditFn } from '../audit/AuditLog'
import { trackDurable } from '../storage/staging'

/** certificates kept parsed, the most recently used (each ~140 KB with its prepared key) */
const PARSED_CERTS = 256
/** precomputation window of a kept key: as fast to verify with as the default 8, a quarter of its memory */
const KEY_WINDOW = 6

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

/** a certificate as the signature check needs it: parsed once, its key prepared for verifying */
interface ParsedCert {
  pem: string
  cert: Certificate
  prepared: PreparedPublicKey
}

export class CommandService {
  /** by serial: parsing a certificate and preparing its key cost more than the verification itself */
  private readonly parsed = new Map<string, ParsedCert>()

  constructor(
    private readonly storage: Storage,
    private readonly ruleContext: RuleContext,
    private readonly audit: AuditFn,
  ) {}

  /**
   * One command at a time, across every process sharing the store: a rule's check and its effects
   * see the same state. The lock is held while the command is judged and its writes staged; the
   * answer waits until they (and every command's before them) are durable, so commands judged one
   * after another share a fdatasync (see Storage.staged).
   */
  async submit(raw: unknown, caller: UserRecord, now = this.ruleContext.clock()): Promise<CommandAnswer> {
    const { value, durable } = await this.storage.withLock('commands', async () => {
      await this.storage.catchUp()
      return this.storage.staged(() => this.submitNow(raw, caller, now))
    })
    await durable
    return value
  }

  private async submitNow(raw: unknown, caller: UserRecord, now: Date): Promise<CommandAnswer> {
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
    const earlier = await this.storage.command(cmd.id)
    if (earlier) return answerOf(earlier)
    const code = this.check(cmd, caller, now)
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

  /** Everything but the command's own rule; returns a reason code, or null when it passes. */
  private check(cmd: Command, caller: UserRecord, now: Date): string | null {
    const at = new Date(cmd.at)
    if (at.getTime() - now.getTime() > MAX_FUTURE_SKEW_MS) return 'clock_skew'
    if (!COMMAND_RULES[cmd.type]) return 'unknown_command'
    const certs = this.storage.certsOf(caller.id)
    if (certs.length === 0) return 'not_enrolled'
    let revoked = false
    for (const record of certs) {
      const { cert, prepared } = this.parsedCert(record)
      if (!verifyCommandSignature(cmd, cert.publicKey, prepared)) continue
      // judged when it arrives: the holder of a revoked key could backdate `at` at will
      if (record.revokedAt && Date.parse(record.revokedAt) <= now.getTime()) {
        revoked = true
        continue
      }
      if (!isWithinValidity(cert, now)) return 'certificate_expired'
      return null
    }
    return revoked ? 'certificate_revoked' : 'bad_signature'
  }

  /** Revocation is read from the record each time; only what the PEM alone decides is kept. */
  private parsedCert(record: CertRecord): ParsedCert {
    const known = this.parsed.get(record.serial)
    if (known && known.pem === record.pem) {
      // most recently used last, so the oldest is first to go
      this.parsed.delete(record.serial)
      this.parsed.set(record.serial, known)
      return known
    }
    const cert = parseCertificate(fromPem('CERTIFICATE', record.pem))
    const entry = { pem: record.pem, cert, prepared: preparePublicKey(cert.publicKey, KEY_WINDOW) }
    this.parsed.set(record.serial, entry)
    if (this.parsed.size > PARSED_CERTS) this.parsed.delete(this.parsed.keys().next().value!)
    return entry
  }

}

function answerOf(record: CommandRecord): CommandAnswer {
  return record.status === 'accepted'
    ? { status: 'accepted', id: record.id, seq: record.seq, ...(record.result ? { result: record.result } : {}) }
    : { status: 'rejected', id: record.id, error: record.reason, message: errorMessage(record.reason ?? 'server_error', record.reasonParams), ...(record.reasonParams ? { params: record.reasonParams } : {}) }
}

function reject(cmd: Command, code: string, params?: Record<string, string>): CommandAnswer {
  return { status: 'rejected', id: cmd.id, error: code, message: errorMessage(code, params), ...(params ? { params } : {}) }
}
