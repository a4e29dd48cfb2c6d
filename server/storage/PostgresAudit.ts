// The audit chain in PostgreSQL. Appends from every process stay one chain: each transaction
// locks the head row (zt_audit_head) before chaining to it. Within a process, the records asked
// for while a transaction runs are chained and written together by the next one. A record is
// kept as the exact JSON text that was hashed, so a verifier reads what was signed.
import type pg from 'pg'
import { chainRecord, type AuditEntry, type AuditRecord } from '../../src/core/audit/chain'
import { CHECKPOINT_TYPE, PRUNED_TYPE } from '../../src/core/audit/checkpoint'

type EntryOf = AuditEntry | ((head: AuditRecord | null) => AuditEntry)

interface Job {
  run(client: pg.PoolClient, head: AuditRecord | null): Promise<{ head: AuditRecord | null; rows: AuditRecord[]; done: () => void }>
  fail(err: unknown): void
}

const PAGE = 1000
const MAX_BATCH = 500

export class PostgresAudit {
  private readonly queue: Job[] = []
  private draining = false
  private running: Promise<void> = Promise.resolve()

  constructor(private readonly pool: pg.Pool) {}

  append(entry: EntryOf): Promise<AuditRecord> {
    return new Promise((resolve, reject) => {
      this.enqueue({
        run: async (_client, head) => {
          const record = chainRecord(head, typeof entry === 'function' ? entry(head) : entry)
          return { head: record, rows: [record], done: () => resolve(record) }
        },
        fail: reject,
      })
    })
  }

  /** Removes records older than `before` up to the newest checkpoint they end at, and records the pruning (as EmbeddedStorage.pruneAudit). */
  prune(before: Date, retentionDays: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.enqueue({
        run: async (client, head) => {
          if (!head) return { head, rows: [], done: () => resolve(0) }
          // a checkpoint qualifies when every record before it is older than the limit
          const { rows } = await client.query<{ cut: number | null }>(
            `SELECT max(seq) AS cut FROM zt_audit
             WHERE type = $1 AND seq > (SELECT min(seq) FROM zt_audit)
               AND seq <= coalesce((SELECT min(seq) FROM zt_audit WHERE at >= $2), $3)`,
            [CHECKPOINT_TYPE, before, head.seq],
          )
          const cut = rows[0]?.cut ?? 0
          if (cut === 0) return { head, rows: [], done: () => resolve(0) }
          await client.query('DELETE FROM zt_audit WHERE seq < $1', [cut])
          const record = chainRecord(head, { at: new Date().toISOString(), type: PRUNED_TYPE, detail: { throughSeq: cut - 1, retentionDays } })
          return { head: record, rows: [record], done: () => resolve(cut - 1) }
        },
        fail: reject,
      })
    })
  }

  async *read(): AsyncIterable<AuditRecord> {
    await this.idle()
    let after = 0
    for (;;) {
      const { rows } = await this.pool.query<{ seq: number; record: string }>('SELECT seq, record FROM zt_audit WHERE seq > $1 ORDER BY seq LIMIT $2', [after, PAGE])
      for (const r of rows) yield JSON.parse(r.record) as AuditRecord
      if (rows.length < PAGE) return
      after = rows.at(-1)!.seq
    }
  }

  async idle(): Promise<void> {
    while (this.draining) await this.running
  }

  private enqueue(job: Job): void {
    this.queue.push(job)
    if (this.draining) return
    this.draining = true
    this.running = this.drain()
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.transaction(this.queue.splice(0, MAX_BATCH))
    } finally {
      // in the same step as the last look at the queue, so no job is left behind
      this.draining = false
    }
  }

  private async transaction(jobs: Job[]): Promise<void> {
    let client: pg.PoolClient | null = null
    try {
      client = await this.pool.connect()
      await client.query('BEGIN')
      const { rows } = await client.query<{ record: string | null }>('SELECT record FROM zt_audit_head FOR UPDATE')
      let head = rows[0]?.record ? (JSON.parse(rows[0].record) as AuditRecord) : null
      const written: AuditRecord[] = []
      const done: (() => void)[] = []
      for (const job of jobs) {
        // a job that throws (a checkpoint that could not be signed) fails alone
        try {
          const out = await job.run(client, head)
          head = out.head
          written.push(...out.rows)
          done.push(out.done)
        } catch (err) {
          job.fail(err)
        }
      }
      if (written.length > 0) {
        const texts = written.map((r) => JSON.stringify(r))
        await client.query('INSERT INTO zt_audit (seq, at, type, record) SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[])', [
          written.map((r) => r.seq),
          written.map((r) => r.at),
          written.map((r) => r.type),
          texts,
        ])
        await client.query('UPDATE zt_audit_head SET record = $1', [texts.at(-1)])
      }
      await client.query('COMMIT')
      for (const d of done) d()
    } catch (err) {
      await client?.query('ROLLBACK').catch(() => undefined)
      for (const job of jobs) job.fail(err)
    } finally {
      client?.release()
    }
  }
}
