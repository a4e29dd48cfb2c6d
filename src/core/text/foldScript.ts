// Fold traditional characters to simplified, so a search in one script finds the other
// (數字政府 ↔ 数字政府). The table is OpenCC's (opencc-js, Apache-2.0 data): TSCharacters, every
// traditional character with its simplified form (about 3,500), plus the Taiwan and Hong Kong
// variant forms, each folded to the simplified form of its standard character (爲 → 为, 峯 → 峰).
// Only the character table is bundled (about 30 kB), not the phrase dictionaries.
//
// Folding is character by character and idempotent: a search only needs both sides folded the
// same way, and one character in gives one character out, so offsets in folded text are
// offsets in the original (highlighting needs that). Phrase-level conversion (乾隆 stays 乾) is
// right for display and wrong here: it would fold the query and the text differently.
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev'
import TSCharacters from 'opencc-js/dict/TSCharacters'
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev'

const entries = (dict: string): [string, string][] =>
  dict.split('|').map((e) => e.split(' ')).filter((p): p is [string, string, ...string[]] => p.length >= 2 && !!p[0] && !!p[1]).map((p) => [p[0], p[1]])

/**
 * Characters OpenCC relates (traditional → simplified, regional variant → standard) form classes;
 * each class folds to one member: the simplified form where there is one (the target of most
 * TSCharacters entries), else the standard form of a variant (著 → 着), so one class never folds
 * to two places and folding twice changes nothing.
 */
function buildTable(): Map<string, string> {
  const ts = entries(TSCharacters).filter(([a, b]) => a !== b)
  const variants = [...entries(TWVariantsRev), ...entries(HKVariantsRev)].filter(([a, b]) => a !== b)
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let root = x
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!
    parent.set(x, root)
    return root
  }
  const union = (a: string, b: string): void => {
    const ra = find(a)
    const rb = find(b)
    if (ra !== rb) parent.set(ra, rb)
  }
  for (const [a, b] of [...ts, ...variants]) union(a, b)
  const sources = new Set(ts.map(([a]) => a))
  const targetCount = new Map<string, number>()
  for (const [, b] of ts) targetCount.set(b, (targetCount.get(b) ?? 0) + 1)
  const standards = new Set(variants.map(([, b]) => b))
  const rank = (c: string): number => (targetCount.has(c) && !sources.has(c) ? 2_000_000 + targetCount.get(c)! : standards.has(c) && !sources.has(c) ? 1_000_000 : 0) - c.codePointAt(0)! / 2_000_000
  const classes = new Map<string, string[]>()
  for (const c of parent.keys()) {
    const root = find(c)
    const members = classes.get(root) ?? []
    members.push(c)
    classes.set(root, members)
  }
  const table = new Map<string, string>()
  for (const members of classes.values()) {
    const canonical = members.reduce((best, c) => (rank(c) > rank(best) ? c : best))
    for (const c of members) if (c !== canonical) table.set(c, canonical)
  }
  return table
}

export const FOLD_TABLE: ReadonlyMap<string, string> = buildTable()

const escapeClass = (ch: string): string => (/[\\\]^-]/.test(ch) ? '\\' + ch : ch)
const FOLD_RE = new RegExp(`[${[...FOLD_TABLE.keys()].map(escapeClass).join('')}]`, 'gu')

/** The text with every traditional character replaced by its simplified form. */
export function foldScript(text: string): string {
  return text.replace(FOLD_RE, (ch) => FOLD_TABLE.get(ch) ?? ch)
}
