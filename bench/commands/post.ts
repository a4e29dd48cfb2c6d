// A light HTTP client for the commands benchmark: keep-alive sockets of node:http, so what the
// bench process spends per request (it shares the process with the server) stays small.
import { Agent, request } from 'node:http'

export interface Poster {
  post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>
  close(): void
}

export function poster(port: number, token: string, sockets: number): Poster {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets })
  const once = (path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> =>
    new Promise((res, rej) => {
      const data = Buffer.from(JSON.stringify(body))
      const req = request(
        { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': data.length, authorization: `Bearer ${token}` } },
        (answer) => {
          const chunks: Buffer[] = []
          answer.on('data', (c: Buffer) => chunks.push(c))
          answer.on('end', () => res({ status: answer.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }))
          answer.on('error', rej)
        },
      )
      req.on('error', rej)
      req.end(data)
    })
  return {
    // a kept-alive socket the server closed as it went idle fails the request sent on it: send it
    // again (a command is answered once per id, so a second sending changes nothing)
    post: (path, body) => once(path, body).catch((err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? once(path, body) : Promise.reject(err))),
    close: () => agent.destroy(),
  }
}
