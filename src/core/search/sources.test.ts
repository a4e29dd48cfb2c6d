import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { textToPm, writePmBody } from '../docflow/content'
import { archiveItems, docRoomItem, venueItems } from './sources'

function docRoom(classification: string): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    const meta = doc.getMap('meta')
    meta.set('title', '关于加快数字政府建设的通知')
    meta.set('docType', '通知')
    meta.set('classification', classification)
    meta.set('createdAt', '2026-03-01T18:00:00Z')
    meta.set('mainTo', '各区人民政府')
    writePmBody(doc.getXmlFragment('body'), textToPm('第一段正文。\n第二段：推进一网通办。'))
    doc.getArray('files').push([{ name: '任务分工表.xlsx', size: 10, sm3: 'ab' }])
    doc.getArray('flow').push([{ id: 'c1', seq: 1, type: 'doc.approve', actor: 'lisi', at: '2026-03-02T01:00:00Z', payload: { opinion: '同意，请抓紧办理' }, result: {} }, { id: 'c2', seq: 2, type: 'doc.number', actor: 'zhaoliu', at: '2026-03-02T02:00:00Z', payload: {}, result: { docNumber: '办发〔2026〕7号' } }])
  })
  return doc
}

describe('what rooms give the index', () => {
  it('takes a 公文 room\u2019s title, body, 文号, fields, opinions and attachments\u2019 names, dated by the agency\u2019s day', () => {
    const item = docRoomItem('doc:x', docRoom('秘密'), '机密')!
    expect(item).toMatchObject({ id: 'doc:x', kind: 'doc', title: '关于加快数字政府建设的通知', date: '2026-03-02', classification: '秘密' })
    expect(item.body).toBe('第一段正文。\n第二段：推进一网通办。')
    for (const s of ['办发〔2026〕7号', '各区人民政府', '任务分工表.xlsx', '同意，请抓紧办理']) expect(item.extra).toContain(s)
  })

  it('leaves out a 公文 above the reader\u2019s clearance', () => {
    expect(docRoomItem('doc:x', docRoom('机密'), '秘密')).toBeNull()
  })

  it('takes the meetings the occupancy grid shows: those holding a room, and one\u2019s own', () => {
    const doc = new Y.Doc()
    doc.getMap('rooms').set('r1', { id: 'r1', name: '第一会议室', location: '三楼', seats: 20, equipment: [], approver: 'admin', available: true })
    const booking = (id: string, status: string, organiser: string) => ({ id, roomId: 'r1', title: `会议${id}`, category: '专题会', start: '2026-03-05T01:00:00Z', end: '2026-03-05T02:00:00Z', organiser, invitees: [], headcount: 5, setup: '', note: '', status, requestedAt: '' })
    const bookings = doc.getMap('bookings')
    bookings.set('a', booking('a', 'confirmed', 'lisi'))
    bookings.set('b', booking('b', 'refused', 'lisi'))
    bookings.set('c', booking('c', 'cancelled', 'zhangsan'))
    const items = venueItems(doc, 'zhangsan', (id) => (id === 'lisi' ? '李四' : id))
    expect(items.map((i) => i.id).sort()).toEqual(['meeting:a', 'meeting:c'])
    expect(items.find((i) => i.id === 'meeting:a')!.extra).toContain('第一会议室')
    expect(items.find((i) => i.id === 'meeting:a')!.extra).toContain('李四')
  })

  it('takes catalogue records at or below the reader\u2019s clearance', () => {
    const doc = new Y.Doc()
    const cat = doc.getMap('catalogue')
    cat.set('Z1', { code: 'Z1', title: '年度预算报告', classification: '非密', date: '20251231', docNumber: '财发〔2025〕3号', docType: '报告', responsible: '财务处' })
    cat.set('Z2', { code: 'Z2', title: '绝密文件', classification: '机密', date: '20251231', docNumber: '', docType: '函', responsible: '办公室' })
    expect(archiveItems(doc, '秘密').map((i) => [i.id, i.date])).toEqual([['record:Z1', '2025-12-31']])
    expect(archiveItems(doc, '机密')).toHaveLength(2)
  })
})
