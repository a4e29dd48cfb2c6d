// Every page and item has an address in the window's hash (`/app/#/doc/<id>`), so a reload keeps
// one's place, back and forward work, and `zhengtong://doc/<id>` links open the same places.
// Parsing is total: anything unknown is the 工作台; ids are checked, so a link can only route.

export type Route =
  | { page: 'workbench' }
  | { page: 'inbox'; box?: 'todo' | 'toread' | 'done' | 'drafts' }
  | { page: 'docs' }
  | { page: 'doc'; id: string }
  | { page: 'meetings' }
  | { page: 'meeting'; id: string }
  | { page: 'archive' }
  | { page: 'record'; code: string }
  | { page: 'borrow' }
  | { page: 'directory' }
  | { page: 'seals' }
  | { page: 'verify' }
  | { page: 'bulletin' }
  | { page: 'units' }
  | { page: 'search'; query: string }

export const DEEP_LINK_PREFIX = 'zhengtong://'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const PLAIN: readonly Route['page'][] = ['workbench', 'docs', 'meetings', 'archive', 'borrow', 'directory', 'seals', 'verify', 'bulletin', 'units']
const BOXES = ['todo', 'toread', 'done', 'drafts'] as const
/** 档号 (DA/T 22): letters, digits, 「·」 and 「-」 */
const CODE = /^[\p{L}\p{N}·-]{1,64}$/u

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part)
  } catch {
    return null
  }
}

/** The hash (`#/doc/<id>`, or without the `#`) as a route; the 工作台 for anything else. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '')
  const q = raw.indexOf('?')
  const path = (q < 0 ? raw : raw.slice(0, q)).replace(/^\/+|\/+$/g, '')
  const query = q < 0 ? '' : raw.slice(q + 1)
  const [head = '', second, ...rest] = path.split('/')
  if (rest.length) return { page: 'workbench' }
  if (second === undefined) {
    if (head === '') return { page: 'workbench' }
    if (head === 'inbox') return { page: 'inbox' }
    if (head === 'search') {
      const m = /(?:^|&)q=([^&]*)/.exec(query)
      const text = m ? decode(m[1]!.replace(/\+/g, ' ')) : ''
      return { page: 'search', query: (text ?? '').slice(0, 200) }
    }
    return (PLAIN as readonly string[]).includes(head) ? ({ page: head } as Route) : { page: 'workbench' }
  }
  const id = decode(second)
  if (id === null) return { page: 'workbench' }
  if (head === 'inbox' && (BOXES as readonly string[]).includes(id)) return { page: 'inbox', box: id as (typeof BOXES)[number] }
  if (head === 'doc' && UUID.test(id)) return { page: 'doc', id }
  if (head === 'meeting' && UUID.test(id)) return { page: 'meeting', id }
  if (head === 'archive' && CODE.test(id)) return { page: 'record', code: id }
  return { page: 'workbench' }
}

/** The route as the hash to put in the address (`#/doc/<id>`). */
export function formatRoute(route: Route): string {
  switch (route.page) {
    case 'workbench':
      return '#/'
    case 'inbox':
      return route.box ? `#/inbox/${route.box}` : '#/inbox'
    case 'doc':
      return `#/doc/${route.id}`
    case 'meeting':
      return `#/meeting/${route.id}`
    case 'record':
      return `#/archive/${encodeURIComponent(route.code)}`
    case 'search':
      return `#/search?q=${encodeURIComponent(route.query)}`
    default:
      return `#/${route.page}`
  }
}

/** A `zhengtong://doc/<id>` link (also `zhengtong://app/#/doc/<id>`) as a route; null when it is not ours. */
export function routeOfDeepLink(link: string): Route | null {
  if (!link.toLowerCase().startsWith(DEEP_LINK_PREFIX)) return null
  let rest = link.slice(DEEP_LINK_PREFIX.length)
  const hash = rest.indexOf('#')
  if (hash >= 0) rest = rest.slice(hash + 1)
  return parseRoute(`#/${rest.replace(/^\/+/, '')}`)
}

/** The link that opens the route in the desktop app. */
export function deepLinkOf(route: Route): string {
  return `${DEEP_LINK_PREFIX}${formatRoute(route).slice(2)}`
}

/** The route of a room's item: a 公文, a meeting; the rest open their page. */
export function routeOfRoom(room: string): Route {
  const [kind, id = ''] = room.split(':')
  if (kind === 'doc' && UUID.test(id)) return { page: 'doc', id }
  if (kind === 'meeting' && UUID.test(id)) return { page: 'meeting', id }
  if (room === 'venues') return { page: 'meetings' }
  if (room === 'archive') return { page: 'archive' }
  return { page: 'workbench' }
}
