// GB/T 9704-2012 page geometry (STANDARDS.md §2). All lengths in mm.
export const A4 = { width: 210, height: 297 } as const
export const MARGIN = { top: 37, left: 28, bottom: 35, right: 26 } as const
/** 版心: the type area */
export const BODY = { x: MARGIN.left, y: MARGIN.top, width: 156, height: 225 } as const
export const GRID = { lines: 22, chars: 28 } as const
/** one 字: the advance of a full-width character in the body */
export const CHAR = BODY.width / GRID.chars
/** the line pitch of the 22-line grid */
export const LINE = BODY.height / GRID.lines
/** font sizes, pt: 2号 22, 3号 16, 4号 14 */
export const SIZE = { hao2: 22, hao3: 16, hao4: 14 } as const
/** where a 3号 glyph's baseline sits within its grid line (em box centred in the pitch) */
export const BASELINE_IN_LINE = LINE / 2 + 0.38 * (SIZE.hao3 * 25.4 / 72)
