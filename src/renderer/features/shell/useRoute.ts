// The window's place is its hash (`/app/#/doc/<id>`, src/core/workcentre/route.ts): navigating
// pushes a history entry, so reload keeps the place and back / forward walk it. On the desktop,
// `zhengtong://` links the OS hands over (app.nextDeepLink) navigate the same way — they only
// route; nothing in a link acts without the user.
import { useCallback, useEffect, useSyncExternalStore } from 'react'
import { formatRoute, parseRoute, routeOfDeepLink, type Route } from '../../../core/workcentre/route'
import { host } from '../../platform/host'

const subscribe = (listener: () => void): (() => void) => {
  window.addEventListener('hashchange', listener)
  return () => window.removeEventListener('hashchange', listener)
}
const current = (): string => window.location.hash

export type Navigate = (route: Route, options?: { replace?: boolean }) => void

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = formatRoute(route)
  if (hash === window.location.hash || (hash === '#/' && window.location.hash === '')) return
  if (options.replace) {
    history.replaceState(history.state, '', hash)
    window.dispatchEvent(new HashChangeEvent('hashchange'))
  } else window.location.hash = hash
}

export function useRoute(): [Route, Navigate] {
  const hash = useSyncExternalStore(subscribe, current)
  const route = parseRoute(hash)
  const go = useCallback<Navigate>((r, o) => navigate(r, o), [])
  return [route, go]
}

/** Takes the desktop's `zhengtong://` links as they come and routes to them (the browser build never answers). */
export function useDeepLinks(): void {
  useEffect(() => {
    let live = true
    const wait = (): void => {
      void host['app.nextDeepLink']().then(({ url }) => {
        if (!live) return
        const route = routeOfDeepLink(url)
        if (route) navigate(route)
        wait()
      }, () => undefined)
    }
    wait()
    return () => {
      live = false
    }
  }, [])
}
