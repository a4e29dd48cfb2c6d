// A device's SM2 key at rest under a PIN (browser build and CLI): generated on the device at first
// sign-in, the private half wrapped with PBKDF2-HMAC-SM3 → SM4-GCM, never sent anywhere. The
// server sees only the public key, when it issues the certificate. The desktop build keeps its
// key in the main process under the OS key store instead (src/main/keys).
import * as z from 'zod'
import { unwrapSecret, wrapSecret, WrongPinError } from '../crypto/keyWrap'
import { generateSm2KeyPair, publicKeyOf, type Sm2KeyPair } from '../crypto/sm2'

export const deviceKeySchema = z.object({
  userId: z.string(),
  publicKey: z.string(),
  wrapped: z.object({ kdf: z.literal('pbkdf2-hmac-sm3'), iterations: z.number(), salt: z.string(), iv: z.string(), ciphertext: z.string(), tag: z.string() }),
  certificate: z.string().optional(),
})
export type DeviceKey = z.infer<typeof deviceKeySchema>

/** 6 to 12 digits, as bank and government tokens ask. */
export function isValidPin(pin: string): boolean {
  return /^\d{6,12}$/.test(pin)
}

export class BadPinError extends Error {
  constructor() {
    super('PIN must be 6 to 12 digits')
    this.name = 'BadPinError'
  }
}

/** A new key pair for `userId`, wrapped under `pin`. */
export function createDeviceKey(userId: string, pin: string, random: (n: number) => Uint8Array, iterations?: number): { record: DeviceKey; keys: Sm2KeyPair } {
  if (!isValidPin(pin)) throw new BadPinError()
  const keys = generateSm2KeyPair()
  return { record: { userId, publicKey: keys.publicKey, wrapped: wrapSecret(keys.privateKey, pin, random, iterations) }, keys }
}

/** The key pair, opened with the PIN; a wrong PIN throws WrongPinError. */
export function openDeviceKey(record: DeviceKey, pin: string): Sm2KeyPair {
  const privateKey = unwrapSecret(record.wrapped, pin)
  if (publicKeyOf(privateKey) !== record.publicKey) throw new WrongPinError()
  return { privateKey, publicKey: record.publicKey }
}

export { WrongPinError }
