import fc from 'fast-check'
import * as OpenCC from 'opencc-js'
import { describe, expect, it } from 'vitest'
import type { SearchDoc } from './model'
import { normalizeForSearch } from './normalize'
import { SearchIndex } from './searchIndex'

const doc = (id: string, title: string, body = '', more: Partial<SearchDoc> = {}): SearchDoc => ({ id, kind: 'doc', title, body, extra: '', date: '2026-03-01', classification: '非密', ...more })
const ids = (idx: SearchIndex, q: string, filters?: Parameters<SearchIndex['search']>[1]): string[] => idx.search(q, filters).hits.map((h) => h.id).sort()

describe('the search index', () => {
  const idx = new SearchIndex()
  idx.add(doc('doc:a', '关于加快数字政府建设的通知', '推进一网通办，建设5G网络和IPv6。', { date: '2026-03-02' }))
  idx.add(doc('doc:b', '黑龍江省人民政府關於加強數字政府建設的實施意見', '政務服務一網通辦。', { classification: '秘密', date: '2022-09-28' }))
  idx.add(doc('meeting:m', '数据安全专题会', '', { kind: 'meeting', extra: '第一会议室', date: '2026-03-05' }))
  idx.add(doc('record:r', '财务处年度预算报告', '预算执行情况', { kind: 'record', classification: '机密', date: '2025-12-31', extra: '档号 Z109-WS·2025-D30-CWC-0001' }))

  it('finds a two-character word in either script, in titles, bodies and the rest', () => {
    expect(ids(idx, '数字')).toEqual(['doc:a', 'doc:b'])
    expect(ids(idx, '數字政府')).toEqual(['doc:a', 'doc:b'])
    expect(ids(idx, '一网通办')).toEqual(['doc:a', 'doc:b'])
    expect(ids(idx, '会议室')).toEqual(['meeting:m'])
    expect(ids(idx, '5G')).toEqual(['doc:a'])
    expect(ids(idx, 'z109')).toEqual(['record:r'])
    expect(ids(idx, '不存在的词')).toEqual([])
    expect(ids(idx, '，。')).toEqual([])
  })

  it('ranks a title match above a body match', () => {
    const i = new SearchIndex()
    i.add(doc('doc:body', '工作通知', '今年的预算安排如下。'.repeat(3)))
    i.add(doc('doc:title', '年度预算通知', '其他内容。'.repeat(3)))
    expect(i.search('预算').hits.map((h) => h.id)).toEqual(['doc:title', 'doc:body'])
  })

  it('filters by kind, date and 密级', () => {
    expect(ids(idx, '数字', { filters: { kinds: ['meeting'] } })).toEqual([])
    expect(ids(idx, '数据', { filters: { kinds: ['meeting', 'record'] } })).toEqual(['meeting:m'])
    expect(ids(idx, '数字', { filters: { from: '2026-01-01' } })).toEqual(['doc:a'])
    expect(ids(idx, '数字', { filters: { to: '2022-12-31' } })).toEqual(['doc:b'])
    expect(ids(idx, '数字', { filters: { classifications: ['秘密'] } })).toEqual(['doc:b'])
    const hit = idx.search('预算').hits[0]!
    expect(hit).toMatchObject({ id: 'record:r', kind: 'record', date: '2025-12-31', classification: '机密' })
  })

  it('completes the Latin word being typed', () => {
    const i = new SearchIndex()
    i.add(doc('doc:g', 'E-Government 建设'))
    expect(ids(i, 'gov')).toEqual(['doc:g'])
    expect(ids(i, 'gov ')).toEqual([])
  })

  it('replaces a document added again under its id, and forgets a removed one', () => {
    const i = new SearchIndex()
    i.add(doc('doc:x', '旧标题'))
    i.add(doc('doc:x', '新标题', '', { fingerprint: 'v2' }))
    expect(i.size).toBe(1)
    expect(ids(i, '旧标')).toEqual([])
    expect(ids(i, '新标')).toEqual(['doc:x'])
    expect(i.fingerprint('doc:x')).toBe('v2')
    expect(i.remove('doc:x')).toBe(true)
    expect(i.remove('doc:x')).toBe(false)
    expect(ids(i, '标题')).toEqual([])
  })

  it('round-trips through its bytes and refuses bytes that are not an index', () => {
    const copy = SearchIndex.deserialize(idx.serialize())
    expect(ids(copy, '數字政府')).toEqual(ids(idx, '数字政府'))
    expect(copy.fingerprint('doc:a')).toBeUndefined()
    expect(copy.serialize()).toEqual(idx.serialize())
    expect(() => SearchIndex.deserialize(new Uint8Array([1, 2, 3]))).toThrow()
    const bytes = idx.serialize()
    expect(() => SearchIndex.deserialize(bytes.subarray(0, bytes.length - 3))).toThrow()
  })
})

