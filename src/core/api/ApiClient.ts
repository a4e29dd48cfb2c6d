// The HTTP API of http.ts for every client: the desktop's renderer, the CLI and the tests. Every
// answer is checked against the contract's schema, so a drifting server fails loudly here rather
// than deep inside. Only the standard fetch is used; the host may inject its own, and the source
// of ids for the enrolment proof.
import type * as z from 'zod'
import type { FlowKind } from '../docflow/definitions'
import {
  API, allowEnrollResponseSchema, blobAnswerSchema, caRootSchema, commandAnswerSchema, enrollResponseSchema, errorResponseSchema, renditionAnswerSchema, revokeResponseSchema, servedFontsSchema, loginResponseSchema, memberListSchema, roomListSchema, roomSummarySchema, sessionUserSchema, unlockResponseSchema,
  type CommandAnswer, type CreateRoomRequest, type LoginResponse, type RenditionAnswer, type RoomSummary, type ServedFonts, type SessionUser,
} from './http'
import type { Command } from '../command/envelope'
import type { Sm2KeyPair } from '../crypto/sm2'
import { errorMessage } from '../messages/errors'
import { ApiError } from './ApiError'
import { standardFetch, standardUuid, type Fetch, type FetchInit, type FetchResponse } from './fetch'

export interface ApiClientOptions {
  fetch?: Fetch
  /** ids of enrolment proofs */
  newId?: () => string
  /** the browser's HTTP cache must not answer for the server */
  noStore?: boolean
}

export type Member = z.infer<typeof memberListSchema>['members'][number]

export class ApiClient {
  readonly baseUrl: string

  private readonly fetch: Fetch
  private readonly newId: () => string
  private readonly noStore: boolean

