// The server as one object: storage, sessions, audit, the HTTP API, the app files and the room
// relay, on one port. `main.ts` is the shell that parses arguments and listens.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { DIRECTORY_ROOM } from '../src/core/sync/roomName'
import { LoginGuard } from './auth/LoginGuard'
import { Sessions } from './auth/Sessions'
import { AgencyCa } from './ca/AgencyCa'
import { CommandService } from './commands/CommandService'
import { SignatureVerifier } from './commands/SignatureVerifier'
import { writeDirectory } from './directory/directoryRoom'
import { handleApi, type ApiContext } from './http/api'
import { HttpError, requestUrl, sendError, sendJson } from './http/respond'
import { serveApp } from './http/staticFiles'
import { FONTS_PATH, serveFonts } from './http/fonts'
import { EmbeddedStorage } from './storage/EmbeddedStorage'
import type { Storage } from '../src/core/storage/types'
import type { PostgresStorage } from './storage/PostgresStorage'
import type { RoomFanout } from './sync/fanout'
import { DEFAULT_ROOM_QUOTAS, type RoomQuotas } from './sync/quotas'
import { Relay } from './sync/Relay'
import { AuditLog } from './audit/AuditLog'
import { SpaceGuard } from './storage/spaceGuard'
import { UnauthBudget } from './auth/UnauthBudget'
import { SERVER_MESSAGES } from '../src/core/messages/server'
import { seedDemo } from './seed/demo'

const CHECKPOINT_EVERY = 100

export interface ServerConfig {
  dataDir: string
  /** `postgres://…[?schema=…]`: keep everything in PostgreSQL, shared with other processes (default: files under dataDir) */
  postgres?: string
  /** `redis://…[?prefix=…]`: fan rooms out to the other processes on the same PostgreSQL (needs `postgres`) */
  redis?: string
  seed: 'demo' | null
  maxFrameBytes: number
  sessionTtlMs: number
  /** a session ends after this long without a request or socket message (会话超时) */
  sessionIdleMs: number
  /** failed sign-ins before an account is locked (an address: four times as many) */
  loginMaxFailures: number
  loginLockMinutes: number
  appDir: string
  /** the largest attachment accepted, in bytes */
  maxBlobBytes: number
  /** audit records are kept at least this long (GB/T 39786 asks for six months or more) */
  auditRetentionDays: number
  /** bounds on each room and each user's share of it (server/sync/quotas.ts) */
  roomQuotas: RoomQuotas
  /** a signed checkpoint follows the first unsigned audit record within this many seconds */
  auditCheckpointSeconds: number
  /** while the disk is full, a write is tried this often to see whether space is back */
  storageProbeSeconds: number
  /** the CA's private keys are kept sealed under this (--ca-passphrase-file); null: in clear, with a warning */
  caPassphrase?: string | null
}

export const MIN_AUDIT_RETENTION_DAYS = 183

/** The nearest folder at or above `from` holding a package.json: the project's. */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) return from
  }
}

export const DEFAULT_CONFIG: Omit<ServerConfig, 'dataDir'> = {
  seed: null,
  maxFrameBytes: 1024 * 1024,
  sessionTtlMs: 7 * 24 * 3600 * 1000,
  sessionIdleMs: 30 * 60 * 1000,
  loginMaxFailures: 5,
  loginLockMinutes: 15,
  // the same from server/ (tsx) and from out-node/server/ (the bundle)
  appDir: resolve(projectRoot(import.meta.dirname), 'out/renderer'),
  auditRetentionDays: 365,
  maxBlobBytes: 20 * 1024 * 1024,
  roomQuotas: DEFAULT_ROOM_QUOTAS,
  auditCheckpointSeconds: 60,
  storageProbeSeconds: 5,
}

export interface App {
  server: Server
  storage: Storage
  close(): Promise<void>
}