// Random documents from a small vocabulary, so that queries often match: Chinese words in both
// scripts, Latin words, digits.
const WORDS = ['数字', '政府', '建设', '網絡', '安全', '数据', '共享', '會議', '通知', '档案', '預算', '財務', '一网通办', 'IPv6', '5G', 'gov', '2026', '的', '和']
const text = fc.array(fc.constantFrom(...WORDS, '，', ' '), { maxLength: 12 }).map((w) => w.join(''))
const docArb = (id: string): fc.Arbitrary<SearchDoc> =>
  fc.record({
    title: text,
    body: text,
    extra: text,
    kind: fc.constantFrom('doc' as const, 'meeting' as const, 'record' as const),
    classification: fc.constantFrom('非密' as const, '秘密' as const, '机密' as const),
    date: fc.constantFrom('', '2025-01-02', '2026-03-04'),
  }).map((d) => ({ id, ...d }))
const docsArb = fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }).chain((ns) => fc.tuple(...ns.map((n) => docArb(`doc:${n}`))))
const queryArb = fc.oneof(fc.constantFrom(...WORDS), fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')))

describe('the search index, by property', () => {
  it('is as before after a document is added and removed again', () => {
    fc.assert(
      fc.property(docsArb, docArb('doc:new'), fc.array(queryArb, { maxLength: 4 }), (docs, extra, queries) => {
        const idx = new SearchIndex()
        docs.forEach((d) => idx.add(d))
        const before = idx.serialize()
        const answers = queries.map((q) => idx.search(q))
        idx.add(extra)
        idx.remove(extra.id)
        expect(idx.serialize()).toEqual(before)
        expect(queries.map((q) => idx.search(q))).toEqual(answers)
      }),
    )
  })

  it('only ever names documents it holds, and finds exactly those holding every word', () => {
    const op = fc.oneof(
      fc.integer({ min: 0, max: 15 }).chain((n) => docArb(`doc:${n}`)).map((d) => ({ add: d })),
      fc.integer({ min: 0, max: 15 }).map((n) => ({ remove: `doc:${n}` })),
      fc.constant({ compact: true }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), fc.array(queryArb, { minLength: 1, maxLength: 4 }), (ops, queries) => {
        let idx = new SearchIndex()
        const held = new Map<string, SearchDoc>()
        for (const o of ops) {
          if ('add' in o) {
            idx.add(o.add)
            held.set(o.add.id, o.add)
          } else if ('remove' in o) {
            expect(idx.remove(o.remove)).toBe(held.delete(o.remove))
          } else idx = SearchIndex.deserialize(idx.serialize())
        }
        expect(idx.docIds().sort()).toEqual([...held.keys()].sort())
        for (const q of queries) {
          const result = idx.search(q, { limit: 100 })
          for (const h of result.hits) expect(held.has(h.id)).toBe(true)
          // a query of whole words: a document matches iff some field holds each of its words
          const words = q.split(' ').map(normalizeForSearch)
          const expected = [...held.values()].filter((d) => words.every((w) => [d.title, d.body, d.extra].some((f) => normalizeForSearch(f).includes(w))))
          // Latin words match whole words only: gov does not match inside another word
          if (words.every((w) => /^[\p{sc=Han}]+$/u.test(w))) expect(result.hits.map((h) => h.id).sort()).toEqual(expected.map((d) => d.id).sort())
          expect(result.total).toBe(result.hits.length)
        }
      }),
    )
  })

  it('finds the same documents for a query in simplified and in traditional script', () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' })
    const toHongKong = OpenCC.Converter({ from: 'cn', to: 'hk' })
    // real sentences of the fixtures' kind, cut at random: the queries are their substrings
    const SENTENCES = ['加快推进数字政府建设', '全面提升政务服务效能', '强化数据安全保障体系', '构建一体化政务大数据体系', '发挥数字政府对经济社会发展的引领作用', '会议审议通过了年度预算报告', '档案管理系统着力优化', '什么时候后台里面发布通知']
    const sentence = fc.constantFrom(...SENTENCES)
    fc.assert(
      fc.property(fc.array(fc.tuple(sentence, fc.boolean()), { minLength: 1, maxLength: 8 }), sentence, fc.nat(), fc.integer({ min: 2, max: 5 }), (parts, source, at, len) => {
        const idx = new SearchIndex()
        parts.forEach(([s, traditional], i) => idx.add(doc(`doc:${i}`, '', traditional ? toTraditional(s) : s)))
        const start = at % Math.max(1, source.length - len + 1)
        const q = source.slice(start, start + len)
        const simplified = ids(idx, q)
        expect(ids(idx, toTraditional(q))).toEqual(simplified)
        expect(ids(idx, toHongKong(q))).toEqual(simplified)
      }),
    )
  })
})
