// zt doc attach <id> <file> [--name …]: stores a file on the server under its SM3 and lists it in
// the document's attachments (holders of an editing step only). zt doc fetch <id> <name|sm3>
// --out <file>: downloads an attachment and checks its SM3 before writing it.
import { readFile, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { sm3Hex } from '../../core/crypto/sm3'
import type { FileRef } from '../../core/docflow/content'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { noExtraPositionals, parseCommandArgs, requireOption, requirePositional } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'
import { parseDocId } from '../docOptions'
import { apiClient } from '../net/api'
import { RoomSession } from '../net/RoomSession'
import { profileHome, requireProfile } from '../profile'
import { loadRoom } from '../roomCache'

export async function docAttach(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { name: { type: 'string' } })
  const { room } = parseDocId(requirePositional(positionals, 0, '文档编号'))
  const path = requirePositional(positionals, 1, '文件')
  noExtraPositionals(positionals, 2)
  const profile = await requireProfile(profileHome(values.home, ctx.env), ctx.now())
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await readFile(path))
  } catch {
    throw new CliError(CLI_MESSAGES.fileUnreadable(path))
  }
  const api = apiClient(profile.server, profile.token)
  const { sm3, size } = await api.uploadBlob(room, bytes)
  const ref: FileRef = { name: (values.name ?? basename(path)).normalize('NFC'), size, sm3 }
  const session = new RoomSession({ syncUrl: api.syncUrl, token: profile.token, room })
  try {
    await session.whenSynced()
    session.doc.getArray<FileRef>('files').push([ref])
    await session.whenPersisted()
  } finally {
    session.destroy()
  }
  ctx.out(CLI_MESSAGES.attached(ref.name, sm3))
}

export async function docFetch(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' } })
  const { room } = parseDocId(requirePositional(positionals, 0, '文档编号'))
  const which = requirePositional(positionals, 1, '附件名称或 SM3')
  noExtraPositionals(positionals, 2)
  const out = requireOption(values.out, 'out')
  const home = profileHome(values.home, ctx.env)
  const profile = await requireProfile(home, ctx.now())
  const doc = await loadRoom(home, profile, room)
  const ref = doc.getArray<FileRef>('files').toArray().find((f) => f.sm3 === which || f.name === which)
  if (!ref) throw new CliError(CLI_MESSAGES.noAttachment(which), 1)
  const bytes = await apiClient(profile.server, profile.token).downloadBlob(room, ref.sm3)
  if (sm3Hex(bytes) !== ref.sm3) throw new CliError(CLI_MESSAGES.attachmentCorrupt(ref.name), 1)
  await writeFile(out, bytes)
  ctx.out(CLI_MESSAGES.fetched(ref.name, out))
}
