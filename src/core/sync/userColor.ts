// A stable presence colour per user, so the server can stamp it and every client agrees.
const PALETTE = ['#1677ff', '#eb2f96', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#a0d911', '#f5222d', '#2f54eb', '#faad14']

export function userColor(userId: string): string {
  let h = 0
  for (const ch of userId) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0
  return PALETTE[h % PALETTE.length]!
}
