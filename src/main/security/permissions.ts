// Which web permissions the window may have: only the camera, for 扫码签到 (scanning a meeting's
// 签到码), and only for the app's own page. Everything else (microphone, location, …) is refused.
export interface PermissionAsk {
  permission: string
  /** the page asking */
  url: string
  /** for 'media': what it wants */
  mediaTypes?: readonly string[]
}

export function allowPermission(ask: PermissionAsk): boolean {
  if (ask.permission !== 'media') return false
  if (!ask.url.startsWith('file://')) return false
  const types = ask.mediaTypes ?? []
  return types.length > 0 && types.every((t) => t === 'video')
}
