import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { traceChanges, traceOrigin, traceResult } from './trace'

describe('修改痕迹', () => {
  it('attributes each insertion and deletion to the handler of its step', () => {
    const spans = traceChanges('关于做好工作的通知', [
      { actor: 'lisi', text: '关于认真做好工作通知' },
      { actor: 'zhoujiu', text: '关于认真做好冬季工作通知' },
    ])
    expect(spans).toEqual([
      { text: '关于' },
      { text: '认真', insertedBy: 'lisi' },
      { text: '做好' },
      { text: '冬季', insertedBy: 'zhoujiu' },
      { text: '工作' },
      { text: '的', deletedBy: 'lisi' },
      { text: '通知' },
    ])
  })

  it('shows text one reviewer added and a later one removed as both', () => {
    const spans = traceChanges('甲乙', [{ actor: 'a', text: '甲丙乙' }, { actor: 'b', text: '甲乙' }])
    expect(spans).toContainEqual({ text: '丙', insertedBy: 'a', deletedBy: 'b' })
  })

  it('always ends at the last version and starts from the first, whatever the edits', () => {
    const text = fc.array(fc.constantFrom(...'公文处理条例，。一二三'.split('')), { maxLength: 30 }).map((a) => a.join(''))
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), text), { maxLength: 5 }), (base, steps) => {
        const spans = traceChanges(base, steps.map(([actor, t]) => ({ actor, text: t })))
        expect(traceResult(spans)).toBe(steps.length ? steps[steps.length - 1]![1] : base)
        // what was not inserted within the range is the base, in order
        expect(traceOrigin(spans)).toBe(base)
      }),
    )
  })
})
