// Line breaking on a character grid with the Chinese line-breaking rules (禁则): no line starts with
// closing punctuation, none ends with opening punctuation, and runs of Latin letters and digits
// (years, numbers, words) are never split.

const NO_START = new Set('，。、；：？！）》」』】〕”’…—·％%,.;:?!)]}'.split(''))
const NO_END = new Set('（《「『【〔“‘([{'.split(''))

/** Grid units a character takes: 1 for full-width, ½ for half-width (ASCII and half-width forms). */
export function charUnits(ch: string): number {
  const c = ch.codePointAt(0) ?? 0
  return c < 0x2e80 || (c >= 0xff61 && c <= 0xffdc) ? 0.5 : 1
}

export function textUnits(text: string): number {
  let n = 0
  for (const ch of text) n += charUnits(ch)
  return n
}

/** Split into unbreakable pieces: single CJK characters, or whole Latin/digit words. */
function pieces(text: string): string[] {
  return text.match(/[A-Za-z0-9.%\-/:]+|[\s\S]/gu) ?? []
}

/**
 * Break `text` into lines of at most `width` units; the first line may be narrower (`firstWidth`,
 * e.g. after a two-character indent). A word wider than a line is split by character.
 */
export function breakLines(text: string, width: number, firstWidth = width): string[] {
  const lines: string[][] = [[]]
  let used = 0
  const limit = (): number => (lines.length === 1 ? firstWidth : width)
  const queue = pieces(text)
  while (queue.length) {
    const piece = queue.shift()!
    const units = textUnits(piece)
    if (units > limit() && piece.length > 1) {
      queue.unshift(...Array.from(piece))
      continue
    }
    const line = lines[lines.length - 1]!
    if (used + units > limit() + 1e-9 && line.length) {
      // 禁则: pull pieces down until the new line starts with one that may start a line; when
      // that is impossible, the punctuation hangs past the line's end (悬挂)
      const next: string[] = []
      let head = piece
      while (NO_START.has(head[0]!) && line.length > 1) {
        head = line.pop()!
        next.unshift(head)
      }
      if (NO_START.has(head[0]!)) {
        line.push(...next, piece)
        used += textUnits(next.join('')) + units
        continue
      }
      while (line.length > 1 && NO_END.has(line[line.length - 1]!.slice(-1))) next.unshift(line.pop()!)
      lines.push(next)
      used = textUnits(next.join(''))
    }
    lines[lines.length - 1]!.push(piece)
    used += units
  }
  return lines.map((l) => l.join('')).filter((l, i) => l !== '' || i === 0)
}
