import { describe, expect, it } from 'vitest'
import { fromUtf8 } from '../crypto/bytes'
import { canonicalContent } from '../docflow/content'
import { layoutDocument } from '../layout'
import { haizhouNotice } from '../../../tests/support/fixtureDocs'
import { documentDay, documentOfd } from './documentOfd'
import { CONTENT_ATTACHMENT, attachmentPath } from './paths'
import { readOfd } from './reader'

describe('a 公文 as an OFD before any seal', () => {
  const rendition = haizhouNotice()
  const room = 'doc:0b6f3f0e-8a47-4c8e-9d37-5f1a3a0c2b11'

  it('is its page model, page for page, with the 文号 and the 原文 attached', () => {
    const ofd = readOfd(documentOfd({ rendition, room, createdAt: '2022-08-01T09:00:00+08:00' }))
    expect(ofd.title).toBe(rendition.content.meta.title)
    expect(ofd.pages.length).toBe(layoutDocument(rendition).pages.length)
    expect(ofd.custom['文号']).toBe(rendition.docNumber)
    expect(fromUtf8(ofd.files.get(attachmentPath(CONTENT_ATTACHMENT))!)).toBe(canonicalContent(rendition.content))
    expect(ofd.signatures).toEqual([])
  })

  it('a 用印申请 carries no 原文', () => {
    const ofd = readOfd(documentOfd({ rendition, room, createdAt: '2022-08-01T09:00:00+08:00', request: true }))
    expect(ofd.files.has(attachmentPath(CONTENT_ATTACHMENT))).toBe(false)
  })

  it('is dated by the document, not the clock: the same bytes every time', () => {
    const a = documentOfd({ rendition, room, createdAt: '2022-08-01T09:00:00+08:00' })
    expect(Buffer.from(documentOfd({ rendition, room, createdAt: '2022-08-01T09:00:00+08:00' })).equals(Buffer.from(a))).toBe(true)
    expect(documentDay(rendition, '2022-08-01T09:00:00+08:00')).toBe(rendition.issueDate ?? '2022-08-01')
    expect(documentDay({ ...rendition, issueDate: undefined } as typeof rendition, '2022-08-01T09:00:00+08:00')).toBe('2022-08-01')
  })
})
