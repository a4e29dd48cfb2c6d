// The zt command line: picks the command, runs it, and turns every failure into one Chinese line
// on stderr and a non-zero exit code.
import { CLI_MESSAGES } from '../core/messages/cli'
import { CLOSE_FORBIDDEN, CLOSE_NO_ROOM, CLOSE_STORAGE_FULL, CLOSE_UNAUTHENTICATED } from '../core/sync/closeCodes'
import { CliError } from './CliError'
import type { CliContext } from './CliContext'
import { ApiError } from '../core/api/ApiError'
import { RoomClosedError, RoomTimeoutError } from './net/roomErrors'

type Command = (args: string[], ctx: CliContext) => Promise<void>
/** commands load when picked: `zt whoami` does not parse the PDF, archive and room code */
type Lazy = () => Promise<Command>

const COMMANDS: Record<string, Lazy> = {
  login: () => import('./commands/login').then((m) => m.login),
  whoami: () => import('./commands/whoami').then((m) => m.whoami),
  logout: () => import('./commands/logout').then((m) => m.logout),
  sync: () => import('./commands/sync').then((m) => m.sync),
  inbox: () => import('./commands/inbox').then((m) => m.inbox),
  verify: () => import('./commands/verify').then((m) => m.verify),
  'sign-test': () => import('./commands/signTest').then((m) => m.signTest),
}
const GROUPS: Record<string, Record<string, Lazy>> = {
  doc: {
    create: () => import('./commands/docCreate').then((m) => m.docCreate),
    show: () => import('./commands/docShow').then((m) => m.docShow),
    share: () => import('./commands/docShare').then((m) => m.docShare),
    rename: () => import('./commands/docRename').then((m) => m.docRename),
    submit: () => import('./commands/docAct').then((m) => m.docSubmit),
    act: () => import('./commands/docAct').then((m) => m.docAct),
    attach: () => import('./commands/docAttach').then((m) => m.docAttach),
    fetch: () => import('./commands/docAttach').then((m) => m.docFetch),
    export: () => import('./commands/docExport').then((m) => m.docExport),
    receipts: () => import('./commands/docReceipts').then((m) => m.docReceipts),
  },
  unit: {
    list: () => import('./commands/unit').then((m) => m.unitList),
    set: () => import('./commands/unit').then((m) => m.unitSet),
  },
  audit: {
    verify: () => import('./commands/auditVerify').then((m) => m.auditVerify),
  },
  cert: {
    show: () => import('./commands/cert').then((m) => m.certShow),
    root: () => import('./commands/cert').then((m) => m.certRoot),
  },
  admin: {
    revoke: () => import('./commands/adminRevoke').then((m) => m.adminRevoke),
    unlock: () => import('./commands/adminRevoke').then((m) => m.adminUnlock),
    'allow-enroll': () => import('./commands/adminRevoke').then((m) => m.adminAllowEnroll),
  },
  archive: {
    pending: () => import('./commands/archive').then((m) => m.archivePending),
    file: () => import('./commands/archive').then((m) => m.archiveFile),
    sign: () => import('./commands/archive').then((m) => m.archiveSign),
    list: () => import('./commands/archive').then((m) => m.archiveList),
    export: () => import('./commands/archive').then((m) => m.archiveExport),
    check: () => import('./commands/archive').then((m) => m.archiveCheck),
    transfer: () => import('./commands/archive').then((m) => m.archiveTransfer),
    borrow: () => import('./commands/archive').then((m) => m.archiveBorrow),
    lend: () => import('./commands/archive').then((m) => m.archiveLend),
    read: () => import('./commands/archive').then((m) => m.archiveRead),
    loans: () => import('./commands/archive').then((m) => m.archiveLoans),
    revise: () => import('./commands/archive').then((m) => m.archiveRevise),
    settings: () => import('./commands/archive').then((m) => m.archiveSettings),
  },
  room: {
    create: () => import('./commands/meeting').then((m) => m.roomCreate),
    list: () => import('./commands/meeting').then((m) => m.roomList),
    stats: () => import('./commands/meeting').then((m) => m.roomStats),
  },
  bulletin: {
    list: () => import('./commands/bulletin').then((m) => m.bulletinList),
    post: () => import('./commands/bulletin').then((m) => m.bulletinPost),
    withdraw: () => import('./commands/bulletin').then((m) => m.bulletinWithdraw),
  },
  meeting: {
    'minutes-to-doc': () => import('./commands/meeting').then((m) => m.meetingMinutesToDoc),
    task: () => import('./commands/meeting').then((m) => m.meetingTask),
    done: () => import('./commands/meeting').then((m) => m.meetingDone),
    code: () => import('./commands/meeting').then((m) => m.meetingCode),
    checkin: () => import('./commands/meeting').then((m) => m.meetingCheckin),
    reply: () => import('./commands/meeting').then((m) => m.meetingReply),
    request: () => import('./commands/meeting').then((m) => m.meetingRequest),
    approve: () => import('./commands/meeting').then((m) => m.meetingApprove),
    refuse: () => import('./commands/meeting').then((m) => m.meetingRefuse),
    cancel: () => import('./commands/meeting').then((m) => m.meetingCancel),
    show: () => import('./commands/meeting').then((m) => m.meetingShow),
    list: () => import('./commands/meeting').then((m) => m.meetingList),
  },
  seal: {
    create: () => import('./commands/seal').then((m) => m.sealCreate),
    list: () => import('./commands/seal').then((m) => m.sealList),
    holders: () => import('./commands/seal').then((m) => m.sealHolders),
    suspend: () => import('./commands/seal').then((m) => m.sealSuspend),
    resume: () => import('./commands/seal').then((m) => m.sealResume),
    revoke: () => import('./commands/seal').then((m) => m.sealRevoke),
  },
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
    await (await command.load())(command.args, io)
    return 0
  } catch (err) {
    const { message, exitCode } = describe(err)
    if (message) io.err(message)
    return exitCode
  }
}

function pick(name: string, rest: string[]): { load: Lazy; args: string[] } {
  const group = GROUPS[name]
  if (group) {
    const [sub, ...args] = rest
    const command = sub === undefined ? undefined : group[sub]
    if (!command) throw new CliError(sub === undefined ? CLI_MESSAGES.missingArgument(Object.keys(group).join(' | ')) : CLI_MESSAGES.unknownCommand(`${name} ${sub}`), 2)
    return { load: command, args }
  }
  const command = COMMANDS[name]
  if (!command) throw new CliError(`${CLI_MESSAGES.unknownCommand(name)}\n\n${CLI_MESSAGES.usage}`, 2)
  return { load: command, args: rest }
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
      : err.code === CLOSE_STORAGE_FULL ? CLI_MESSAGES.storageFull
      : CLI_MESSAGES.roomRefused(err.code)
    return { message, exitCode: 1 }
  }
  if (err instanceof RoomTimeoutError) {
    return { message: err.waitingFor === 'synced' ? CLI_MESSAGES.syncTimeout : CLI_MESSAGES.persistTimeout, exitCode: 1 }
  }
  return { message: err instanceof Error ? err.message : String(err), exitCode: 1 }
}
