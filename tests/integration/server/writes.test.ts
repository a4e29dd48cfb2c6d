// Writes are checked per root: read-only members and server-only roots are refused, not applied,
// not relayed, and audited.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendParagraphs, bodyText } from '../../../src/core/docflow/body'
import { newServer, type TestServer } from '../../support/newServer'
import { auditRecords, destroySessions, newDoc, session } from './helpers'

let server: TestServer
beforeAll(async () => {
  server = await newServer()
})
afterAll(() => server.dispose())
afterEach(() => destroySessions())

const settle = (ms = 800) => new Promise((r) => setTimeout(r, ms))

describe('write checks', () => {
  it('does not apply or relay a read-only member\u2019s edits', async () => {
    const room = await newDoc(server, 'zhangsan', { lisi: 'read' })
    const owner = await session(server, 'zhangsan', room)
    const reader = await session(server, 'lisi', room)
    await Promise.all([owner.whenSynced(), reader.whenSynced()])
    appendParagraphs(owner.doc.getXmlFragment('body'), '正文第一段')
    await owner.whenPersisted()
    await expect.poll(() => bodyText(reader.doc.getXmlFragment('body'))).toBe('正文第一段')

    appendParagraphs(reader.doc.getXmlFragment('body'), '只读成员的修改')
    reader.doc.getMap('meta').set('title', '被篡改的标题')
    await settle()
    expect(bodyText(owner.doc.getXmlFragment('body'))).toBe('正文第一段')
    const fresh = await session(server, 'zhangsan', room)
    await fresh.whenSynced()
    expect(bodyText(fresh.doc.getXmlFragment('body'))).toBe('正文第一段')
    expect(fresh.doc.getMap('meta').get('title')).toBeUndefined()
    await expect.poll(() => auditRecords(server).some((r) => r.type === 'sync.write_refused' && r.actor === 'lisi')).toBe(true)
  })

  it('refuses a writer\u2019s change to a server-only root, and the room goes on for everyone else', async () => {
    const room = await newDoc(server, 'zhangsan', { lisi: 'write' })
    const forger = await session(server, 'zhangsan', room)
    await forger.whenSynced()
    forger.doc.getArray('flow').push([{ type: 'doc.signoff', forged: true }])
    await settle()
    const colleague = await session(server, 'lisi', room)
    await colleague.whenSynced()
    appendParagraphs(colleague.doc.getXmlFragment('body'), '合法的正文')
    await colleague.whenPersisted()
    const fresh = await session(server, 'zhangsan', room)
    await fresh.whenSynced()
    // only the server's own entry (the signed share) is in the flow, not the forgery
    expect(fresh.doc.getArray<{ type: string }>('flow').toArray().map((e) => e.type)).toEqual(['doc.share'])
    expect(bodyText(fresh.doc.getXmlFragment('body'))).toBe('合法的正文')
    const refusal = auditRecords(server).find((r) => r.type === 'sync.write_refused' && r.actor === 'zhangsan')
    expect((refusal?.detail as { roots: string[] }).roots).toEqual(['flow'])
  })

  it('refuses a delete-only update from a read-only member', async () => {
    const room = await newDoc(server, 'zhangsan', { lisi: 'read' })
    const owner = await session(server, 'zhangsan', room)
    const reader = await session(server, 'lisi', room)
    await Promise.all([owner.whenSynced(), reader.whenSynced()])
    appendParagraphs(owner.doc.getXmlFragment('body'), '不可删除')
    await owner.whenPersisted()
    await expect.poll(() => reader.doc.getXmlFragment('body').length).toBe(1)
    reader.doc.getXmlFragment('body').delete(0, 1)
    await settle()
    const fresh = await session(server, 'zhangsan', room)
    await fresh.whenSynced()
    expect(bodyText(fresh.doc.getXmlFragment('body'))).toBe('不可删除')
  })

  it('refuses new top-level roots nobody declared', async () => {
    const room = await newDoc(server, 'zhangsan')
    const owner = await session(server, 'zhangsan', room)
    await owner.whenSynced()
    owner.doc.getMap('shadow').set('x', 1)
    await settle()
    const fresh = await session(server, 'zhangsan', room)
    await fresh.whenSynced()
    expect(Y.encodeStateAsUpdate(fresh.doc).length).toBeLessThan(4)
  })

  it('keeps the directory server-written', async () => {
    const dir = await session(server, 'zhangsan', 'directory')
    await dir.whenSynced()
    expect(dir.doc.getMap('users').get('wangwu')).toMatchObject({ name: '王五', title: '厅长' })
    dir.doc.getMap('users').set('zhangsan', { name: '张三', title: '厅长' })
    await settle()
    const fresh = await session(server, 'lisi', 'directory')
    await fresh.whenSynced()
    expect(fresh.doc.getMap('users').get('zhangsan')).toMatchObject({ title: '科员' })
  })
})
