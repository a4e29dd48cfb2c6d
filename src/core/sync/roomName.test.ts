import { describe, expect, it } from 'vitest'
import { parseRoomName, roomName } from './roomName'

describe('room names', () => {
  const id = '0b6a1f6e-2f44-4c44-9a57-3b1c1d5e9f10'

  it('parses every kind and writes it back unchanged', () => {
    for (const name of [`doc:${id}`, `meeting:${id}`, 'inbox:zhangsan', 'directory', 'seals']) {
      const ref = parseRoomName(name)
      expect(ref).not.toBeNull()
      expect(roomName(ref!)).toBe(name)
    }
  })

  it('refuses names that could escape a path or name no room', () => {
    for (const bad of ['', 'doc:', 'doc:../../etc', `doc:${id}x`, 'inbox:../x', 'inbox:Zhang San', 'meeting:1', 'dir', `DOC:${id}`]) {
      expect(parseRoomName(bad)).toBeNull()
    }
  })
})
