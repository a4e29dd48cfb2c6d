// zt sign-test <file> --pin <PIN>: an SM2 signature of the file's bytes with this device's key, so
// that an independent tool (OpenSSL) can check the product's signatures.
import { readFile } from 'node:fs/promises'
import { toHex } from '../../core/crypto/bytes'
import { sm2Sign } from '../../core/crypto/sm2'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { noExtraPositionals, parseCommandArgs, requireOption, requirePositional } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { openDeviceKey, readDeviceKey } from '../deviceKey'
import { profileHome } from '../profile'

export async function signTest(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { pin: { type: 'string' } })
  const file = requirePositional(positionals, 0, '文件')
  noExtraPositionals(positionals, 1)
  const pin = requireOption(values.pin, 'pin')
  const record = await readDeviceKey(profileHome(values.home, ctx.env))
  if (!record) throw new CliError(CLI_MESSAGES.noDeviceKey)
  const keys = openDeviceKey(record, pin)
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await readFile(file))
  } catch {
    throw new CliError(CLI_MESSAGES.fileUnreadable(file))
  }
  ctx.out(CLI_MESSAGES.signature(toHex(sm2Sign(bytes, keys.privateKey, { publicKey: keys.publicKey })), keys.publicKey))
}
