// The HTTP API of src/core/api/http.ts: sign-in, the caller's rooms and their members.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { mayReadArchiveBlob, viewOriginal, type ViewDeps } from '../archive/recordView'
import type * as z from 'zod'
import {
  createRoomRequestSchema, renditionRequestSchema, loginRequestSchema, revokeRequestSchema, usernameRequestSchema, type RoomSummary, type SessionUser,
} from '../../src/core/api/http'
import { parseRoomName } from '../../src/core/sync/roomName'
import type { LoginGuard } from '../auth/LoginGuard'
import type { UnauthBudget } from '../auth/UnauthBudget'
import type { Sessions } from '../auth/Sessions'
import type { AgencyCa } from '../ca/AgencyCa'
import type { CommandService } from '../commands/CommandService'
import { DUMMY_HASH, verifyPassword } from '../auth/passwords'
import type { RoomRecord, Storage, UserRecord } from '../../src/core/storage/types'
import { enrol } from './enroll'
import { HttpError, bearerToken, decodeSegment, readBytes, readJson, requestUrl, sendJson } from './respond'
import { accessOf, writableRoots } from '../sync/access'
import { sm3Hex } from '../../src/core/crypto/sm3'
import { visibleRooms } from '../../src/core/storage/visibleRooms'
import { makeSealRendition } from '../rendition/sealRendition'
import type { AuditFn } from '../audit/AuditLog'
import { startDoc } from '../docflow/startDoc'
import type { ErrorCode } from '../../src/core/messages/errors'

const MAX_JSON = 64 * 1024

export interface ApiContext {
  storage: Storage
  sessions: Sessions
  ca: AgencyCa
  commands: CommandService
  /** the largest attachment accepted */
  maxBlobBytes: number
  /** reading and writing rooms as the server: the archive room for 利用, a 公文 for its 用印 rendition */
  archive: ViewDeps
  loginGuard: LoginGuard
  /** how many unauthenticated failures of an address are still recorded */
  unauthBudget: UnauthBudget
  /** re-publishes users and certificates in the directory room */
  publishDirectory(): Promise<void>
  /** resolves once written; await it where the answer depends on the record */
  audit: AuditFn
}

export function sessionUser(storage: Storage, user: UserRecord): SessionUser {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    unitId: user.unitId,
    unitName: storage.units().find((u) => u.id === user.unitId)?.name ?? '',
    title: user.title,
    roles: user.roles,
    clearance: user.clearance,
  }
}

/** A room as its list shows it to `user`; access as the sync socket enforces it (flow-aware). */
function summary(record: RoomRecord, user: UserRecord): RoomSummary {
  const ref = parseRoomName(record.room)
  const access = ref ? accessOf(user, ref, record) : 'none'
  return {
    room: record.room,
    owner: record.owner,
    access: record.owner === user.id ? 'owner' : access === 'write' ? 'write' : 'read',
    title: record.title,
    docType: record.docType,
    classification: record.classification ?? '',
    urgency: record.urgency ?? '',
    updatedAt: record.updatedAt,
  }
}

async function body<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await readJson(req, MAX_JSON))
  if (!parsed.success) throw new HttpError(400, 'bad_request')
  return parsed.data
}

