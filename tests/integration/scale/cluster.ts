// Several server processes on one PostgreSQL schema and one Redis prefix, for the scale tests:
// in this process (createApp instances, each on a port of its own) where a child process adds
// nothing, or as real child processes (`npm run server`'s bundle) where a kill -9 must be real.
// Every test takes a fresh schema and a fresh prefix, so runs sharing the services never meet.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { DEFAULT_CONFIG, createApp, type App } from '../../../server/app'
import { newServer, type TestServer } from '../../support/newServer'

export const REDIS_URL = process.env.ZT_TEST_REDIS ?? 'redis://127.0.0.1:6379'

/** Whether Redis answers; prints why not, and throws in CI, where it must be there. */
export async function requireRedis(what: string): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.ping()
    return true
  } catch {
    const message = `${what}: no Redis answers at ${new URL(REDIS_URL).host} (set ZT_TEST_REDIS) — skipped`
    if (process.env.CI) throw new Error(message.replace('skipped', 'CI needs it'))
    console.warn(message)
    return false
  } finally {
    client.disconnect()
  }
}

/** a Redis URL with a channel prefix of its own */
export function redisUrl(): string {
  return `${REDIS_URL}?prefix=zt_test_${process.pid}_${randomBytes(4).toString('hex')}:`
}

export interface InProcessServer extends TestServer {
  app: App
}

/** A server in this process on a free port, sharing `postgres` and `redis` with its siblings. */
export async function inProcessServer(postgres: string, redis: string): Promise<InProcessServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zt-scale-'))
  const app = await createApp({ ...DEFAULT_CONFIG, dataDir, postgres, redis, seed: 'demo' })
  const port = await new Promise<number>((res) => app.server.listen(0, '127.0.0.1', () => res((app.server.address() as { port: number }).port)))
  let closed: Promise<void> | null = null
  const stop = (): Promise<void> => (closed ??= app.close())
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    port,
    dataDir,
    output: () => '',
    stop,
    restart: () => Promise.reject(new Error('an in-process server is not restarted: start another')),
    dispose: async () => {
      await stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export function inProcessServers(n: number, postgres: string, redis: string): Promise<InProcessServer[]> {
  return Promise.all(Array.from({ length: n }, () => inProcessServer(postgres, redis)))
}

/** A server as a child process (for kill -9), sharing `postgres` and `redis`. */
export function childServer(postgres: string, redis: string): Promise<TestServer> {
  return newServer({ extraArgs: ['--postgres', postgres, '--redis', redis] })
}

export interface Cluster {
  servers: InProcessServer[]
  postgres: string
  redis: string
  /** one more process on the same store and Redis */
  add(): Promise<InProcessServer>
  dispose(): Promise<void>
}

/** `n` processes in this process on a new schema of `databaseUrl`'s database and a new Redis prefix. */
export async function cluster(n: number, postgres: string): Promise<Cluster> {
  const redis = redisUrl()
  const servers = await inProcessServers(n, postgres, redis)
  return {
    servers,
    postgres,
    redis,
    add: async () => {
      const s = await inProcessServer(postgres, redis)
      servers.push(s)
      return s
    },
    dispose: async () => {
      await Promise.all(servers.map((s) => s.dispose()))
    },
  }
}
