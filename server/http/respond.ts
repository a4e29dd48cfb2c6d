// Small HTTP helpers: JSON bodies in (size-capped) and out, and errors in the contract's shape.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { errorMessage, type ErrorCode } from '../../src/core/messages/errors'

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    /** details for the message (minutes left…) */
    readonly params?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(code)
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' })
  res.end(text)
}

export function sendError(res: ServerResponse, status: number, code: ErrorCode, params?: Record<string, string>, headers?: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value)
  sendJson(res, status, { error: code, message: errorMessage(code, params), ...(params ? { params } : {}) })
}

export async function readBytes(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > maxBytes) throw new HttpError(413, 'too_large')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > maxBytes) throw new HttpError(413, 'too_large')
    chunks.push(chunk as Buffer)
  }
  return new Uint8Array(Buffer.concat(chunks))
}

export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > maxBytes) throw new HttpError(413, 'too_large')
    chunks.push(chunk as Buffer)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpError(400, 'bad_request')
  }
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization
  if (!header?.startsWith('Bearer ')) return null
  return header.slice('Bearer '.length).trim()
}

/** The request target as a URL, or null when it does not parse (an absolute URI with a bad host or port). */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    // a Host that is no host (`[::1`) marks a broken or hostile client: refused, though routing ignores it
    if (req.headers.host !== undefined) new URL(`http://${req.headers.host}`)
    return new URL(req.url ?? '/', 'http://localhost')
  } catch {
    return null
  }
}

/** A percent-decoded path segment; a malformed escape is the client's error (400), never a crash. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, 'bad_request')
  }
}
