// Two headless clients on one document: live edits, then one works offline for a while and both
// converge when it returns, keeping both sides' concurrent changes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendParagraphs, bodyText } from '../../../src/core/docflow/body'
import { newServer, type TestServer } from '../../support/newServer'
import { destroySessions, newDoc, session } from '../server/helpers'

let server: TestServer
beforeAll(async () => {
  server = await newServer()
})
afterAll(() => server.dispose())
afterEach(() => destroySessions())

const firstText = (doc: Y.Doc): Y.XmlText => (doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText

describe('two users editing one document', () => {
  it('see each other\u2019s edits live', async () => {
    const room = await newDoc(server, 'zhangsan', { lisi: 'write' })
    const a = await session(server, 'zhangsan', room)
    const b = await session(server, 'lisi', room)
    await Promise.all([a.whenSynced(), b.whenSynced()])
    appendParagraphs(a.doc.getXmlFragment('body'), '各镇人民政府：')
    await a.whenPersisted()
    await expect.poll(() => bodyText(b.doc.getXmlFragment('body'))).toBe('各镇人民政府：')
  })

  it('converge after one of them worked offline', async () => {
    const room = await newDoc(server, 'zhangsan', { lisi: 'write' })
    const a = await session(server, 'zhangsan', room)
    const b = await session(server, 'lisi', room)
    await Promise.all([a.whenSynced(), b.whenSynced()])
    appendParagraphs(a.doc.getXmlFragment('body'), '第一段')
    await a.whenPersisted()
    await expect.poll(() => bodyText(b.doc.getXmlFragment('body'))).toBe('第一段')

    b.disconnect()
    firstText(a.doc).insert(3, '（张三）')
    firstText(b.doc).insert(0, '李四：')
    appendParagraphs(b.doc.getXmlFragment('body'), '离线时写的第二段')
    await a.whenPersisted()
    expect(b.pendingCount()).toBeGreaterThan(0)
    expect(bodyText(a.doc.getXmlFragment('body'))).toBe('第一段（张三）')

    b.connect()
    await b.whenPersisted()
    await expect.poll(() => bodyText(a.doc.getXmlFragment('body'))).toBe(bodyText(b.doc.getXmlFragment('body')))
    expect(bodyText(a.doc.getXmlFragment('body'))).toBe('李四：第一段（张三）\n离线时写的第二段')
  })
})
