// Several server processes serving one organisation (--postgres … --redis redis://…): each room a
// process has loaded is a Redis channel it listens on, and nothing else — no process loads a
// document because another did. An update is published after PostgreSQL has it (with its
// position), so Redis carries news, never the only copy: whatever a process misses it reads from
// the store (RoomFeed). Sessions, room records and the directory travel by the store's own change
// log (PostgresDirectory), commands are judged under its lock: neither needs Redis.
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { RoomUpdates } from '../../src/core/storage/types'
import type { RoomFanout } from '../sync/fanout'
import type { RoomLink } from '../sync/Room'
import { decodeFanout, encodeFanout, type FanoutMessage } from './fanoutMessages'
import { RoomFeed, type FeedHost } from './RoomFeed'

/** how often the stored positions of the loaded rooms are compared with ours */
const SWEEP_MS = 1000
const CONNECT_TIMEOUT_MS = 5000

/** What the fan-out reads from the shared store (PostgresStorage). */
export interface FanoutStore {
  updatesSince(room: string, position: number): Promise<RoomUpdates>
  roomPositions(rooms: string[]): Promise<Map<string, number>>
}

export interface RedisTarget {
  /** the URL as ioredis takes it (without our `prefix` parameter) */
  url: string
  /** put before every channel name, so that several organisations (or test runs) share one Redis */
  prefix: string
}

/** `redis://[user:pass@]host:port[/db][?prefix=…]`; the prefix defaults to `fallbackPrefix`. */
export function parseRedisUrl(url: string, fallbackPrefix: string): RedisTarget {
  const parsed = new URL(url)
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new RangeError('not a redis:// URL')
  const prefix = parsed.searchParams.get('prefix') || fallbackPrefix
  parsed.searchParams.delete('prefix')
  return { url: parsed.toString(), prefix }
}

export class RedisFanout implements RoomFanout, FeedHost {
  readonly origin = randomUUID()
  /** the feed of each loaded room (the newest, while an older copy is still leaving memory) */
  private readonly feeds = new Map<string, RoomFeed>()
  private readonly sweepTimer: NodeJS.Timeout
  private sweeping = false
  private connected = false
  private closed = false

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly prefix: string,
    private readonly store: FanoutStore,
    sweepMs: number,
  ) {
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.hear(channel.toString(), message))
    // back after a drop (ioredis subscribes again by itself): what was published meanwhile is in the store
    sub.on('ready', () => {
      if (this.connected && !this.closed) for (const feed of this.feeds.values()) void feed.catchUp().catch(() => undefined)
    })
    this.sweepTimer = setInterval(() => void this.sweep(), sweepMs)
    this.sweepTimer.unref()
  }

  static async connect(target: RedisTarget, store: FanoutStore, options: { sweepMs?: number } = {}): Promise<RedisFanout> {
    const make = (): Redis => {
      const client = new Redis(target.url, { lazyConnect: true, connectionName: 'zhengtong' })
      // a dropped connection is retried by ioredis; meanwhile the store covers what is missed
      client.on('error', () => undefined)
      return client
    }
    const pub = make()
    const sub = make()
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        Promise.all([pub.connect(), sub.connect()]),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), CONNECT_TIMEOUT_MS))),
      ])
    } catch (err) {
      pub.disconnect()
      sub.disconnect()
      throw err
    } finally {
      clearTimeout(timer)
    }
    const fanout = new RedisFanout(pub, sub, target.prefix, store, options.sweepMs ?? SWEEP_MS)
    fanout.connected = true
    return fanout
  }

  async open(name: string): Promise<RoomLink> {
    const feed = new RoomFeed(name, this)
    this.feeds.set(name, feed)
    try {
      await this.sub.subscribe(this.channel(name))
    } catch (err) {
      // the room does not open (its client retries); nothing is left listening for it
      feed.detach()
      throw err
    }
    return feed
  }

  publish(room: string, message: FanoutMessage): void {
    if (this.closed) return
    const bytes = encodeFanout(message)
    // a publish that fails is read from the store by whoever missed it
    this.pub.publish(this.channel(room), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch(() => undefined)
  }

  updatesSince(room: string, position: number): Promise<RoomUpdates> {
    return this.store.updatesSince(room, position)
  }

  detached(feed: RoomFeed): void {
    if (this.feeds.get(feed.name) !== feed) return
    this.feeds.delete(feed.name)
    if (!this.closed) this.sub.unsubscribe(this.channel(feed.name)).catch(() => undefined)
  }

  /** Says goodbye for this process's clients, then closes both connections. */
  async close(): Promise<void> {
    if (this.closed) return
    clearInterval(this.sweepTimer)
    for (const feed of this.feeds.values()) {
      const removal = feed.farewell()
      if (removal) this.publish(feed.name, { kind: 'awareness', origin: this.origin, update: removal })
    }
    this.closed = true
    for (const feed of [...this.feeds.values()]) feed.detach()
    // quit waits for the publishes queued before it
    await this.pub.quit().catch(() => this.pub.disconnect())
    this.sub.disconnect()
  }

  private channel(room: string): string {
    return `${this.prefix}room:${room}`
  }

  private hear(channel: string, bytes: Buffer): void {
    const head = `${this.prefix}room:`
    if (!channel.startsWith(head)) return
    const feed = this.feeds.get(channel.slice(head.length))
    const message = feed && decodeFanout(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    if (!feed || !message || message.origin === this.origin) return
    try {
      feed.receive(message)
    } catch (err) {
      // a message that cannot be applied is not the end of the room: the store has the update
      console.error(err)
    }
  }

  private async sweep(): Promise<void> {
    if (this.sweeping || this.closed || this.feeds.size === 0) return
    this.sweeping = true
    try {
      const stored = await this.store.roomPositions([...this.feeds.keys()])
      for (const [name, feed] of this.feeds) feed.sweep(stored.get(name) ?? 0)
    } catch {
      // the store is away: the next sweep asks again
    } finally {
      this.sweeping = false
    }
  }
}
