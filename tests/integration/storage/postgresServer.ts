// The PostgreSQL server the storage tests use: ZT_TEST_POSTGRES, or the one on loopback (trust
// auth, user postgres). Each test file makes a database of its own and drops it at the end, since
// other test runs share the server. Where none answers the tests are skipped with a message, but
// not in CI, which has one: there its absence fails the run.
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export const ADMIN_URL = process.env.ZT_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** Whether to run; prints why not, and throws in CI, where PostgreSQL must be there. */
export async function requirePostgres(what: string): Promise<boolean> {
  if (await postgresAnswers()) return true
  const message = `${what}: no PostgreSQL answers at ${new URL(ADMIN_URL).host} (set ZT_TEST_POSTGRES) — skipped`
  if (process.env.CI) throw new Error(message.replace('skipped', 'CI needs it'))
  console.warn(message)
  return false
}

export interface TestDatabase {
  /** a URL of the new database; add `?schema=…` for a schema of one's own */
  url: string
  drop(): Promise<void>
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `zt_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await admin((c) => c.query(`CREATE DATABASE ${name}`))
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  }
}

/** a URL naming a new schema in `db` (made by the store when it opens) */
export function schemaUrl(db: TestDatabase, schema = `s_${randomBytes(4).toString('hex')}`): string {
  const url = new URL(db.url)
  url.searchParams.set('schema', schema)
  return url.toString()
}
