// The device's SM2 key for the CLI: generated here at first sign-in, kept in the profile directory
// encrypted under the user's PIN (PBKDF2-HMAC-SM3 → SM4-GCM), never sent anywhere. The server
// sees only the public key, when it issues the certificate.
import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sm2KeyPair } from '../core/crypto/sm2'
import { BadPinError, createDeviceKey, deviceKeySchema, openDeviceKey as openKey, WrongPinError, type DeviceKey } from '../core/keys/deviceKey'
import { CLI_MESSAGES } from '../core/messages/cli'
import { CliError } from './CliError'

const FILE = 'device-key.json'
const random = (n: number): Uint8Array => new Uint8Array(randomBytes(n))

export async function readDeviceKey(home: string): Promise<DeviceKey | null> {
  try {
    return deviceKeySchema.parse(JSON.parse(await readFile(join(home, FILE), 'utf8')))
  } catch {
    return null
  }
}

export async function writeDeviceKey(home: string, key: DeviceKey): Promise<void> {
  await mkdir(home, { recursive: true, mode: 0o700 })
  const path = join(home, FILE)
  await writeFile(`${path}.tmp`, JSON.stringify(key, null, 2) + '\n', { mode: 0o600 })
  await chmod(`${path}.tmp`, 0o600)
  await rename(`${path}.tmp`, path)
}

export type { DeviceKey }

/**
 * Test suites sign thousands of commands through the CLI, each unlocking the key: they may lower
 * the PIN's PBKDF2 cost with ZT_TEST_PIN_ITERATIONS. Never below 1,000, so a stray variable on a
 * user's machine cannot make a key trivially guessable; the count is stored with the key.
 */
function pinIterations(): number | undefined {
  const asked = Number(process.env.ZT_TEST_PIN_ITERATIONS)
  return Number.isInteger(asked) && asked >= 1000 ? asked : undefined
}

const DEVICE_FILE = 'device-id'

/** This installation's id (random, made once per profile directory): the CA keeps one live certificate per device. */
export async function deviceId(home: string): Promise<string> {
  const path = join(home, DEVICE_FILE)
  const kept = (await readFile(path, 'utf8').catch(() => '')).trim()
  if (/^[A-Za-z0-9._-]{8,64}$/.test(kept)) return kept
  const id = `cli-${randomBytes(12).toString('hex')}`
  await mkdir(home, { recursive: true, mode: 0o700 })
  await writeFile(path, id + '\n', { mode: 0o600 })
  return id
}

/** A new key pair for `userId`, wrapped under `pin`. */
export function newDeviceKey(userId: string, pin: string): { record: DeviceKey; keys: Sm2KeyPair } {
  try {
    return createDeviceKey(userId, pin, random, pinIterations())
  } catch (err) {
    if (err instanceof BadPinError) throw new CliError(CLI_MESSAGES.badPin, 2)
    throw err
  }
}

/** The private key, opened with the PIN; a wrong PIN is refused with a message. */
export function openDeviceKey(record: DeviceKey, pin: string): Sm2KeyPair {
  try {
    return openKey(record, pin)
  } catch (err) {
    if (err instanceof WrongPinError) throw new CliError(CLI_MESSAGES.wrongPin, 1)
    throw err
  }
}
