// The part of fetch the API client uses, over node:http(s). Node 20's own fetch loads undici on
// first use, ~0.13 s of CPU: more than all of `zt whoami` besides Node's start.
import { request as httpRequest, type IncomingMessage } from 'node:http'
import type { Fetch, FetchResponse } from '../../core/api/fetch'

export const nodeFetch: Fetch = async (url, init = {}) => {
  const target = new URL(url)
  // TLS loads for an https server only
  const request = target.protocol === 'https:' ? (await import('node:https')).request : httpRequest
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : init.body
    const headers: Record<string, string | number> = { ...init.headers }
    if (body) headers['content-length'] = body.byteLength
    const req = request(target, { method: init.method ?? 'GET', headers }, (res) => {
      readAll(res).then((bytes) => resolve(answer(res.statusCode ?? 0, bytes)), reject)
    })
    // fetch rejects with the socket's error as its cause; the API client retries a reset socket once
    req.on('error', (err) => reject(new TypeError('fetch failed', { cause: err })))
    req.end(body)
  })
}

function readAll(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    res.on('data', (chunk: Buffer) => chunks.push(chunk))
    res.on('end', () => resolve(Buffer.concat(chunks)))
    res.on('error', reject)
  })
}

function answer(status: number, bytes: Buffer): FetchResponse {
  return {
    ok: status >= 200 && status < 300,
    status,
    json: () => Promise.resolve().then(() => JSON.parse(bytes.toString('utf8')) as unknown),
    // a copy: the Buffer may be a view into Node's shared pool
    arrayBuffer: () => Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
  }
}
