// Tells the first occurrence of a key within a window from its repeats, so that one reader
// opening the same document again and again (a reconnecting socket) writes one audit record a
// minute, not one per socket.
export class Repeats {
  private readonly seen = new Map<string, number>()

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** true the first time `key` is seen in a window (and starts the window), false for its repeats */
  first(key: string): boolean {
    const t = this.now()
    const last = this.seen.get(key)
    if (last !== undefined && t - last < this.windowMs) return false
    // forget the stale ones now and then, so the map stays as small as the recent readers
    if (this.seen.size >= 10_000) for (const [k, at] of this.seen) if (t - at >= this.windowMs) this.seen.delete(k)
    this.seen.set(key, t)
    return true
  }
}
