// The one HTTP client (desktop and CLI alike), against a fetch of our own: what it sends, and how
// each kind of answer comes back.
import { describe, expect, it } from 'vitest'
import { generateSm2KeyPair } from '../crypto/sm2'
import { enrolProofProblem } from '../pki/enrolProof'
import { ApiClient } from './ApiClient'
import { ApiError } from './ApiError'
import type { Fetch, FetchInit } from './fetch'

function fakeFetch(status: number, body: unknown): { fetch: Fetch; calls: { url: string; init?: FetchInit }[] } {
  const calls: { url: string; init?: FetchInit }[] = []
  const fetch: Fetch = async (url, init) => {
    calls.push({ url, init })
    return { ok: status < 400, status, json: async () => body, arrayBuffer: async () => new Uint8Array([1, 2, 3]).buffer }
  }
  return { fetch, calls }
}

const summary = { room: 'doc:1', owner: 'zhangsan', access: 'owner', title: '', docType: '', classification: '秘密', urgency: '', updatedAt: '2026-12-03T00:00:00Z' }

describe('ApiClient', () => {
  it('sends the bearer token and the request as JSON, and checks the answer against the contract', async () => {
    const { fetch, calls } = fakeFetch(201, summary)
    const api = new ApiClient('http://server/', 'token-1', { fetch })
    expect(await api.createRoom('doc:1', 'outgoing', '秘密')).toMatchObject({ room: 'doc:1', classification: '秘密' })
    expect(calls[0]!.url).toBe('http://server/api/rooms')
    expect(calls[0]!.init).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer token-1', 'content-type': 'application/json' } })
    expect(JSON.parse(calls[0]!.init!.body as string)).toEqual({ room: 'doc:1', kind: 'outgoing', classification: '秘密' })
    expect(calls[0]!.init!.cache).toBeUndefined()
  })

  it('keeps the browser cache out when asked (the desktop)', async () => {
    const { fetch, calls } = fakeFetch(200, { rooms: [summary] })
    await new ApiClient('http://server', 't', { fetch, noStore: true }).rooms()
    expect(calls[0]!.init!.cache).toBe('no-store')
  })

  it('fails with the server\'s code and Chinese message, or as network when nothing answers', async () => {
    const refused = new ApiClient('http://server', 't', { fetch: fakeFetch(403, { error: 'forbidden', message: '无权执行此操作' }).fetch })
    await expect(refused.rooms()).rejects.toMatchObject({ code: 'forbidden', status: 403, message: '无权执行此操作', isNetwork: false })
    const down = new ApiClient('http://server', 't', { fetch: async () => { throw new TypeError('fetch failed') } })
    const err = await down.rooms().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).isNetwork).toBe(true)
    expect((err as ApiError).message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('answers a refused command (422) instead of failing', async () => {
    const answer = { status: 'rejected', id: 'c1', error: 'not_owner', message: '只有文档创建人可以共享文档' }
    const api = new ApiClient('http://server', 't', { fetch: fakeFetch(422, answer).fetch })
    expect(await api.submit({ id: 'c1', type: 'doc.share', room: 'doc:1', actor: 'lisi', at: '2026-12-03T00:00:00Z', payload: {}, sig: '00' })).toEqual(answer)
  })

  it('signs the enrolment proof with an id from the injected source', async () => {
    const { fetch, calls } = fakeFetch(200, { certificate: 'PEM', root: 'ROOT', serial: '01' })
    const keys = generateSm2KeyPair()
    await new ApiClient('http://server', 't', { fetch, newId: () => '00000000-0000-4000-8000-000000000001' }).enroll(keys, 'zhangsan', 'cli-device-1')
    const sent = JSON.parse(calls[0]!.init!.body as string) as { proof: { id: string } }
    expect(sent.proof.id).toBe('00000000-0000-4000-8000-000000000001')
    expect(enrolProofProblem(sent.proof, { userId: 'zhangsan', publicKey: keys.publicKey, device: 'cli-device-1', now: new Date() })).toBeNull()
  })
})
