import { describe, expect, it } from 'vitest'
import { excerpt, matchRanges } from './highlight'

const marked = (text: string, query: string): string[] => matchRanges(text, query).map(([a, b]) => text.slice(a, b))

describe('highlighting', () => {
  it('marks a simplified query in traditional text, at the original offsets', () => {
    expect(marked('黑龍江省關於加強數字政府建設的意見', '数字政府')).toEqual(['數字政府'])
    expect(marked('推進５Ｇ網絡', '5g网络')).toEqual(['５Ｇ網絡'])
  })

  it('marks a Chinese run whole where it stands whole, not every pair of it', () => {
    expect(marked('省人民政府推进数字政府建设', '数字政府')).toEqual(['数字政府'])
    // not found whole: the pairs that made the document match
    expect(marked('数字化的政府', '数字政府')).toEqual(['数字', '政府'])
  })

  it('marks Latin words from their start only', () => {
    expect(marked('e-government and ungoverned', 'gov')).toEqual(['gov'])
  })

  it('cuts an excerpt around the first match and keeps the marks inside it', () => {
    const text = '前言。'.repeat(40) + '加快推进一网通办改革' + '结尾。'.repeat(40)
    const ex = excerpt(text, '一网通办', 40)
    expect(ex.text.startsWith('…')).toBe(true)
    expect(ex.text.endsWith('…')).toBe(true)
    expect(ex.ranges.map(([a, b]) => ex.text.slice(a, b))).toEqual(['一网通办'])
  })
})
