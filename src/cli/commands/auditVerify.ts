// zt audit verify --data <dir> | --postgres <url>: checks a server's audit log — every record
// chained to the one before, every signed checkpoint verified with the agency root's key — and
// names the first record that does not fit. With --postgres it reads the shared store's tables
// (zt_audit, and the root certificate in zt_ca) in the schema the URL names (`?schema=`).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { verifyAuditLog } from '../../core/audit/checkpoint'
import { CLI_MESSAGES } from '../../core/messages/cli'
import { parseCertificate } from '../../core/pki/certificate'
import { fromPem } from '../../core/pki/der'
import { noExtraPositionals, parseCommandArgs } from '../args'
import { CliError } from '../CliError'
import type { CliContext } from '../CliContext'

interface StoredLog {
  lines: string[]
  rootPem: string
}

export async function auditVerify(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { data: { type: 'string' }, postgres: { type: 'string' } })
  noExtraPositionals(positionals, 0)
  if (!values.data === !values.postgres) throw new CliError(CLI_MESSAGES.auditSource, 2)
  let log: StoredLog
  try {
    log = values.postgres ? await readPostgres(values.postgres) : readFiles(values.data!)
  } catch {
    throw new CliError(CLI_MESSAGES.auditUnreadable(values.postgres ? withoutPassword(values.postgres) : values.data!), 1)
  }
  let rootKey: string
  try {
    rootKey = parseCertificate(fromPem('CERTIFICATE', log.rootPem)).publicKey
  } catch {
    throw new CliError(CLI_MESSAGES.auditUnreadable(values.postgres ? withoutPassword(values.postgres) : values.data!), 1)
  }
  const report = verifyAuditLog(log.lines, rootKey)
  if (report.problem) throw new CliError(CLI_MESSAGES.auditBroken(report.problem.position, report.problem.reason), 1)
  ctx.out(CLI_MESSAGES.auditIntact(report.records, report.checkpoints))
  if (report.prunedThrough) ctx.out(CLI_MESSAGES.auditPruned(report.prunedThrough))
}

function readFiles(dir: string): StoredLog {
  return {
    lines: readFileSync(join(dir, 'audit.log'), 'utf8').split('\n').filter((l) => l.trim() !== ''),
    rootPem: readFileSync(join(dir, 'ca', 'root.pem'), 'utf8'),
  }
}

/** The records as the server stored them (the exact text that was hashed), in order, and the root certificate. */
async function readPostgres(url: string): Promise<StoredLog> {
  // loaded only here, so every other command starts without it
  const { default: pg } = await import('pg')
  const parsed = new URL(url)
  const schema = parsed.searchParams.get('schema') || 'public'
  parsed.searchParams.delete('schema')
  const client = new pg.Client({ connectionString: parsed.toString(), options: `-c search_path="${schema.replace(/"/g, '""').replace(/ /g, '\\ ')}"`, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const root = await client.query<{ cert: string }>("SELECT cert FROM zt_ca WHERE name = 'root'")
    const lines: string[] = []
    for (let after = 0; ; ) {
      const { rows } = await client.query<{ seq: string; record: string }>('SELECT seq::text AS seq, record FROM zt_audit WHERE seq > $1 ORDER BY zt_audit.seq LIMIT 5000', [after])
      for (const r of rows) lines.push(r.record)
      if (rows.length < 5000) break
      after = Number(rows.at(-1)!.seq)
    }
    await client.query('COMMIT')
    if (!root.rows[0]) throw new Error('no root certificate')
    return { lines, rootPem: root.rows[0].cert }
  } finally {
    await client.end()
  }
}

function withoutPassword(url: string): string {
  try {
    const u = new URL(url)
    u.password = ''
    return u.toString()
  } catch {
    return url
  }
}
