// withLock across processes: a session-level advisory lock held on a connection of its own per
// lock name. Tasks of this process queue here first, so only one of them at a time waits on the
// database. If the process dies, its connection closes and PostgreSQL releases the lock.
import pg from 'pg'
import { clientConfig, type PostgresTarget } from './PostgresConnection'

export class PostgresLocks {
  private readonly queues = new Map<string, Promise<unknown>>()
  private readonly clients = new Map<string, pg.Client>()
  private closed = false

  constructor(private readonly target: PostgresTarget) {}

  withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(name) ?? Promise.resolve()).then(() => this.holding(name, task))
    const settled = next.catch(() => undefined)
    this.queues.set(name, settled)
    void settled.then(() => {
      if (this.queues.get(name) === settled) this.queues.delete(name)
    })
    return next
  }

  private async holding<T>(name: string, task: () => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('storage closed')
    const key = `zt-lock:${this.target.schema}:${name}`
    const client = await this.client(name)
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key])
    try {
      return await task()
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => this.drop(name, client))
    }
  }

  private async client(name: string): Promise<pg.Client> {
    const held = this.clients.get(name)
    if (held) return held
    const client = new pg.Client(clientConfig(this.target))
    // a lost connection has lost its lock with it: the next task opens another
    client.on('error', () => this.drop(name, client))
    client.on('end', () => this.drop(name, client))
    await client.connect()
    this.clients.set(name, client)
    return client
  }

  private drop(name: string, client: pg.Client): void {
    if (this.clients.get(name) === client) this.clients.delete(name)
    client.end().catch(() => undefined)
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()])
    this.closed = true
    for (const [name, client] of this.clients) this.drop(name, client)
  }
}
