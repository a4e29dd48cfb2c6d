// The zt command line: picks the command, runs it, and turns every failure into one Chinese line
// on stderr and a non-zero exit code.
import { CLI_MESSAGES } from '../core/messages/cli'
import { CLOSE_FORBIDDEN, CLOSE_NO_ROOM, CLOSE_UNAUTHENTICATED } from '../core/sync/messages'
import { CliError } from './CliError'
import type { CliContext } from './CliContext'
import { adminRevoke } from './commands/adminRevoke'
import { archiveBorrow, archiveCheck, archiveLoans, archiveExport, archiveFile, archiveLend, archiveList, archivePending, archiveRead, archiveRevise, archiveSettings, archiveSign, archiveTransfer } from './commands/archive'
import { verify } from './commands/verify'
import { meetingApprove, meetingCancel, meetingCheckin, meetingCode, meetingDone, meetingMinutesToDoc, meetingTask, meetingReply, meetingList, meetingRefuse, meetingRequest, meetingShow, roomCreate, roomList, roomStats } from './commands/meeting'
import { sealCreate, sealHolders, sealList, sealResume, sealRevoke, sealSuspend } from './commands/seal'
import { auditVerify } from './commands/auditVerify'
import { certRoot, certShow } from './commands/cert'
import { signTest } from './commands/signTest'
import { docCreate } from './commands/docCreate'
import { docAct, docSubmit } from './commands/docAct'
import { docAttach, docFetch } from './commands/docAttach'
import { docRename } from './commands/docRename'
import { inbox } from './commands/inbox'
import { docShare } from './commands/docShare'
import { sync } from './commands/sync'
import { docShow } from './commands/docShow'
import { docExport } from './commands/docExport'
import { login } from './commands/login'
import { logout } from './commands/logout'
import { whoami } from './commands/whoami'
import { ApiError } from './net/ApiError'
import { RoomClosedError, RoomTimeoutError } from './net/RoomSession'

type Command = (args: string[], ctx: CliContext) => Promise<void>

const COMMANDS: Record<string, Command> = { login, whoami, logout, sync, inbox, verify, 'sign-test': signTest }
const GROUPS: Record<string, Record<string, Command>> = {
  doc: { create: docCreate, show: docShow, share: docShare, rename: docRename, submit: docSubmit, act: docAct, attach: docAttach, fetch: docFetch, export: docExport },
  audit: { verify: auditVerify },
  cert: { show: certShow, root: certRoot },
  admin: { revoke: adminRevoke },
  archive: { pending: archivePending, file: archiveFile, sign: archiveSign, list: archiveList, export: archiveExport, check: archiveCheck, transfer: archiveTransfer, borrow: archiveBorrow, lend: archiveLend, read: archiveRead, loans: archiveLoans, revise: archiveRevise, settings: archiveSettings },
  room: { create: roomCreate, list: roomList, stats: roomStats },
  meeting: { 'minutes-to-doc': meetingMinutesToDoc, task: meetingTask, done: meetingDone, code: meetingCode, checkin: meetingCheckin, reply: meetingReply, request: meetingRequest, approve: meetingApprove, refuse: meetingRefuse, cancel: meetingCancel, show: meetingShow, list: meetingList },
  seal: { create: sealCreate, list: sealList, holders: sealHolders, suspend: sealSuspend, resume: sealResume, revoke: sealRevoke },
}

export interface RunIo extends CliContext {
  err(text: string): void
}

/** Runs one command line; resolves to the exit code. */
export async function run(argv: string[], io: RunIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined) {
    io.err(CLI_MESSAGES.usage)
    return 2
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    io.out(CLI_MESSAGES.usage)
    return 0
  }
  try {
    const command = pick(name, rest)
    await command.run(command.args, io)
    return 0
  } catch (err) {
    const { message, exitCode } = describe(err)
    if (message) io.err(message)
    return exitCode
  }
}

function pick(name: string, rest: string[]): { run: Command; args: string[] } {
  const group = GROUPS[name]
  if (group) {
    const [sub, ...args] = rest
    const command = sub === undefined ? undefined : group[sub]
    if (!command) throw new CliError(sub === undefined ? CLI_MESSAGES.missingArgument(Object.keys(group).join(' | ')) : CLI_MESSAGES.unknownCommand(`${name} ${sub}`), 2)
    return { run: command, args }
  }
  const command = COMMANDS[name]
  if (!command) throw new CliError(`${CLI_MESSAGES.unknownCommand(name)}\n\n${CLI_MESSAGES.usage}`, 2)
  return { run: command, args: rest }
}

function describe(err: unknown): { message: string; exitCode: number } {
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode }
  if (err instanceof ApiError) {
    const message =
      err.code === 'unauthenticated' ? CLI_MESSAGES.sessionExpired
      : err.code === 'network' ? CLI_MESSAGES.serverUnreachable
      : err.message
    return { message, exitCode: 1 }
  }
  if (err instanceof RoomClosedError) {
    const message =
      err.code === CLOSE_FORBIDDEN ? CLI_MESSAGES.roomForbidden
      : err.code === CLOSE_NO_ROOM ? CLI_MESSAGES.roomNotFound
      : err.code === CLOSE_UNAUTHENTICATED ? CLI_MESSAGES.sessionExpired
      : CLI_MESSAGES.roomRefused(err.code)
    return { message, exitCode: 1 }
  }
  if (err instanceof RoomTimeoutError) {
    return { message: err.waitingFor === 'synced' ? CLI_MESSAGES.syncTimeout : CLI_MESSAGES.persistTimeout, exitCode: 1 }
  }
  return { message: err instanceof Error ? err.message : String(err), exitCode: 1 }
}
