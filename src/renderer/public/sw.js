// The browser build's service worker: keeps the app shell (index.html and every built asset listed
// in Vite's manifest) in a cache, so that the app starts without a network after its first load.
// Network first for the page itself (a new build wins when online), cache first for hashed assets.
// Web workers (the search index) are not in the manifest: they are found in the chunks that start
// them (`new URL("….js", import.meta.url)`), so the app searches offline too.
const CACHE = 'zt-shell-v2'
const WORKER_REF = /new URL\(\s*["']([^"']+\.m?js)["']\s*,\s*import\.meta\.url\s*\)/g

/** The worker scripts the cached chunks start, as absolute URLs. */
async function workerUrls(cache, chunks) {
  const found = []
  for (const chunk of chunks) {
    const response = await cache.match(chunk)
    if (!response) continue
    const base = new URL(chunk, self.registration.scope)
    for (const m of (await response.text()).matchAll(WORKER_REF)) found.push(new URL(m[1], base).href)
  }
  return found
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE)
      const urls = ['./', './index.html']
      try {
        const manifest = await (await fetch('./.vite/manifest.json', { cache: 'no-store' })).json()
        for (const entry of Object.values(manifest)) {
          urls.push('./' + entry.file)
          for (const css of entry.css ?? []) urls.push('./' + css)
          for (const asset of entry.assets ?? []) urls.push('./' + asset)
        }
      } catch {
        // no manifest (a dev server): assets are cached as they are fetched
      }
      await cache.addAll([...new Set(urls)])
      const chunks = urls.filter((u) => /\.m?js$/.test(u))
      const workers = (await workerUrls(cache, chunks)).filter((u) => !chunks.some((c) => new URL(c, self.registration.scope).href === u))
      if (workers.length) await cache.addAll([...new Set(workers)])
      await self.skipWaiting()
    })(),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key)
      await self.clients.claim()
    })(),
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== location.origin || !url.pathname.startsWith(new URL('./', self.registration.scope).pathname)) return
  const isPage = request.mode === 'navigate'
  // the list of the server's fonts may change (fonts installed later): network first, like the page;
  // the font files themselves carry their version in the address, so cache first is right for them
  const fresh = isPage || url.pathname.endsWith('/fonts/')
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE)
      if (!fresh) {
        const hit = await cache.match(request)
        if (hit) return hit
      }
      try {
        const response = await fetch(request)
        if (response.ok) await cache.put(isPage ? './index.html' : request, response.clone())
        return response
      } catch (err) {
        const fallback = await cache.match(isPage ? './index.html' : request)
        if (fallback) return fallback
        throw err
      }
    })(),
  )
})
