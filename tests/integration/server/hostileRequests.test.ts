// Whatever bytes arrive before anyone signs in (broken percent-escapes, absolute or unparsable
// request targets, a broken Host, garbage upgrades), the server answers 4xx and stays up.
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newServer, type TestServer } from '../../support/newServer'
import { healthy } from './helpers'

let server: TestServer
beforeAll(async () => {
  server = await newServer()
})
afterAll(() => server.dispose())

/** Sends `raw` on a fresh TCP connection and resolves with what came back before the close. */
function rawRequest(raw: string): Promise<string> {
  return new Promise((res, rej) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.end(raw))
    let answer = ''
    socket.on('data', (b: Buffer) => (answer += b.toString('latin1')))
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? res(answer) : rej(err)))
    socket.on('close', () => res(answer))
  })
}

const upgrade = (target: string, host = '127.0.0.1'): string =>
  `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`
const get = (target: string, host = '127.0.0.1'): string => `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`

const REQUESTS: Record<string, string> = {
  'incomplete UTF-8 escape in an app path': get('/app/%E4%B8'),
  'bad escape in an app path': get('/app/%zz'),
  'lone percent in an archive path': get('/api/archive/%/original'),
  'bad escape in a members path': get('/api/rooms/%E4/members'),
  'unparsable absolute URI': get('http://[::1/app/'),
  'absolute URI with a bad port': get('http://127.0.0.1:99999/healthz'),
  'broken Host': get('/app/index.html', '[::1'),
  'bad escape in a blob query': get('/api/blobs/' + 'a'.repeat(64) + '?room=%E4%B8'),
  'upgrade with an incomplete escape': upgrade('/sync/doc:%E4%B8'),
  'upgrade with a lone percent': upgrade('/sync/%'),
  'upgrade to an unparsable absolute URI': upgrade('http://[::1/sync/x'),
}

/** well-formed enough to reach the relay, which then refuses the missing session on the socket */
const UPGRADES_REACHING_THE_RELAY: Record<string, string> = {
  'upgrade with a broken Host': upgrade('/sync/doc:x', '[::1'),
  'upgrade with a bad escape in the token': upgrade('/sync/doc:x?token=%E4'),
}

describe('hostile request targets', () => {
  for (const [name, raw] of Object.entries(REQUESTS)) {
    it(`answers 4xx and stays up: ${name}`, async () => {
      const answer = await rawRequest(raw)
      expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /)
      expect(await healthy(server)).toBe(true)
    })
  }
  for (const [name, raw] of Object.entries(UPGRADES_REACHING_THE_RELAY)) {
    it(`answers and stays up: ${name}`, async () => {
      const answer = await rawRequest(raw)
      expect(answer).toMatch(/^HTTP\/1\.1 (101|4\d\d) /)
      expect(await healthy(server)).toBe(true)
    })
  }
})
