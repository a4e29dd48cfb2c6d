// A socket that never completes its request — no headers, so no token either — is closed by the
// server after its deadline instead of being held open.
import { connect } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { newServer, type TestServer } from '../../support/newServer'
import { healthy } from './helpers'

let server: TestServer
beforeAll(async () => {
  server = await newServer()
})
afterAll(() => server.dispose())

it('closes a silent, unauthenticated connection after the deadline', async () => {
  const started = Date.now()
  const socket = connect(server.port, '127.0.0.1')
  socket.write('GET /sync/directory HTTP/1.1\r\nHost: 127.0.0.1\r\n') // and never finishes the headers
  socket.resume() // read what the server answers, so its close reaches us
  await new Promise<void>((resolve) => socket.once('close', () => resolve()))
  const elapsed = Date.now() - started
  expect(elapsed).toBeGreaterThanOrEqual(9_000)
  expect(elapsed).toBeLessThan(20_000)
  expect(await healthy(server)).toBe(true)
}, 30_000)
