import { describe, expect, it } from 'vitest'
import { HandlerTable } from './handlers'
import { ownWindowGuard, type IpcSender, type IpcSenderFrame } from './sender'

const WINDOW_ID = 7

function frame(over: Partial<IpcSenderFrame> = {}): IpcSenderFrame {
  return { url: 'app://zhengtong/index.html', origin: 'app://zhengtong', parent: null, isDestroyed: () => false, ...over }
}
const call = (over: Partial<IpcSenderFrame> = {}, senderId = WINDOW_ID): IpcSender => ({ sender: { id: senderId }, senderFrame: frame(over) })

const unsigned = { id: '0b8f5d2e-8a51-4d7e-9a57-4c1b8ad0c2f1', type: 'doc.share', room: 'doc:1', actor: 'u1', at: '2026-11-22T08:00:00.000Z', payload: { username: 'lisi', access: 'read' } }

/** A table whose keys.sign only counts its calls, guarded like the window's. */
function signingTable(): { table: HandlerTable; runs: () => number } {
  let runs = 0
  const table = new HandlerTable(ownWindowGuard(() => [WINDOW_ID]))
  table.register('keys.sign', (command) => {
    runs++
    return { ...command, sig: '3000' }
  })
  return { table, runs: () => runs }
}

describe('bridge sender check', () => {
  it('runs a call from the main frame of our window on our own origin', async () => {
    const { table, runs } = signingTable()
    await expect(table.call('keys.sign', unsigned, call())).resolves.toMatchObject({ sig: '3000' })
    expect(runs()).toBe(1)
  })

  it.each([
    ['a subframe of our page', call({ parent: frame() })],
    ['a foreign page in our window', call({ url: 'https://evil.example/', origin: 'https://evil.example' })],
    ['a file:// page', call({ url: 'file:///tmp/x.html', origin: 'file://' })],
    ['our scheme on another host', call({ url: 'app://evil/index.html', origin: 'app://evil' })],
    ['our host with a port', call({ url: 'app://zhengtong:1/index.html', origin: 'app://zhengtong:1' })],
    ['our URL in an opaque-origin (sandboxed) frame', call({ origin: 'null' })],
    ['a frame that is gone', { sender: { id: WINDOW_ID }, senderFrame: null }],
    ['a destroyed frame', call({ isDestroyed: () => true })],
    ['another window (webContents) of ours', call({}, WINDOW_ID + 1)],
  ] as const)('refuses %s, and keys.sign never runs', async (_name, event) => {
    const { table, runs } = signingTable()
    await expect(table.call('keys.sign', unsigned, event)).rejects.toThrow(/bridge call refused/)
    expect(runs()).toBe(0)
  })

  it('refuses a foreign sender before looking at the method or its argument', async () => {
    const { table } = signingTable()
    await expect(table.call('shell.exec', 'rm -rf /', call({ parent: frame() }))).rejects.toThrow(/bridge call refused/)
    await expect(table.call('keys.sign', 'not a command', call({ origin: 'https://evil.example' }))).rejects.toThrow(/bridge call refused/)
  })

  it('trusts nobody when no guard was given', async () => {
    let runs = 0
    const table = new HandlerTable()
    table.register('keys.sign', (command) => {
      runs++
      return { ...command, sig: '3000' }
    })
    await expect(table.call('keys.sign', unsigned, call())).rejects.toThrow(/bridge call refused/)
    expect(runs).toBe(0)
  })
})