  constructor(baseUrl: string, private token: string | null = null, options: ApiClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '')
    this.fetch = options.fetch ?? standardFetch
    this.newId = options.newId ?? standardUuid
    this.noStore = options.noStore ?? false
  }

  /** ws(s)://host/sync — where the room sockets of this server live */
  get syncUrl(): string {
    return this.baseUrl.replace(/^http/, 'ws') + '/sync'
  }

  async login(username: string, password: string): Promise<LoginResponse> {
    const answer = await this.request('POST', API.login, loginResponseSchema, { username, password })
    this.token = answer.token
    return answer
  }

  logout(): Promise<unknown> {
    return this.request('POST', API.logout, null)
  }

  me(): Promise<SessionUser> {
    return this.request('GET', API.me, sessionUserSchema)
  }

  async rooms(): Promise<RoomSummary[]> {
    return (await this.request('GET', API.rooms, roomListSchema)).rooms
  }

  /** Creates a doc room owned by the caller (idempotent for the same owner). */
  createRoom(room: string, kind?: FlowKind, classification?: CreateRoomRequest['classification']): Promise<RoomSummary> {
    return this.request('POST', API.rooms, roomSummarySchema, { room, ...(kind ? { kind } : {}), ...(classification ? { classification } : {}) })
  }

  /** Stores an attachment for a room (writers only); answers its SM3 and size. */
  async uploadBlob(room: string, bytes: Uint8Array): Promise<{ sm3: string; size: number }> {
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream', authorization: `Bearer ${this.token ?? ''}` }
    let res: FetchResponse
    try {
      res = await this.fetch(`${this.baseUrl}${API.blobs}?room=${encodeURIComponent(room)}`, { method: 'POST', headers, body: bytes })
    } catch {
      throw new ApiError('network', 0)
    }
    const json: unknown = await res.json().catch(() => undefined)
    if (!res.ok) {
      const parsed = errorResponseSchema.safeParse(json)
      const code = parsed.success ? parsed.data.error : 'server_error'
      throw new ApiError(code, res.status, parsed.success ? parsed.data.message : errorMessage(code))
    }
    return blobAnswerSchema.parse(json)
  }

  downloadBlob(room: string, sm3: string): Promise<Uint8Array> {
    return this.bytes(`${API.blobs}/${sm3}?room=${encodeURIComponent(room)}`)
  }

  /** The 正本 of a filed record (an archivist, or a borrower with a loan in force). */
  archiveOriginal(code: string): Promise<Uint8Array> {
    return this.bytes(API.archiveOriginal(code))
  }

  /** The fonts the server's PDFs are written with (public), so a page draws and writes the same faces. */
  servedFonts(): Promise<ServedFonts> {
    return this.request('GET', API.fonts, servedFontsSchema)
  }

  /** One served font file, by the url servedFonts() gave. */
  fontFile(url: string): Promise<Uint8Array> {
    return this.bytes(url)
  }

  private async bytes(path: string): Promise<Uint8Array> {
    let res: FetchResponse
    try {
      res = await this.fetch(`${this.baseUrl}${path}`, this.init({ headers: { authorization: `Bearer ${this.token ?? ''}` } }))
    } catch {
      throw new ApiError('network', 0)
    }
    if (!res.ok) {
      const json = (await res.json().catch(() => null)) as unknown
      const parsed = errorResponseSchema.safeParse(json)
      const code = parsed.success ? parsed.data.error : res.status === 404 ? 'not_found' : 'server_error'
      throw new ApiError(code, res.status, errorMessage(code))
    }
    return new Uint8Array(await res.arrayBuffer())
  }

  /** A signed command; a rejection is an answer (422), not an error. */
  submit(command: Command): Promise<CommandAnswer> {
    return this.request('POST', API.commands, commandAnswerSchema, command, [422])
  }

  async members(room: string): Promise<Member[]> {
    return (await this.request('GET', API.members(room), memberListSchema)).members
  }

  /** Asks the agency CA for a certificate of this device's key, proving possession by signing with it. */
  async enroll(keys: Sm2KeyPair, userId: string, device: string): Promise<z.infer<typeof enrollResponseSchema>> {
    // the SM2 library loads for an enrolment only: `zt whoami` and the like start without it
    const [{ signCommand }, { enrolProof }] = await Promise.all([import('../command/envelope'), import('../pki/enrolProof')])
    const proof = signCommand(enrolProof({ id: this.newId(), userId, publicKey: keys.publicKey, device, at: new Date() }), keys.privateKey, keys.publicKey)
    return this.enrollWithProof(keys.publicKey, device, proof)
  }

  /** The same, with the proof signed elsewhere (the desktop signs with a key its renderer never holds). */
  enrollWithProof(publicKey: string, device: string, proof: unknown): Promise<z.infer<typeof enrollResponseSchema>> {
    return this.request('POST', API.enroll, enrollResponseSchema, { publicKey, device, proof })
  }

  async caRoot(): Promise<string> {
    return (await this.request('GET', API.caRoot, caRootSchema)).root
  }

  /** 用印: the server renders the PDF and OFD the seal will cover and answers with the seal data to sign */
  async rendition(room: string, seal: string, perforation: boolean): Promise<RenditionAnswer> {
    return this.request('POST', API.rendition(room), renditionAnswerSchema, { seal, ...(perforation ? { perforation } : {}) })
  }

  async revoke(username: string): Promise<string[]> {
    return (await this.request('POST', API.revoke, revokeResponseSchema, { username })).revoked
  }

  /** Lifts a sign-in lockout; true when the account was locked or had failures counted. */
  async unlock(username: string): Promise<boolean> {
    return (await this.request('POST', API.unlock, unlockResponseSchema, { username })).wasLocked
  }

  async allowEnroll(username: string): Promise<void> {
    await this.request('POST', API.allowEnroll, allowEnrollResponseSchema, { username })
  }

  private async request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown, answers?: number[]): Promise<z.infer<S>>
  private async request(method: string, path: string, schema: null, body?: unknown): Promise<unknown>
  private async request(method: string, path: string, schema: z.ZodType | null, body?: unknown, answers: number[] = []): Promise<unknown> {
    const headers: Record<string, string> = {}
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (this.token) headers.authorization = `Bearer ${this.token}`
    let res: FetchResponse | undefined
    // a pooled keep-alive socket the server has meanwhile closed fails at once: one fresh try
    for (let attempt = 0; !res; attempt++) {
      try {
        res = await this.fetch(this.baseUrl + path, this.init({ method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }))
      } catch (err) {
        const code = (err as { cause?: { code?: string } }).cause?.code
        if (attempt > 0 || (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET')) throw new ApiError('network', 0)
      }
    }
    const json: unknown = await res.json().catch(() => undefined)
    if (!res.ok && !answers.includes(res.status)) {
      const parsed = errorResponseSchema.safeParse(json)
      const code = parsed.success ? parsed.data.error : res.status === 401 ? 'unauthenticated' : 'server_error'
      throw new ApiError(code, res.status, parsed.success ? parsed.data.message : errorMessage(code))
    }
    if (!schema) return json
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw new ApiError('server_error', res.status)
    return parsed.data
  }

  private init(init: FetchInit): FetchInit {
    return this.noStore ? { ...init, cache: 'no-store' } : init
  }
}
