// Factories for the server's integration tests: signed-in API clients, documents, headless
// room sessions over the real y-websocket client, and raw sockets for what no client would send.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import { ApiClient } from '../../../src/core/api/ApiClient'
import { RoomSession } from '../../../src/cli/net/RoomSession'
import type { AuditRecord } from '../../../src/core/audit/chain'
import { signCommand } from '../../../src/core/command/envelope'
import { generateSm2KeyPair, type Sm2KeyPair } from '../../../src/core/crypto/sm2'
import { enrolProof } from '../../../src/core/pki/enrolProof'
import { docRoom } from '../../../src/core/sync/roomName'
import type { TestServer } from '../../support/newServer'

export async function signedIn(server: TestServer, username: string): Promise<{ api: ApiClient; token: string }> {
  const api = new ApiClient(server.url)
  const { token } = await api.login(username, 'demo123')
  return { api, token }
}

/** The body of POST /api/enroll for `keys`, with its proof of possession (a fresh device unless named). */
export function enrolBody(keys: Sm2KeyPair, userId: string, device = `test-${randomUUID()}`): { publicKey: string; device: string; proof: unknown } {
  return { publicKey: keys.publicKey, device, proof: signCommand(enrolProof({ id: randomUUID(), userId, publicKey: keys.publicKey, device, at: new Date() }), keys.privateKey, keys.publicKey) }
}

// promises, so commands raced at once share one enrolment (the CA bounds keys per user)
const enrolledKeys = new Map<string, Promise<Sm2KeyPair>>()

/** A key enrolled for `username` on this server (made once per server and user). */
export function enrolledKey(server: TestServer, api: ApiClient, username: string): Promise<Sm2KeyPair> {
  const id = `${server.url} ${username}`
  let keys = enrolledKeys.get(id)
  if (!keys) {
    const made = generateSm2KeyPair()
    keys = api.me().then((me) => api.enroll(made, me.id, `test-${randomUUID()}`)).then(() => made)
    enrolledKeys.set(id, keys)
    keys.catch(() => enrolledKeys.delete(id))
  }
  return keys
}

// one session per server and user for signed commands: the server refuses a burst of sign-ins to one account
const actingSessions = new Map<string, Promise<{ api: ApiClient; me: { id: string } }>>()

function actingSession(server: TestServer, username: string): Promise<{ api: ApiClient; me: { id: string } }> {
  const id = `${server.url} ${username}`
  let held = actingSessions.get(id)
  if (!held) {
    held = signedIn(server, username).then(async ({ api }) => ({ api, me: await api.me() }))
    actingSessions.set(id, held)
    held.catch(() => actingSessions.delete(id))
  }
  return held
}

/** Runs a signed command as `username`; throws unless the server accepts it. */
export async function signedAct(server: TestServer, username: string, type: string, room: string, payload: Record<string, unknown>, contentHash?: string): Promise<number> {
  const { api, me } = await actingSession(server, username)
  const keys = await enrolledKey(server, api, username)
  const answer = await api.submit(signCommand({ id: randomUUID(), type, room, actor: me.id, at: new Date().toISOString(), payload, ...(contentHash ? { contentHash } : {}) }, keys.privateKey, keys.publicKey))
  if (answer.status !== 'accepted') throw new Error(`${type} rejected: ${answer.error}`)
  return answer.seq!
}

export async function newDoc(server: TestServer, owner: string, members: Record<string, 'read' | 'write'> = {}): Promise<string> {
  const { api } = await signedIn(server, owner)
  const room = docRoom(randomUUID())
  await api.createRoom(room)
  for (const [username, access] of Object.entries(members)) await signedAct(server, owner, 'doc.share', room, { username, access })
  return room
}

const open = new Set<RoomSession>()

export async function session(server: TestServer, username: string, room: string, connect = true): Promise<RoomSession> {
  const { api, token } = await signedIn(server, username)
  const s = new RoomSession({ syncUrl: api.syncUrl, token, room, connect })
  open.add(s)
  return s
}

export function destroySessions(): void {
  for (const s of open) s.destroy()
  open.clear()
}

export interface RawSocket {
  ws: WebSocket
  messages: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
  opened: Promise<void>
}

/** A bare socket: nothing is sent unless the test sends it. */
export function rawSocket(server: TestServer, path: string, protocols?: string[]): RawSocket {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, protocols)
  const messages: Uint8Array[] = []
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)))
  const closed = new Promise<{ code: number; reason: string }>((res) => ws.on('close', (code, reason) => res({ code, reason: reason.toString() })))
  const opened = new Promise<void>((res, rej) => {
    ws.once('open', () => res())
    ws.once('error', rej)
  })
  return { ws, messages, closed, opened }
}

export function auditRecords(server: TestServer): AuditRecord[] {
  return readFileSync(join(server.dataDir, 'audit.log'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditRecord)
}

export async function healthy(server: TestServer): Promise<boolean> {
  const res = await fetch(`${server.url}/healthz`)
  return res.status === 200
}
