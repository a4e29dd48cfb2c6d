// Room updates in PostgreSQL: one row per update at (room, position). Appends that arrive while
// others are being written go out together as one INSERT (one commit covers them all). A room's
// positions come from its row in zt_room_heads, whose row lock is held until the append commits:
// positions are therefore committed in order, and a reader that sees position n sees all before it.
// Compaction merges the rows up to the newest it reads into one row at that position; rows
// appended meanwhile (by any process) come after it and are left alone, and appends never wait.
import type pg from 'pg'
import * as Y from 'yjs'
import type { RoomUpdates } from '../../src/core/storage/types'
import { isRetryable } from './PostgresConnection'

/** appends in flight at once; more wait and go out together */
const MAX_BATCHES = 2
const MAX_BATCH_BYTES = 8 * 1024 * 1024

interface Pending {
  room: string
  data: Uint8Array
  resolve(position: number): void
  reject(err: unknown): void
}

const APPEND = `
WITH input AS (
  SELECT room, data, ord FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(room, data, ord)
), counts AS (
  SELECT room, count(*) AS n FROM input GROUP BY room
), heads AS (
  -- rooms in one order in every batch, so two batches never wait on each other's rows
  INSERT INTO zt_room_heads AS h (room, position) SELECT room, n FROM counts ORDER BY room
  ON CONFLICT (room) DO UPDATE SET position = h.position + EXCLUDED.position
  RETURNING room, position
), rows AS (
  INSERT INTO zt_room_updates (room, position, data)
  SELECT i.room, h.position - c.n + row_number() OVER (PARTITION BY i.room ORDER BY i.ord), i.data
  FROM input i JOIN heads h USING (room) JOIN counts c USING (room)
)
SELECT room, position FROM heads`

export class PostgresRoomLog {
  private readonly queue: Pending[] = []
  private readonly writing = new Set<string>()
  private batches = 0
  private idleWaiters: (() => void)[] = []
  /** updates in each loaded room's log since its last compaction, as this process counts them */
  private readonly lengths = new Map<string, number>()

  constructor(private readonly pool: pg.Pool) {}

  async load(room: string): Promise<Uint8Array[]> {
    const { rows } = await this.pool.query<{ data: Buffer; merged: boolean }>('SELECT data, merged FROM zt_room_updates WHERE room = $1 ORDER BY position', [room])
    this.lengths.set(room, rows.filter((r) => !r.merged).length)
    return rows.map((r) => bytes(r.data))
  }

  async since(room: string, position: number): Promise<RoomUpdates> {
    // a merged row stands at the last position it covers, so it is returned whenever anything it covers is asked for
    const { rows } = await this.pool.query<{ data: Buffer; position: number; merged: boolean }>(
      'SELECT data, position, merged FROM zt_room_updates WHERE room = $1 AND position > $2 ORDER BY position',
      [room, position],
    )
    // from 0 it is a load (a room loaded with its position): its log is counted as load counts it
    if (position === 0) this.lengths.set(room, rows.filter((r) => !r.merged).length)
    return { updates: rows.map((r) => bytes(r.data)), position: rows.length > 0 ? rows.at(-1)!.position : position }
  }

  /** The positions the rooms have reached (a room never appended to is absent), in one query. */
  async positions(rooms: string[]): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ room: string; position: number }>('SELECT room, position FROM zt_room_heads WHERE room = ANY($1::text[])', [rooms])
    return new Map(rows.map((r) => [r.room, r.position]))
  }

  append(room: string, data: Uint8Array): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ room, data, resolve, reject })
      this.flush()
    })
  }

  length(room: string): number {
    return this.lengths.get(room) ?? 0
  }

  release(room: string): void {
    this.lengths.delete(room)
  }

  /** Sends what is queued, keeping each room's appends in order: a room already being written waits for its batch. */
  private flush(): void {
    while (this.batches < MAX_BATCHES && this.queue.length > 0) {
      const batch: Pending[] = []
      const held = new Set<string>()
      let size = 0
      for (let i = 0; i < this.queue.length; ) {
        const p = this.queue[i]!
        if (this.writing.has(p.room) || held.has(p.room) || (batch.length > 0 && size + p.data.length > MAX_BATCH_BYTES)) {
          held.add(p.room)
          i++
          continue
        }
        batch.push(p)
        size += p.data.length
        this.queue.splice(i, 1)
      }
      if (batch.length === 0) return
      for (const p of batch) this.writing.add(p.room)
      this.batches++
      void this.write(batch).finally(() => {
        for (const p of batch) this.writing.delete(p.room)
        this.batches--
        if (this.batches === 0 && this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w()
        this.flush()
      })
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      const heads = await retrying(() => this.pool.query<{ room: string; position: number }>(APPEND, [batch.map((p) => p.room), batch.map((p) => p.data)]))
      const last = new Map(heads.rows.map((r) => [r.room, r.position]))
      const count = new Map<string, number>()
      for (const p of batch) count.set(p.room, (count.get(p.room) ?? 0) + 1)
      const seen = new Map<string, number>()
      for (const p of batch) {
        const k = (seen.get(p.room) ?? 0) + 1
        seen.set(p.room, k)
        this.lengths.set(p.room, this.length(p.room) + 1)
        p.resolve(last.get(p.room)! - count.get(p.room)! + k)
      }
    } catch (err) {
      for (const p of batch) p.reject(err)
    }
  }

  /**
   * Merges the room's rows up to the newest one into a single row at its position. `state` is the
   * caller's copy of the room (already compacted by Yjs); rows it lacks — appended by another
   * process and not yet seen here — are merged in, so nothing committed is lost.
   */
  async compact(room: string, state: Uint8Array): Promise<void> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      // one compaction of a room at a time; appends take no part in this lock
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`zt-compact:${room}`])
      const { rows } = await client.query<{ data: Buffer; position: number }>('SELECT data, position FROM zt_room_updates WHERE room = $1 ORDER BY position', [room])
      if (rows.length < 2) {
        await client.query('COMMIT')
        return
      }
      const upTo = rows.at(-1)!.position
      const missing = Y.diffUpdate(Y.mergeUpdates(rows.map((r) => bytes(r.data))), Y.encodeStateVectorFromUpdate(state))
      const merged = Y.mergeUpdates([state, missing])
      await client.query('DELETE FROM zt_room_updates WHERE room = $1 AND position <= $2', [room, upTo])
      await client.query('INSERT INTO zt_room_updates (room, position, data, merged) VALUES ($1, $2, $3, true)', [room, upTo, merged])
      await client.query('COMMIT')
      this.lengths.set(room, 0)
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    } finally {
      client.release()
    }
  }

  /** resolves once every append asked for so far has been answered */
  idle(): Promise<void> {
    if (this.batches === 0 && this.queue.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }
}

function bytes(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)
}

async function retrying<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run()
    } catch (err) {
      if (attempt >= 3 || !isRetryable(err)) throw err
    }
  }
}
