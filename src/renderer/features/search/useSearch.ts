// One search feed per signed-in engine, started by the header's search box (a little after the
// shell paints) and stopped with it; and the hook that asks it as one types.
import { useEffect, useState, useSyncExternalStore } from 'react'
import type { SearchFilters } from '../../../core/search'
import { useEngine } from '../../sync/hooks'
import type { SyncEngine } from '../../sync/SyncEngine'
import type { Found } from './protocol'
import { SearchFeed } from './searchFeed'

/** the feed waits this long after sign-in/unlock, so 待办 paints first */
const START_DELAY_MS = 400

const feeds = new WeakMap<SyncEngine, { feed: SearchFeed | null; users: number; listeners: Set<() => void> }>()

function slot(engine: SyncEngine): { feed: SearchFeed | null; users: number; listeners: Set<() => void> } {
  let s = feeds.get(engine)
  if (!s) {
    s = { feed: null, users: 0, listeners: new Set() }
    feeds.set(engine, s)
  }
  return s
}

/** Keeps the engine's feed running while the calling component is mounted. */
export function useSearchFeedRunning(): void {
  const engine = useEngine()
  useEffect(() => {
    const s = slot(engine)
    s.users++
    const timer = setTimeout(() => {
      if (s.feed || s.users === 0) return
      s.feed = new SearchFeed(engine)
      for (const l of s.listeners) l()
    }, START_DELAY_MS)
    return () => {
      clearTimeout(timer)
      if (--s.users === 0 && s.feed) {
        s.feed.stop()
        s.feed = null
      }
    }
  }, [engine])
}

function useFeed(): SearchFeed | null {
  const engine = useEngine()
  const s = slot(engine)
  return useSyncExternalStore(
    (l) => {
      s.listeners.add(l)
      return () => s.listeners.delete(l)
    },
    () => s.feed,
  )
}

/** The answer to `query` (null while there is none yet), asked again when the index changes. */
export function useSearchResults(query: string, filters: SearchFilters | undefined, limit: number): { found: Found | null; failed: boolean } {
  const feed = useFeed()
  const version = useSyncExternalStore(feed?.subscribe ?? noSubscribe, () => feed?.version ?? 0)
  const [state, setState] = useState<{ found: Found | null; failed: boolean }>({ found: null, failed: false })
  const key = JSON.stringify(filters ?? {})
  useEffect(() => {
    const q = query.trim()
    if (!feed || !q) {
      setState({ found: null, failed: false })
      return
    }
    let live = true
    // a short pause while typing, then the worker answers; an older answer never replaces a newer
    const timer = setTimeout(() => {
      feed.search(q, JSON.parse(key) as SearchFilters, limit).then(
        (found) => live && setState({ found, failed: false }),
        () => live && setState({ found: null, failed: true }),
      )
    }, 60)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [feed, query, key, limit, version])
  return state
}

const noSubscribe = (): (() => void) => () => undefined
