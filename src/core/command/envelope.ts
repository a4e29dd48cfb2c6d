// Signed commands (ARCHITECTURE.md §3.2): every workflow action is an envelope signed with the
// actor's SM2 key over the canonical JSON of everything but the signature. Routing decisions do
// not merge as CRDT edits do: the server accepts or rejects each command against the reduced log.
import * as z from 'zod'
import { canonicalJson, type Json } from '../crypto/canonicalJson'
import { fromHex, toHex, utf8 } from '../crypto/bytes'
import { sm2Sign, sm2Verify, type PreparedPublicKey } from '../crypto/sm2'

export const commandSchema = z.object({
  id: z.string().uuid(),
  type: z.string().regex(/^[a-z]+(\.[a-z]+)+$/).max(64),
  room: z.string().max(100),
  actor: z.string().max(64),
  /** ISO 8601 time the actor acted (the client's clock) */
  at: z.string().datetime({ offset: true }),
  payload: z.record(z.string(), z.unknown()),
  /** SM3 hex of the canonical content the action names (sign-off, seal, archive) */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** id of the command this one follows, when the actor saw one */
  prev: z.string().uuid().optional(),
  /** DER hex of the SM2 signature */
  sig: z.string().regex(/^[0-9a-f]+$/).max(300),
})
export type Command = z.infer<typeof commandSchema>
export type UnsignedCommand = Omit<Command, 'sig'>

/** What a command's signature covers, as canonical JSON (kept with a filed record to re-verify it). */
export function commandSigningText(command: UnsignedCommand): string {
  const { id, type, room, actor, at, payload, contentHash, prev } = command
  return canonicalJson({ id, type, room, actor, at, payload: payload as Json, contentHash, prev })
}

/** The exact bytes a command's signature covers. */
export function commandSigningBytes(command: UnsignedCommand): Uint8Array {
  return utf8(commandSigningText(command))
}

export function signCommand(command: UnsignedCommand, privateKey: string, publicKey: string): Command {
  return { ...command, sig: toHex(sm2Sign(commandSigningBytes(command), privateKey, { publicKey })) }
}

export function verifyCommandSignature(command: Command, publicKey: string, prepared?: PreparedPublicKey): boolean {
  let sig: Uint8Array
  try {
    sig = fromHex(command.sig)
  } catch {
    return false
  }
  return sm2Verify(commandSigningBytes(command), sig, publicKey, { prepared })
}
