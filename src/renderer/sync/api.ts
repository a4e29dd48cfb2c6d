// The HTTP API from the renderer. Failures become ApiFailure with the server's code and Chinese
// message, or `network` when the server cannot be reached (the caller keeps the work queued).
import { API, commandAnswerSchema, enrollResponseSchema, loginResponseSchema, renditionAnswerSchema, roomListSchema, type CommandAnswer, type LoginResponse, type RenditionAnswer, type RoomSummary } from '../../core/api/http'
import type { Command } from '../../core/command/envelope'
import { errorMessage } from '../../core/messages/errors'
import type { FlowKind } from '../../core/docflow/definitions'

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
  get isNetwork(): boolean {
    return this.status === 0
  }
}

async function call(serverUrl: string, method: string, path: string, token: string | null, body?: unknown): Promise<unknown> {
  let res: Response
  try {
    res = await fetch(serverUrl.replace(/\/$/, '') + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      cache: 'no-store',
    })
  } catch {
    throw new ApiFailure(0, 'network', errorMessage('network'))
  }
  const json = (await res.json().catch(() => null)) as { error?: string; message?: string } | null
  // a rejected command is an answer, not a failure
  if (res.status === 422 && path === API.commands) return json
  if (!res.ok) throw new ApiFailure(res.status, json?.error ?? 'server_error', json?.message ?? errorMessage(json?.error ?? 'server_error'))
  return json
}

export async function login(serverUrl: string, username: string, password: string): Promise<LoginResponse> {
  return loginResponseSchema.parse(await call(serverUrl, 'POST', API.login, null, { username, password }))
}

export async function logout(serverUrl: string, token: string): Promise<void> {
  await call(serverUrl, 'POST', API.logout, token)
}

export async function listRooms(serverUrl: string, token: string): Promise<RoomSummary[]> {
  return roomListSchema.parse(await call(serverUrl, 'GET', API.rooms, token)).rooms
}

export async function createRoom(serverUrl: string, token: string, room: string, kind: FlowKind = 'outgoing'): Promise<void> {
  await call(serverUrl, 'POST', API.rooms, token, { room, kind })
}

/** Asks the agency CA for a certificate of this device's public key. */
/** `proof`: the key.enroll envelope signed with the key (src/core/pki/enrolProof.ts). */
export async function enroll(serverUrl: string, token: string, publicKey: string, device: string, proof: unknown): Promise<string> {
  return enrollResponseSchema.parse(await call(serverUrl, 'POST', API.enroll, token, { publicKey, device, proof })).serial
}

export async function submitCommand(serverUrl: string, token: string, command: Command): Promise<CommandAnswer> {
  return commandAnswerSchema.parse(await call(serverUrl, 'POST', API.commands, token, command))
}

export function syncUrl(serverUrl: string): string {
  return serverUrl.replace(/^http/, 'ws').replace(/\/$/, '') + '/sync'
}

/** Uploads an attachment's bytes for a room; the server stores them under their SM3. */
export async function uploadBlob(serverUrl: string, token: string, room: string, bytes: Uint8Array): Promise<void> {
  let res: Response
  try {
    res = await fetch(`${serverUrl.replace(/\/$/, '')}${API.blobs}?room=${encodeURIComponent(room)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
      body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    })
  } catch {
    throw new ApiFailure(0, 'network', errorMessage('network'))
  }
  if (!res.ok) {
    const json = (await res.json().catch(() => ({}))) as { error?: string; message?: string }
    throw new ApiFailure(res.status, json.error ?? 'server_error', json.message ?? errorMessage(json.error ?? 'server_error'))
  }
}

/** 用印: the server renders the PDF and OFD the seal will cover and answers with the seal data to sign. */
export async function sealRendition(serverUrl: string, token: string, room: string, seal: string, perforation: boolean): Promise<RenditionAnswer> {
  return renditionAnswerSchema.parse(await call(serverUrl, 'POST', API.rendition(room), token, { seal, ...(perforation ? { perforation } : {}) }))
}

export function downloadBlob(serverUrl: string, token: string, room: string, sm3: string): Promise<Uint8Array> {
  return getBytes(serverUrl, token, `${API.blobs}/${sm3}?room=${encodeURIComponent(room)}`)
}

/** The 正本 of a filed record: an archivist, or a borrower whose loan is in force (the server logs it). */
export function archiveOriginal(serverUrl: string, token: string, code: string): Promise<Uint8Array> {
  return getBytes(serverUrl, token, API.archiveOriginal(code))
}

async function getBytes(serverUrl: string, token: string, path: string): Promise<Uint8Array> {
  let res: Response
  try {
    res = await fetch(`${serverUrl.replace(/\/$/, '')}${path}`, { headers: { authorization: `Bearer ${token}` } })
  } catch {
    throw new ApiFailure(0, 'network', errorMessage('network'))
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null
    const code = body?.error ?? (res.status === 404 ? 'not_found' : 'server_error')
    throw new ApiFailure(res.status, code, errorMessage(code))
  }
  return new Uint8Array(await res.arrayBuffer())
}
