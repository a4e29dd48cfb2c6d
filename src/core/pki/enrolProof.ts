// Proof of possession for enrolment (POST /api/enroll): the device signs, with the key it asks to
// have certified, an envelope naming the user, the key, the device and the time — the role a CSR's
// self-signature plays. The CA certifies only a key whose holder signed such a proof for the
// signed-in user within a few minutes of the server's clock. Its type is not a command type, so a
// proof is never accepted as a command, nor a command as a proof.
import * as z from 'zod'
import { commandSchema, verifyCommandSignature, type Command, type UnsignedCommand } from '../command/envelope'
import { deviceIdSchema } from './deviceId'

export { deviceIdSchema }

export const ENROL_PROOF_TYPE = 'key.enroll'
/** how far a proof's time may be from the server's */
export const ENROL_PROOF_WINDOW_MS = 5 * 60 * 1000

export const enrolProofPayloadSchema = z.strictObject({ publicKey: z.string(), device: deviceIdSchema })

/** The envelope a device signs with its new key to enrol it. */
export function enrolProof(input: { id: string; userId: string; publicKey: string; device: string; at: Date }): UnsignedCommand {
  return { id: input.id, type: ENROL_PROOF_TYPE, room: '', actor: input.userId, at: input.at.toISOString(), payload: { publicKey: input.publicKey.toLowerCase(), device: input.device } }
}

/** Why `proof` does not prove that the holder of `publicKey` asks for it for `userId` on `device` now; null when it does. */
export function enrolProofProblem(proof: unknown, expected: { userId: string; publicKey: string; device: string; now: Date }): string | null {
  const parsed = commandSchema.safeParse(proof)
  if (!parsed.success) return 'malformed'
  const cmd: Command = parsed.data
  if (cmd.type !== ENROL_PROOF_TYPE || cmd.room !== '' || cmd.contentHash !== undefined || cmd.prev !== undefined) return 'not a proof'
  if (cmd.actor !== expected.userId) return 'another user'
  const payload = enrolProofPayloadSchema.safeParse(cmd.payload)
  if (!payload.success || payload.data.publicKey !== expected.publicKey.toLowerCase() || payload.data.device !== expected.device) return 'another key or device'
  if (Math.abs(Date.parse(cmd.at) - expected.now.getTime()) > ENROL_PROOF_WINDOW_MS) return 'stale'
  return verifyCommandSignature(cmd, expected.publicKey.toLowerCase()) ? null : 'bad signature'
}
