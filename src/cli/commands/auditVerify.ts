// zt audit verify --data <dir>: checks a server's audit log offline — every record chained to the
// one before, every signed checkpoint verified with the agency root's key — and names the first
// record that does not fit.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { verifyAuditLog } from '../../core/audit/checkpoint'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { parseCertificate } from '../../core/pki/certificate'
import { fromPem } from '../../core/pki/der'
import { noExtraPositionals, parseCommandArgs } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'

export async function auditVerify(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { data: { type: 'string' } })
  noExtraPositionals(positionals, 0)
  if (!values.data) throw new CliError(CLI_MESSAGES.missingOption('data'), 2)
  let lines: string[]
  let rootKey: string
  try {
    lines = readFileSync(join(values.data, 'audit.log'), 'utf8').split('\n').filter((l) => l.trim() !== '')
    rootKey = parseCertificate(fromPem('CERTIFICATE', readFileSync(join(values.data, 'ca', 'root.pem'), 'utf8'))).publicKey
  } catch {
    throw new CliError(CLI_MESSAGES.auditUnreadable(values.data), 1)
  }
  const report = verifyAuditLog(lines, rootKey)
  if (report.problem) throw new CliError(CLI_MESSAGES.auditBroken(report.problem.position, report.problem.reason), 1)
  ctx.out(CLI_MESSAGES.auditIntact(report.records, report.checkpoints))
  if (report.prunedThrough) ctx.out(CLI_MESSAGES.auditPruned(report.prunedThrough))
}
