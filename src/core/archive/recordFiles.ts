// The two machine-readable files every package carries besides the document itself: the signed
// event log (过程记录, every accepted command on the document with its signature) and the
// certificates needed to verify it and the seals (证书: the agency root, each actor's
// certificates, the revocations at filing).
import type { Command } from '../command/envelope'

export const EVENT_LOG_FORMAT = 'zt-events/1'
export const CERTS_FORMAT = 'zt-certs/1'

export interface LoggedEvent {
  command: Command
  /** the server's sequence number and what it decided (the 发文字号 …) */
  seq: number
  result?: Record<string, unknown>
  /** the step the document was at after this action (业务状态) */
  state: string
}

export interface EventLogFile {
  format: typeof EVENT_LOG_FORMAT
  room: string
  events: LoggedEvent[]
}

export interface CertsFile {
  format: typeof CERTS_FORMAT
  /** base64 DER of the agency root */
  root: string
  certificates: { userId: string; serial: string; pem: string; revokedAt?: string }[]
}

/** File names inside a package, by role: fixed, so checks know where to look. */
export const FILE_NAMES = {
  original: '正本.pdf',
  content: '定稿.json',
  form: '处理单.pdf',
  log: '过程记录.json',
  certs: '证书.json',
} as const