/** Answers the request if it is an API route; returns false otherwise. */
export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const ip = req.socket.remoteAddress ?? ''
  const method = req.method ?? 'GET'

  if (path === '/api/login' && method === 'POST') {
    const { username, password } = await body(req, loginRequestSchema)
    // an address whose failures are no longer recorded is not heard at all
    if (!ctx.unauthBudget.admits(ip)) throw new HttpError(429, 'rate_limited')
    const attempt = ctx.loginGuard.begin(username, ip)
    if (!('done' in attempt)) {
      const params: Record<string, string> = attempt.code === 'login_backoff' ? { seconds: String(attempt.seconds) } : { minutes: String(attempt.minutes) }
      throw new HttpError(429, attempt.code, params, { 'retry-after': String(attempt.retryAfterSeconds) })
    }
    const user = ctx.storage.userByUsername(username)
    let ok = false
    let locked: ReturnType<typeof attempt.done>['locked']
    try {
      ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
    } finally {
      ;({ locked } = attempt.done(Boolean(user) && ok))
    }
    if (!user || !ok) {
      const recorded = ctx.unauthBudget.spend(ip)
      if (recorded) await ctx.audit('login.failed', { username: username.slice(0, 64), ip })
      // a lock happens once per lock period: always recorded
      if (locked) await ctx.audit('login.locked', { username: username.slice(0, 64), scope: locked, ip, minutes: ctx.loginGuard.lockMinutes })
      throw recorded ? new HttpError(401, 'bad_credentials') : new HttpError(429, 'rate_limited')
    }
    const { token, expiresAt } = await ctx.sessions.issue(user)
    await ctx.audit('login.ok', { ip }, user.id)
    sendJson(res, 200, { token, user: sessionUser(ctx.storage, user), expiresAt })
    return true
  }

  if (path === '/api/ca/root' && method === 'GET') {
    sendJson(res, 200, { root: ctx.ca.rootPem })
    return true
  }

  if (!path.startsWith('/api/')) return false
  const token = bearerToken(req)
  const user = await ctx.sessions.authenticate(token)
  if (!user) {
    // a token that is no session's is recorded, within the address's budget
    if (token) {
      if (!ctx.unauthBudget.spend(ip)) throw new HttpError(429, 'rate_limited')
      await ctx.audit('auth.refused', { reason: 'bad_token', path: path.slice(0, 100), ip })
    }
    throw new HttpError(401, 'unauthenticated')
  }

  if (path === '/api/logout' && method === 'POST') {
    await ctx.sessions.revoke(token!)
    await ctx.audit('logout', { ip }, user.id)
    sendJson(res, 200, { ok: true })
    return true
  }

  if (path === '/api/enroll' && method === 'POST') {
    const answer = await enrol(ctx, user, await readJson(req, MAX_JSON), ip)
    sendJson(res, 200, answer)
    return true
  }

  if (path === '/api/commands' && method === 'POST') {
    const answer = await ctx.commands.submit(await readJson(req, MAX_JSON), user)
    sendJson(res, answer.status === 'accepted' ? 200 : 422, answer)
    return true
  }

  if (path === '/api/blobs' && method === 'POST') {
    // attachments: only a writer of the room may add one; the name is the SM3 of the bytes
    const room = requestUrl(req)?.searchParams.get('room') ?? ''
    const ref = parseRoomName(room)
    const record = await ctx.storage.room(room)
    if (!ref || !record || !writableRoots(user, ref, record).has('files')) throw new HttpError(403, 'forbidden')
    const bytes = await readBytes(req, ctx.maxBlobBytes)
    const sm3 = sm3Hex(bytes)
    await ctx.storage.putBlob({ sm3, size: bytes.length, uploadedBy: user.id, uploadedAt: new Date().toISOString(), rooms: [room] }, bytes)
    await ctx.audit('blob.stored', { sm3, size: bytes.length, room, ip }, user.id)
    sendJson(res, 200, { sm3, size: bytes.length })
    return true
  }

  const blob = /^\/api\/blobs\/([0-9a-f]{64})$/.exec(path)
  if (blob && method === 'GET') {
    const room = requestUrl(req)?.searchParams.get('room') ?? ''
    const ref = parseRoomName(room)
    const meta = await ctx.storage.blob(blob[1]!)
    // readable only through a room it belongs to and the caller may read
    if (!ref || !meta || !meta.rooms.includes(room) || accessOf(user, ref, await ctx.storage.room(room)) === 'none') throw new HttpError(404, 'not_found')
    // an archived record's package: only an archivist cleared for its 密级
    if (ref.kind === 'archive' && !(await mayReadArchiveBlob(ctx.archive, user, meta.sm3))) throw new HttpError(404, 'not_found')
    const bytes = await ctx.storage.readBlob(meta.sm3)
    // reading an archived record's package is reading the record (the document's own files are read with it)
    if (ref.kind === 'archive') await ctx.audit('doc.open', { room, blob: meta.sm3, ip }, user.id)
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length, 'cache-control': 'private, max-age=31536000, immutable' })
    res.end(bytes)
    return true
  }

  const record = /^\/api\/archive\/([^/]+)\/original$/.exec(path)
  if (record && method === 'GET') {
    const code = decodeSegment(record[1]!)
    const outcome = await viewOriginal(ctx.archive, user, code, new Date())
    if ('error' in outcome) throw new HttpError(outcome.error === 'no_such_record' ? 404 : 403, outcome.error)
    await ctx.audit('archive.viewed', { code, loan: outcome.loan?.id, ip }, user.id)
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': outcome.pdf.length, 'cache-control': 'no-store' })
    res.end(outcome.pdf)
    return true
  }

  if (path === '/api/admin/revoke' && method === 'POST') {
    if (!user.roles.includes('admin')) throw new HttpError(403, 'forbidden')
    const { username } = await body(req, revokeRequestSchema)
    const target = ctx.storage.userByUsername(username)
    if (!target) throw new HttpError(404, 'no_such_user')
    const now = new Date().toISOString()
    const revoked: string[] = []
    for (const cert of ctx.storage.certsOf(target.id)) {
      if (cert.revokedAt) continue
      await ctx.storage.putCert({ ...cert, revokedAt: now })
      revoked.push(cert.serial)
    }
    // whoever holds the key may hold a session too: it ends, and its sockets close
    await ctx.sessions.endAllOf(target.id)
    await ctx.publishDirectory()
    await ctx.audit('cert.revoked', { user: target.id, serials: revoked, sessionsEnded: true, ip }, user.id)
    sendJson(res, 200, { revoked })
    return true
  }

  if (path === '/api/admin/allow-enroll' && method === 'POST') {
    if (!user.roles.includes('admin')) throw new HttpError(403, 'forbidden')
    const { username } = await body(req, usernameRequestSchema)
    const target = ctx.storage.userByUsername(username)
    if (!target) throw new HttpError(404, 'no_such_user')
    await ctx.storage.putUser({ ...target, enrolApprovedAt: new Date().toISOString() })
    await ctx.audit('cert.enrol_allowed', { user: target.id, ip }, user.id)
    sendJson(res, 200, { ok: true })
    return true
  }

  if (path === '/api/admin/unlock' && method === 'POST') {
    if (!user.roles.includes('admin')) throw new HttpError(403, 'forbidden')
    const { username } = await body(req, usernameRequestSchema)
    const target = ctx.storage.userByUsername(username)
    if (!target) throw new HttpError(404, 'no_such_user')
    const wasLocked = ctx.loginGuard.unlock(username)
    await ctx.audit('login.unlocked', { user: target.id, wasLocked, ip }, user.id)
    sendJson(res, 200, { ok: true, wasLocked })
    return true
  }

  if (path === '/api/me' && method === 'GET') {
    sendJson(res, 200, sessionUser(ctx.storage, user))
    return true
  }

  if (path === '/api/rooms' && method === 'GET') {
    sendJson(res, 200, { rooms: visibleRooms(user, await ctx.storage.roomsOf(user.id)).map((r) => summary(r, user)) })
    return true
  }

  if (path === '/api/rooms' && method === 'POST') {
    const request = await body(req, createRoomRequestSchema)
    if (parseRoomName(request.room)?.kind !== 'doc') throw new HttpError(400, 'bad_request')
    const started = await startDoc(ctx.storage, user, request, new Date())
    if ('refused' in started) {
      const code = started.refused.code as ErrorCode
      throw new HttpError(code === 'room_exists' ? 409 : 403, code, started.refused.params)
    }
    if (started.created) await ctx.audit('room.created', { room: request.room, ip }, user.id)
    sendJson(res, started.created ? 201 : 200, summary(started.record, user))
    return true
  }

  const rendition = /^\/api\/rooms\/([^/]+)\/rendition$/.exec(path)
  if (rendition && method === 'POST') {
    const room = decodeSegment(rendition[1]!)
    const answer = await makeSealRendition(ctx.archive, user, room, await body(req, renditionRequestSchema), new Date())
    await ctx.audit('rendition.made', { room, ofd: answer.ofd, pdf: answer.pdf, ip }, user.id)
    sendJson(res, 200, answer)
    return true
  }

  const members = /^\/api\/rooms\/([^/]+)\/members$/.exec(path)
  if (members) {
    const room = decodeSegment(members[1]!)
    const record = await ctx.storage.room(room)
    const mayRead = record && (record.owner === user.id || user.id in record.members)
    if (!record || !mayRead) throw new HttpError(404, 'not_found')
    if (method === 'GET') {
      sendJson(res, 200, { members: [{ userId: record.owner, access: 'owner' }, ...Object.entries(record.members).map(([userId, access]) => ({ userId, access }))] })
      return true
    }
  }

  throw new HttpError(404, 'not_found')
}
