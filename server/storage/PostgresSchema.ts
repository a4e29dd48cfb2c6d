// The PostgreSQL store's tables, made or brought up to date when a store opens. Every step runs in
// one transaction under an advisory lock, so several processes starting at once migrate once.
// `zt audit verify --postgres` (src/cli/commands/auditVerify.ts) reads zt_audit and zt_ca by name.
import type pg from 'pg'

/** Each entry brings the schema from the version before it; append, never edit. */
const MIGRATIONS: string[] = [
  `
  -- counters serialised by a row lock, so their values are gap-free and committed in order
  CREATE TABLE zt_heads (name text PRIMARY KEY, value bigint NOT NULL);
  INSERT INTO zt_heads (name, value) VALUES ('changes', 0), ('commands', 0);

  -- room updates: position counts a room's updates; a compaction leaves one merged row at the
  -- position it covers
  CREATE TABLE zt_room_heads (room text PRIMARY KEY, position bigint NOT NULL);
  CREATE TABLE zt_room_updates (
    room text NOT NULL, position bigint NOT NULL, data bytea NOT NULL, merged boolean NOT NULL DEFAULT false,
    PRIMARY KEY (room, position));

  -- what changed, for other processes' caches: every entry numbered by the 'changes' head
  CREATE TABLE zt_changes (seq bigint PRIMARY KEY, change json NOT NULL, at timestamptz NOT NULL DEFAULT now());
  CREATE INDEX zt_changes_at ON zt_changes (at);

  CREATE TABLE zt_units (id text PRIMARY KEY, record json NOT NULL);
  CREATE TABLE zt_users (id text PRIMARY KEY, username text NOT NULL UNIQUE, record json NOT NULL);
  CREATE TABLE zt_certs (serial text PRIMARY KEY, user_id text NOT NULL, record json NOT NULL);

  CREATE TABLE zt_sessions (token_hash text PRIMARY KEY, user_id text NOT NULL, expires_at timestamptz NOT NULL, record json NOT NULL);
  CREATE INDEX zt_sessions_user ON zt_sessions (user_id);
  CREATE INDEX zt_sessions_expiry ON zt_sessions (expires_at);

  CREATE TABLE zt_rooms (room text PRIMARY KEY, owner text NOT NULL, members text[] NOT NULL, record json NOT NULL);
  CREATE INDEX zt_rooms_owner ON zt_rooms (owner);
  CREATE INDEX zt_rooms_members ON zt_rooms USING gin (members);

  CREATE TABLE zt_commands (id text PRIMARY KEY, seq bigint UNIQUE, room text NOT NULL, record json NOT NULL);
  CREATE INDEX zt_commands_room ON zt_commands (room, seq) WHERE seq IS NOT NULL;
  CREATE TABLE zt_counters (name text PRIMARY KEY, value bigint NOT NULL);

  CREATE TABLE zt_blobs (
    sm3 text PRIMARY KEY, size bigint NOT NULL, uploaded_by text NOT NULL, uploaded_at text NOT NULL,
    rooms text[] NOT NULL, data bytea NOT NULL);

  -- the audit chain: each record exactly as hashed (one JSON text), and the head, whose row lock
  -- keeps appends from every process on one chain
  CREATE TABLE zt_audit (seq bigint PRIMARY KEY, at timestamptz NOT NULL, type text NOT NULL, record text NOT NULL);
  CREATE INDEX zt_audit_at ON zt_audit (at);
  CREATE INDEX zt_audit_checkpoints ON zt_audit (seq) WHERE type = 'audit.checkpoint';
  CREATE TABLE zt_audit_head (id boolean PRIMARY KEY DEFAULT true CHECK (id), record text);
  INSERT INTO zt_audit_head (id, record) VALUES (true, NULL);

  -- the agency CA's keys and certificates, shared by every process (AgencyCa's key store)
  CREATE TABLE zt_ca (name text PRIMARY KEY, key text NOT NULL, cert text NOT NULL);

  -- raises inside a statement, so a check and the writes it guards are one statement
  CREATE FUNCTION zt_refuse(reason text) RETURNS bigint LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'ZT001', MESSAGE = reason; END $$;
  `,
]

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** Creates the schema and brings its tables to the newest version. */
export async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`zt-migrate:${schema}`])
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`)
    await client.query('CREATE TABLE IF NOT EXISTS zt_migrations (version integer PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())')
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM zt_migrations')
    for (let v = (rows[0]?.version ?? 0) + 1; v <= MIGRATIONS.length; v++) {
      await client.query(MIGRATIONS[v - 1]!)
      await client.query('INSERT INTO zt_migrations (version) VALUES ($1)', [v])
    }
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  } finally {
    client.release()
  }
}
