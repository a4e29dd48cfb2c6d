// `zhengtong://` links the OS hands to the app: found in a second instance's command line
// (Linux, Windows) or an `open-url` event (macOS), checked, and held until the page asks for
// them through the bridge (`app.nextDeepLink`). Main only forwards a link; it never acts on one.
import { DEEP_LINK_MAX_LENGTH, DEEP_LINK_SCHEME } from '../../core/bridge/contract'

/** The link as a canonical URL, or null for anything that is not one of ours. */
export function parseDeepLink(raw: string): string | null {
  if (raw.length > DEEP_LINK_MAX_LENGTH) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.username || url.password) return null
  return url.href.length <= DEEP_LINK_MAX_LENGTH ? url.href : null
}

/** The link among command-line arguments (the OS passes it as one argument), if any. */
export function deepLinkInArgv(argv: readonly string[]): string | null {
  for (const arg of [...argv].reverse()) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue
    const link = parseDeepLink(arg)
    if (link) return link
  }
  return null
}

/** Links waiting for the page, and the page's pending asks. A link goes to every ask pending. */
export class DeepLinkInbox {
  private readonly queue: string[] = []
  private waiters: ((url: string) => void)[] = []

  constructor(private readonly maxQueued = 16) {}

  push(raw: string): boolean {
    const url = parseDeepLink(raw)
    if (!url) return false
    if (this.waiters.length > 0) {
      const waiters = this.waiters
      this.waiters = []
      for (const resolve of waiters) resolve(url)
    } else {
      this.queue.push(url)
      // a flood of links while nobody listens keeps only the latest few
      if (this.queue.length > this.maxQueued) this.queue.shift()
    }
    return true
  }

  next(): Promise<string> {
    const queued = this.queue.shift()
    if (queued !== undefined) return Promise.resolve(queued)
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  /** The page reloaded: its pending asks will never read an answer, so links must wait for new ones. */
  forgetWaiters(): void {
    this.waiters = []
  }
}
