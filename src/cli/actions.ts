// How a CLI command acts (ARCHITECTURE.md §3.2): sign with the device key, queue durably, then
// (unless --offline) send everything queued, in order. Each answer is printed; the command's own
// rejection becomes the exit status.
import type { CommandAnswer } from '../core/api/http'
import { commandSchema, signCommand } from '../core/command/envelope'
import { CLI_MESSAGES } from '../core/messages/cli'
import { errorMessage } from '../core/messages/errors'
import { payloadProblem, type CommandType, type PayloadOf } from '../core/command/registry'
import { CliError } from './CliError'
import type { CliContext } from './CliContext'
import { openDeviceKey, readDeviceKey } from './deviceKey'
import type { Sm2KeyPair } from '../core/crypto/sm2'
import { apiClient } from './net/api'
import { ApiError } from '../core/api/ApiError'
import { dequeue, enqueue, keepRefused, queued } from './outbox'
import { requireProfile, type Profile } from './profile'

/** Options every acting command takes. */
export const ACT_OPTIONS = {
  pin: { type: 'string' },
  offline: { type: 'boolean' },
} as const

export interface ActOptions {
  home: string
  pin?: string
  offline?: boolean
}

/** The user's device key pair, unlocked with the PIN (option or ZT_PIN). */
export async function deviceKeys(ctx: CliContext, opts: ActOptions): Promise<Sm2KeyPair> {
  const profile = await requireProfile(opts.home, ctx.now())
  const record = await readDeviceKey(opts.home)
  if (!record || record.userId !== profile.user.id) throw new CliError(CLI_MESSAGES.noDeviceKey, 1)
  const pin = opts.pin ?? ctx.env.ZT_PIN
  if (!pin) throw new CliError(CLI_MESSAGES.pinNeeded, 2)
  return openDeviceKey(record, pin)
}

/** A command the compiler has checked: a declared type and that type's payload. */
export interface CommandRequest<K extends CommandType> {
  type: K
  room: string
  payload: PayloadOf<K>
  contentHash?: string
}

export async function act<K extends CommandType>(ctx: CliContext, opts: ActOptions, command: CommandRequest<K>): Promise<CommandAnswer | null> {
  // judged as the server will judge it, before the PIN is asked for or anything is queued
  const problem = payloadProblem(command.type, command.payload)
  if (problem) throw new CliError(CLI_MESSAGES.commandRejected(errorMessage(problem.code, problem.params)), 2)
  const profile = await requireProfile(opts.home, ctx.now())
  const keys = await deviceKeys(ctx, opts)
  const signed = signCommand({ ...command, id: crypto.randomUUID(), actor: profile.user.id, at: ctx.now().toISOString() }, keys.privateKey, keys.publicKey)
  // a command the outbox could not read back would wait there silently: refuse it loudly here
  if (!commandSchema.safeParse(signed).success) throw new Error(`malformed command ${command.type}`)
  await enqueue(opts.home, signed)
  if (opts.offline) {
    ctx.out(CLI_MESSAGES.queuedOffline(signed.id))
    return null
  }
  const answers = await flush(ctx, opts.home, profile, signed.id)
  const mine = answers.get(signed.id)
  if (!mine) return null
  if (mine.status === 'rejected') throw new CliError(CLI_MESSAGES.commandRejected(mine.message ?? mine.error ?? ''), 1)
  return mine
}

/**
 * Sends the queue in order; prints each answer (the `quietId` one is left to its caller). Stops at
 * the first network failure, leaving the rest queued.
 */
export async function flush(ctx: CliContext, home: string, profile: Profile, quietId?: string): Promise<Map<string, CommandAnswer>> {
  const api = apiClient(profile.server, profile.token)
  const answers = new Map<string, CommandAnswer>()
  for (const entry of await queued(home)) {
    let answer: CommandAnswer
    try {
      answer = await api.submit(entry.command)
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'network' || err.status >= 500)) {
        ctx.out(CLI_MESSAGES.stillQueued)
        break
      }
      throw err
    }
    // not enrolled is no verdict: keep it for after `zt login --pin`
    if (answer.status === 'rejected' && answer.error === 'not_enrolled') throw new CliError(CLI_MESSAGES.commandRejected(answer.message ?? ''), 1)
    if (answer.status === 'rejected') await keepRefused(home, entry, answer)
    else await dequeue(entry)
    answers.set(entry.command.id, answer)
    if (entry.command.id !== quietId) ctx.out(CLI_MESSAGES.commandAnswer(entry.command.type, entry.command.id, answer))
  }
  return answers
}
