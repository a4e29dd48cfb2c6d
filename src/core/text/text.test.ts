import { describe, expect, it } from 'vitest'
import { FOLD_TABLE, foldScript } from './foldScript'
import { formatDateTime, formatDocDate } from './formatDate'

describe('foldScript', () => {
  it('lets a simplified query find traditional text and back', () => {
    expect(foldScript('數字政府建設')).toBe(foldScript('数字政府建设'))
    expect(foldScript('黑龍江省人民政府關於加強數字政府建設的實施意見')).toContain('数字政府建设')
  })

  it('leaves text without traditional characters unchanged', () => {
    expect(foldScript('海政发〔2022〕114号 abc')).toBe('海政发〔2022〕114号 abc')
  })
})

describe('document dates', () => {
  it('writes dates as official documents do, without leading zeros, in China time', () => {
    expect(formatDocDate(new Date('2012-07-01T03:00:00Z'))).toBe('2012年7月1日')
    // 20:30 UTC on 21 November is already 22 November in Beijing
    expect(formatDocDate(new Date('2026-11-21T20:30:00Z'))).toBe('2026年11月22日')
    expect(formatDateTime(new Date('2026-11-22T02:05:00Z'))).toBe('2026年11月22日 10:05')
  })
})

describe('the folding table', () => {
  it('is OpenCC\'s whole character table, regional variants included', () => {
    expect(FOLD_TABLE.size).toBeGreaterThan(3000)
    expect(foldScript('爲峯啓裡臺灣麼')).toBe('为峰启里台湾么')
    // characters OpenCC relates fold to one place, whichever way a user writes them
    expect(foldScript('看著')).toBe(foldScript('看着'))
    expect(foldScript('乾燥 幹部 干涉')).toBe('干燥 干部 干涉')
  })

  it('maps traditional characters to different, simplified ones', () => {
    for (const [from, to] of FOLD_TABLE) {
      expect(from).not.toBe(to)
      expect(FOLD_TABLE.has(to)).toBe(false)
    }
  })
})
