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

describe('ProseMirror JSON ↔ body', () => {
  it('writes JSON into a fragment and reads the same JSON back (the hash survives a copy)', async () => {
    const { bodyJson, writePmBody } = await import('./content')
    const Y = await import('yjs')
    const json = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '一、总体要求' }] },
        { type: 'paragraph', content: [{ type: 'text', text: '各镇人民政府：' }, { type: 'text', text: '加粗', marks: [{ type: 'bold' }] }] },
      ],
    }
    const doc = new Y.Doc()
    writePmBody(doc.getXmlFragment('body'), json)
    expect(bodyJson(doc.getXmlFragment('body'))).toEqual(json)
  })
})
