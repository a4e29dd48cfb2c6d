// 痕迹保留 (修改痕迹): what each step's handler inserted and deleted between two versions of a
// document. Versions are the canonical content at step boundaries (ARCHITECTURE.md §3.4); the
// change from one version to the next belongs to the handler who closed that step.
import { diffChars } from 'diff'
import { pmBlocks, type DocContent } from './content'

export interface TraceSpan {
  text: string
  /** inserted by this user (within the range shown) */
  insertedBy?: string
  /** deleted by this user */
  deletedBy?: string
}

/** The text a trace compares: the title, then the body's blocks, one per line. */
export function traceText(content: DocContent): string {
  return [content.meta.title, ...pmBlocks(content.body).map((b) => b.text)].join('\n')
}

export interface TraceStep {
  actor: string
  text: string
}

interface Char {
  ch: string
  ins?: string
  del?: string
}

/**
 * Start from `base` and apply each later version in turn; the result shows every insertion and
 * deletion with its author. Deleted text stays in place (struck through), as reviewers expect.
 */
export function traceChanges(base: string, steps: readonly TraceStep[]): TraceSpan[] {
  let chars: Char[] = Array.from(base, (ch) => ({ ch }))
  let visible = base
  for (const step of steps) {
    const next: Char[] = []
    let i = 0
    // copy deleted characters through, then take `n` visible ones with `f`
    const take = (n: number, f: (c: Char) => Char): void => {
      while (n > 0) {
        const c = chars[i++]!
        if (c.del) {
          next.push(c)
          continue
        }
        next.push(f(c))
        n -= c.ch.length
      }
    }
    for (const part of diffChars(visible, step.text)) {
      const n = part.value.length
      if (part.added) for (const ch of part.value) next.push({ ch, ins: step.actor })
      else if (part.removed) take(n, (c) => (c.ins ? { ...c, del: step.actor } : { ch: c.ch, del: step.actor }))
      else take(n, (c) => c)
    }
    while (i < chars.length) next.push(chars[i++]!)
    chars = next
    visible = step.text
  }
  // merge runs with the same attribution
  const out: TraceSpan[] = []
  for (const c of chars) {
    const last = out[out.length - 1]
    if (last && last.insertedBy === c.ins && last.deletedBy === c.del) last.text += c.ch
    else out.push({ text: c.ch, ...(c.ins ? { insertedBy: c.ins } : {}), ...(c.del ? { deletedBy: c.del } : {}) })
  }
  return out
}

/** The text a trace ends with (deleted spans left out). */
export function traceResult(spans: readonly TraceSpan[]): string {
  return spans.filter((s) => !s.deletedBy).map((s) => s.text).join('')
}

/** The text a trace started from (its insertions left out, its deletions restored). */
export function traceOrigin(spans: readonly TraceSpan[]): string {
  return spans.filter((s) => !s.insertedBy).map((s) => s.text).join('')
}
