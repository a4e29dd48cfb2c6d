import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { unconfirmedCount } from './pending'

describe('unconfirmedCount', () => {
  it('counts what the local doc holds beyond the server state vector', () => {
    const server = new Y.Doc()
    const local = new Y.Doc()
    server.getText('t').insert(0, 'abc')
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server))
    expect(unconfirmedCount(Y.encodeStateVector(local), Y.encodeStateVector(server))).toBe(0)

    local.getText('t').insert(3, 'de')
    expect(unconfirmedCount(Y.encodeStateVector(local), Y.encodeStateVector(server))).toBe(2)

    Y.applyUpdate(server, Y.encodeStateAsUpdate(local))
    expect(unconfirmedCount(Y.encodeStateVector(local), Y.encodeStateVector(server))).toBe(0)
  })

  it('treats a room the server never confirmed as wholly pending', () => {
    const local = new Y.Doc()
    local.getText('t').insert(0, '数字政府')
    expect(unconfirmedCount(Y.encodeStateVector(local), undefined)).toBe(4)
  })
})
