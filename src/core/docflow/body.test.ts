import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendParagraphs, bodyText } from './body'

describe('body text', () => {
  it('round-trips lines as paragraphs, dropping blank lines', () => {
    const doc = new Y.Doc()
    const body = doc.getXmlFragment('body')
    appendParagraphs(body, '各镇人民政府：\r\n\n  现将方案印发给你们。\n')
    expect(body.length).toBe(2)
    expect((body.get(0) as Y.XmlElement).nodeName).toBe('paragraph')
    expect(bodyText(body)).toBe('各镇人民政府：\n现将方案印发给你们。')
  })

  it('reads formatted text without its marks', () => {
    const doc = new Y.Doc()
    const body = doc.getXmlFragment('body')
    const p = new Y.XmlElement('paragraph')
    const t = new Y.XmlText()
    p.insert(0, [t])
    body.insert(0, [p])
    t.insert(0, '加快', { bold: {} })
    t.insert(2, '数字政府建设')
    expect(bodyText(body)).toBe('加快数字政府建设')
  })
})
