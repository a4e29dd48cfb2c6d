import { describe, expect, it } from 'vitest'
import { normalizeForSearch, normalizeWithOffsets } from './normalize'
import { planQuery, tokens } from './tokenize'

const terms = (text: string): string[] => tokens(normalizeForSearch(text))

describe('normalising text for search', () => {
  it('folds width, case and script to one form', () => {
    expect(normalizeForSearch('ＧＢ／Ｔ　９７０４ 數字政府 IPv6')).toBe('gb/t 9704 数字政府 ipv6')
    expect(normalizeForSearch('黑龍江省人民政府關於加強數字政府建設的實施意見')).toBe('黑龙江省人民政府关于加强数字政府建设的实施意见')
  })

  it('keeps, for every folded unit, where it came from in the original', () => {
    const src = 'Ａ①數字e\u0301'
    const n = normalizeWithOffsets(src)
    expect(n.text).toBe('a1数字é')
    expect([...n.origin]).toEqual([0, 1, 2, 3, 4, src.length])
    // a character that NFKC expands keeps pointing at itself
    const expanded = normalizeWithOffsets('㍻元年')
    expect(expanded.text).toBe('平成元年')
    expect([...expanded.origin]).toEqual([0, 0, 1, 2, 3])
  })
})

describe('terms of a text', () => {
  it('gives Chinese characters and every two-character window, so any two-character word is a term', () => {
    expect(terms('数字政府')).toEqual(expect.arrayContaining(['数', '数字', '字', '字政', '政', '政府', '府']))
    expect(terms('一网通办')).toContain('通办')
  })

  it('adds the longer words Intl.Segmenter finds', () => {
    expect(terms('黑龙江省人民政府').some((t) => t.length >= 3)).toBe(true)
  })

  it('splits Chinese from Latin and digits written together, and keeps letters+digits also whole', () => {
    const t = terms('推进5G网络和IPv6部署，落实GB/T 9704')
    expect(t).toEqual(expect.arrayContaining(['5', 'g', '5g', '网络', 'ipv', '6', 'ipv6', 'gb', 't', '9704']))
    expect(t).not.toContain('进5')
  })

  it('reads the same terms from a traditional and a simplified text', () => {
    expect(terms('數據共享與政務服務')).toEqual(terms('数据共享与政务服务'))
  })
})

describe('a query as terms', () => {
  it('requires every two-character window of a Chinese run, or the character alone', () => {
    expect(planQuery('数字政府').required.map((r) => r.term)).toEqual(['数字', '字政', '政府'])
    expect(planQuery('税').required).toEqual([{ term: '税', prefix: false }])
  })

  it('treats the Latin word still being typed as a prefix, and a finished one exactly', () => {
    expect(planQuery('gov').required).toEqual([{ term: 'gov', prefix: true }])
    expect(planQuery('gov ').required).toEqual([{ term: 'gov', prefix: false }])
    expect(planQuery('ipv6').required.map((r) => r.term)).toEqual(['ipv', '6'])
    expect(planQuery('ipv6').bonus).toContain('ipv6')
  })
})
