// POST /api/commands (ARCHITECTURE.md §3.2): a signed command is checked — its shape, that its
// actor is the caller, its SM2 signature against a certificate of the actor that was not revoked
// when the actor signed, its clock, then its own rule — and answered accepted with a sequence
// number or rejected with a reason. Answers are kept by id, so a replay gets the first answer.
import { commandSchema, verifyCommandSignature, type Command } from '../../src/core/command/envelope'
import { errorMessage } from '../../src/core/messages/errors'
import { parseCertificate, isWithinValidity } from '../../src/core/pki/certificate'
import { fromPem } from '../../src/core/pki/der'
import type { CommandRecord, Storage, UserRecord } from '../storage/types'
import { COMMAND_RULES, type RuleContext, type Verdict } from './rules'

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

export class CommandService {
  // one command at a time: a rule's check and its effects must see the same state
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly storage: Storage,
    private readonly ruleContext: RuleContext,
    private readonly audit: (type: string, detail: Record<string, unknown>, actor?: string) => void,
  ) {}

  submit(raw: unknown, caller: UserRecord, now = new Date()): Promise<CommandAnswer> {
    const next = this.queue.then(() => this.submitNow(raw, caller, now))
    this.queue = next.catch(() => undefined)
    return next
  }

  private async submitNow(raw: unknown, caller: UserRecord, now: Date): Promise<CommandAnswer> {
    const parsed = commandSchema.safeParse(raw)
    if (!parsed.success) return { status: 'rejected', id: String((raw as { id?: unknown })?.id ?? ''), error: 'bad_command', message: errorMessage('bad_command') }
    const cmd = parsed.data
    // someone else's command is refused unrecorded, so nobody can spend another's command id
    if (cmd.actor !== caller.id) return reject(cmd, 'actor_mismatch')
    const earlier = this.storage.command(cmd.id)
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
    this.audit(reason ? 'command.rejected' : 'command.accepted', { id: cmd.id, type: cmd.type, room: cmd.room, seq: record.seq, reason }, caller.id)
    if (!verdict.refused) await verdict.apply(record.seq!)
    return answerOf(record)
  }

  /** Everything but the command's own rule; returns a reason code, or null when it passes. */
  private check(cmd: Command, caller: UserRecord, now: Date): string | null {
    const at = new Date(cmd.at)
    if (at.getTime() - now.getTime() > MAX_FUTURE_SKEW_MS) return 'clock_skew'
    if (!COMMAND_RULES[cmd.type]) return 'unknown_command'
    const certs = this.storage.certs().filter((c) => c.userId === caller.id)
    if (certs.length === 0) return 'not_enrolled'
    let revoked = false
    for (const record of certs) {
      const cert = parseCertificate(fromPem('CERTIFICATE', record.pem))
      if (!verifyCommandSignature(cmd, cert.publicKey)) continue
      // a command signed before its key was revoked stays valid; one signed after does not
      if (record.revokedAt && Date.parse(record.revokedAt) <= at.getTime()) {
        revoked = true
        continue
      }
      if (!isWithinValidity(cert, at)) return 'certificate_expired'
      return null
    }
    return revoked ? 'certificate_revoked' : 'bad_signature'
  }

}

function answerOf(record: CommandRecord): CommandAnswer {
  return record.status === 'accepted'
    ? { status: 'accepted', id: record.id, seq: record.seq, ...(record.result ? { result: record.result } : {}) }
    : { status: 'rejected', id: record.id, error: record.reason, message: errorMessage(record.reason ?? 'server_error', record.reasonParams), ...(record.reasonParams ? { params: record.reasonParams } : {}) }
}

function reject(cmd: Command, code: string): CommandAnswer {
  return { status: 'rejected', id: cmd.id, error: code, message: errorMessage(code) }
}
