// The HTTP API from the renderer: the one client of src/core/api, with the browser's cache kept
// out. Failures are ApiError with the server's code and Chinese message, or `network` when the
// server cannot be reached (the caller keeps the work queued).
import { ApiClient } from '../../core/api/ApiClient'
import type { CommandAnswer, LoginResponse, RenditionAnswer, RoomSummary } from '../../core/api/http'
import type { Command } from '../../core/command/envelope'
import type { Clearance } from '../../core/directory/model'
import type { FlowKind } from '../../core/docflow/definitions'

export { ApiError } from '../../core/api/ApiError'

const client = (serverUrl: string, token: string | null): ApiClient => new ApiClient(serverUrl, token, { noStore: true })

export function login(serverUrl: string, username: string, password: string): Promise<LoginResponse> {
  return client(serverUrl, null).login(username, password)
}

export async function logout(serverUrl: string, token: string): Promise<void> {
  await client(serverUrl, token).logout()
}

export function listRooms(serverUrl: string, token: string): Promise<RoomSummary[]> {
  return client(serverUrl, token).rooms()
}

export async function createRoom(serverUrl: string, token: string, room: string, kind: FlowKind = 'outgoing', classification?: Clearance): Promise<void> {
  await client(serverUrl, token).createRoom(room, kind, classification)
}

/** Asks the agency CA for a certificate of this device's public key. */
/** `proof`: the key.enroll envelope signed with the key (src/core/pki/enrolProof.ts). */
export async function enroll(serverUrl: string, token: string, publicKey: string, device: string, proof: unknown): Promise<string> {
  return (await client(serverUrl, token).enrollWithProof(publicKey, device, proof)).serial
}

export function submitCommand(serverUrl: string, token: string, command: Command): Promise<CommandAnswer> {
  return client(serverUrl, token).submit(command)
}

export function syncUrl(serverUrl: string): string {
  return new ApiClient(serverUrl).syncUrl
}

/** Uploads an attachment's bytes for a room; the server stores them under their SM3. */
export async function uploadBlob(serverUrl: string, token: string, room: string, bytes: Uint8Array): Promise<void> {
  await client(serverUrl, token).uploadBlob(room, bytes)
}

/** 用印: the server renders the PDF and OFD the seal will cover and answers with the seal data to sign. */
export function sealRendition(serverUrl: string, token: string, room: string, seal: string, perforation: boolean): Promise<RenditionAnswer> {
  return client(serverUrl, token).rendition(room, seal, perforation)
}

export function downloadBlob(serverUrl: string, token: string, room: string, sm3: string): Promise<Uint8Array> {
  return client(serverUrl, token).downloadBlob(room, sm3)
}

/** The 正本 of a filed record: an archivist, or a borrower whose loan is in force (the server logs it). */
export function archiveOriginal(serverUrl: string, token: string, code: string): Promise<Uint8Array> {
  return client(serverUrl, token).archiveOriginal(code)
}
