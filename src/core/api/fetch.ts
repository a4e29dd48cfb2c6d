// The part of the standard fetch the API client uses. Every host of core has fetch (browsers,
// Electron, Node ≥ 18), but core's tsconfig carries no DOM types, so the shape is declared here,
// narrowly, and a host may pass its own (tests, a proxy-aware fetch).
export interface FetchInit {
  method?: string
  headers?: Record<string, string>
  body?: string | Uint8Array
  cache?: 'no-store'
}

export interface FetchResponse {
  ok: boolean
  status: number
  json(): Promise<unknown>
  arrayBuffer(): Promise<ArrayBuffer>
}

export type Fetch = (url: string, init?: FetchInit) => Promise<FetchResponse>

/** The host's own fetch, looked up when called (so a test may replace it). */
export const standardFetch: Fetch = (url, init) => (globalThis as unknown as { fetch: Fetch }).fetch(url, init)

/** The host's own random UUID (Web Crypto, in every host of core). */
export const standardUuid = (): string => (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID()