export async function createApp(config: ServerConfig): Promise<App> {
  // the PostgreSQL client loads only for a server that uses it
  const shared = config.postgres ? await (await import('./storage/PostgresStorage')).PostgresStorage.open(config.postgres) : null
  const storage: Storage = shared ?? (await EmbeddedStorage.open(config.dataDir))
  // several processes sign with one CA, so a shared store keeps its keys
  const passphrase = config.caPassphrase ?? null
  if (passphrase === null) console.warn(SERVER_MESSAGES.caPlainWarning)
  const ca = await AgencyCa.open(shared ? shared.caKeys() : config.dataDir, new Date(), passphrase).catch(async (err: unknown) => {
    // a server that cannot open its CA does not start, and leaves the store as it was
    await storage.close()
    throw err
  })
  if (config.redis && !shared) throw new Error('--redis needs --postgres: the processes share their store')
  const fanout = shared && config.redis ? await openFanout(shared, config.redis).catch(async (err: unknown) => {
    await storage.close()
    throw err
  }) : null
  // processes sharing a store may start at once: one seeds, the others then find it done
  if (config.seed === 'demo') await storage.withLock('seed', () => storage.catchUp().then(() => seedDemo(storage)))
  const sessions = new Sessions(storage, { ttlMs: config.sessionTtlMs, idleMs: config.sessionIdleMs })
  const loginGuard = new LoginGuard({ maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes })
  // a full disk refuses writes and is probed until space returns (server/storage/spaceGuard.ts)
  const space: SpaceGuard = new SpaceGuard((since): Promise<void> => auditLog.recovered(since), config.storageProbeSeconds * 1000)
  const auditLog: AuditLog = new AuditLog(storage, space, {
    checkpointEvery: CHECKPOINT_EVERY,
    checkpointSeconds: config.auditCheckpointSeconds,
    sign: (head) => ca.auditCheckpoint(head),
  })
  const audit = auditLog.record
  // whatever the last run left unsigned (a crash, a cut tail and its audit.tail_cut) is signed soon
  auditLog.afterAppend(1)
  // retention: older records go at a checkpoint boundary, once at start and then daily
  if (config.auditRetentionDays < MIN_AUDIT_RETENTION_DAYS) throw new Error(`audit retention below ${MIN_AUDIT_RETENTION_DAYS} days`)
  const pruneAudit = async (): Promise<void> => {
    const before = new Date(Date.now() - config.auditRetentionDays * 86_400_000)
    const through = await storage.pruneAudit(before, config.auditRetentionDays)
    if (through > 0) {
      auditLog.afterAppend(1)
      await auditLog.checkpoint()
    }
  }
  await pruneAudit()
  const pruneTimer = setInterval(() => void pruneAudit().catch((err: unknown) => console.error(err)), 86_400_000)
  pruneTimer.unref()
  const unauthBudget = new UnauthBudget(audit)
  const relay = new Relay(storage, sessions, audit, {
    unauthBudget,
    space,
    maxFrameBytes: config.maxFrameBytes,
    messagesPerSecond: 300,
    bytesPerSecond: 4 * config.maxFrameBytes,
    handshakeTimeoutMs: 10_000,
    sessionSweepMs: Math.max(250, Math.min(30_000, config.sessionIdleMs / 4)),
    quotas: config.roomQuotas,
    ...(fanout ? { fanout } : {}),
  })
  const publishDirectory = (): Promise<void> => relay.writeAsServer(DIRECTORY_ROOM, (doc) => writeDirectory(storage, doc, ca.rootPem))
  await publishDirectory()

  const verifier = new SignatureVerifier()
  const commands = new CommandService(storage, { storage, writeRoom: (room, change) => relay.writeAsServer(room, change), readRoom: (room, read) => relay.readAsServer(room, read), sealMaker: () => ca.sealMaker(), root: ca.root, clock: () => new Date(), newId: () => randomUUID() }, audit, verifier)
  const api: ApiContext = {
    storage, sessions, loginGuard, unauthBudget, audit, ca, commands, publishDirectory, maxBlobBytes: config.maxBlobBytes,
    archive: { storage, readRoom: (room, read) => relay.readAsServer(room, read), writeRoom: (room, change) => relay.writeAsServer(room, change) },
  }
  // check for stalled requests every 2 s, so headersTimeout bites promptly
  const server = createServer({ connectionsCheckingInterval: 2000 }, (req, res) => {
    // whatever the bytes, the handler answers and never throws out of the event (that would end the process)
    try {
      route(req, res)
    } catch (err) {
      console.error(err)
      if (res.headersSent) res.destroy()
      else sendError(res, 500, 'server_error')
    }
  })
  const route = (req: IncomingMessage, res: ServerResponse): void => {
    const url = requestUrl(req)
    if (!url) {
      sendError(res, 400, 'bad_request')
      return
    }
    const path = url.pathname
    // bearer tokens, no cookies: any origin may call the API (the desktop app's is file://)
    res.setHeader('access-control-allow-origin', '*')
    res.setHeader('access-control-allow-headers', 'authorization, content-type')
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS')
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end()
      return
    }
    if (path === '/healthz') {
      sendJson(res, 200, { ok: true })
      return
    }
    if (path === '/' || path === '/app') {
      res.writeHead(302, { location: '/app/' }).end()
      return
    }
    if (path.startsWith(FONTS_PATH) && (req.method === 'GET' || req.method === 'HEAD')) {
      serveFonts(path, res)
      return
    }
    if (path.startsWith('/app/') && (req.method === 'GET' || req.method === 'HEAD')) {
      serveApp(config.appDir, path, res)
      return
    }
    // a full disk: writes are refused at once, reads go on (the guard probes for space)
    if (space.full && req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 507, 'storage_full')
      return
    }
    handleApi(api, req, res, path)
      .then((handled) => {
        if (!handled) sendError(res, 404, 'not_found')
      })
      .catch((err: unknown) => {
        if (res.headersSent) return res.destroy()
        if (err instanceof HttpError) sendError(res, err.status, err.code, err.params, err.headers)
        else if (space.noteFailure(err)) sendError(res, 507, 'storage_full')
        else {
          console.error(err)
          sendError(res, 500, 'server_error')
        }
      })
  }
  // a socket that never finishes its request is closed (unauthenticated sockets get a deadline)
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy())
    try {
      const path = requestUrl(req)?.pathname
      if (path === undefined) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
      else if (!path.startsWith('/sync/')) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
      else relay.handleUpgrade(req, socket, head)
    } catch (err) {
      console.error(err)
      socket.destroy()
    }
  })

  return {
    server,
    storage,
    close: async () => {
      clearInterval(pruneTimer)
      await relay.close()
      await new Promise<void>((res) => server.close(() => res()))
      await verifier.close()
      await unauthBudget.close()
      await auditLog.close()
      space.close()
      await fanout?.close()
      await storage.close()
    },
  }
}

/** Redis for the rooms, its channels named after the store unless the URL says otherwise (`?prefix=`). */
async function openFanout(store: PostgresStorage, url: string): Promise<RoomFanout> {
  const { RedisFanout, parseRedisUrl } = await import('./scale/RedisFanout')
  const where = new URL(store.target.connectionString)
  return RedisFanout.connect(parseRedisUrl(url, `zt:${where.host}${where.pathname}:${store.target.schema}:`), store).catch((err: unknown) => {
    throw new RedisUnavailableError(err)
  })
}

/** Redis did not answer at start (the server does not start half-shared). */
export class RedisUnavailableError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause))
  }
}
