// Where a PostgreSQL store lives: `postgres://user@host:port/db?schema=name` — the schema (default
// `public`) is ours to add to the URL, so one string names everything for the server and the CLI.
import pg from 'pg'
import { quoteIdent } from './PostgresSchema'

export interface PostgresTarget {
  /** the URL as pg takes it (without our `schema` parameter) */
  connectionString: string
  schema: string
}

export function parsePostgresUrl(url: string): PostgresTarget {
  const parsed = new URL(url)
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new RangeError('not a postgres:// URL')
  const schema = parsed.searchParams.get('schema') || 'public'
  parsed.searchParams.delete('schema')
  return { connectionString: parsed.toString(), schema }
}

/** bigint columns (sequence numbers, positions, sizes) as numbers: they stay far below 2^53 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/** Connection settings for every connection of a store: its schema first on the search path. */
export function clientConfig(target: PostgresTarget): pg.ClientConfig {
  return {
    connectionString: target.connectionString,
    types,
    options: `-c search_path=${quoteIdent(target.schema).replace(/ /g, '\\ ')}`,
    application_name: 'zhengtong',
  }
}

/** The NOTIFY channel of a store: one per schema, since several stores may share a database. */
export function changeChannel(schema: string): string {
  return `zt_changes:${schema}`
}

/** SQLSTATEs worth a retry: a deadlock or serialization failure aborted the transaction, nothing was written. */
export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string }).code
  return code === '40P01' || code === '40001'
}
