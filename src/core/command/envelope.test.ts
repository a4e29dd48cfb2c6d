import { describe, expect, it } from 'vitest'
import { generateSm2KeyPair } from '../crypto/sm2'
import { commandSchema, signCommand, verifyCommandSignature, type UnsignedCommand } from './envelope'

const keys = generateSm2KeyPair()
const unsigned: UnsignedCommand = {
  id: '6f1c3a52-8d0e-4a43-9a0b-3c2d1e0f9a8b',
  type: 'doc.rename',
  room: 'doc:0b6a1f6e-2f44-4c44-9a57-3b1c1d5e9f10',
  actor: 'zhangsan',
  at: '2026-11-22T10:02:00+08:00',
  payload: { title: '关于加快数字政府建设的通知' },
}

describe('signed command envelope', () => {
  it('signs a well-formed command that its actor key verifies', () => {
    const cmd = signCommand(unsigned, keys.privateKey, keys.publicKey)
    expect(commandSchema.parse(cmd)).toEqual(cmd)
    expect(verifyCommandSignature(cmd, keys.publicKey)).toBe(true)
  })

  it('does not verify once any signed field changes, or under another key', () => {
    const cmd = signCommand(unsigned, keys.privateKey, keys.publicKey)
    expect(verifyCommandSignature({ ...cmd, payload: { title: '另一个标题' } }, keys.publicKey)).toBe(false)
    expect(verifyCommandSignature({ ...cmd, actor: 'lisi' }, keys.publicKey)).toBe(false)
    expect(verifyCommandSignature({ ...cmd, at: '2026-11-22T10:03:00+08:00' }, keys.publicKey)).toBe(false)
    expect(verifyCommandSignature({ ...cmd, sig: 'zz' }, keys.publicKey)).toBe(false)
    expect(verifyCommandSignature(cmd, generateSm2KeyPair().publicKey)).toBe(false)
  })

  it('signs the same bytes whatever the key order of the payload', () => {
    const a = signCommand({ ...unsigned, payload: { a: 1, b: '二' } }, keys.privateKey, keys.publicKey)
    expect(verifyCommandSignature({ ...a, payload: { b: '二', a: 1 } }, keys.publicKey)).toBe(true)
  })
})
