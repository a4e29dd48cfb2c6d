// The load generator: bare WebSocket clients on rooms, each appending marked items at a paced
// rate, and a ledger of who should receive what. Latency is from just before a client sends an
// update to the moment another client of its room reads it; a delivery is lost when it has not
// arrived some seconds after sending stopped.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { WebSocket } from 'ws'
import type { BenchServer } from './servers'
import { ItemWriter, hello, isStep2, marker, markersIn, updateFrame } from './wire'

let nextSender = 1

export class Client {
  readonly sender = nextSender++
  readonly writer: ItemWriter
  private seq = 0
  private readonly ws: WebSocket
  readonly ready: Promise<void>
  closed = false

  constructor(
    readonly server: BenchServer,
    readonly room: string,
    private readonly ledger: Ledger | null,
  ) {
    // a client id of its own, well apart from any a real client would pick at random
    this.writer = new ItemWriter(1_000_000 + this.sender)
    this.ws = new WebSocket(server.url(room), { perMessageDeflate: false })
    this.ready = new Promise((res, rej) => {
      this.ws.once('error', rej)
      this.ws.once('open', () => {
        for (const f of hello(server.dialect, room)) this.ws.send(f)
      })
      this.ws.on('message', (data: Buffer) => {
        if (isStep2(server.dialect, data)) res()
        this.ledger?.received(this, data)
      })
      this.ws.once('close', (code, reason) => {
        this.closed = true
        rej(new Error(`closed ${code} ${reason.toString()}`))
      })
    })
    this.ready.catch(() => undefined)
  }

  /** Sends one marked update (plus `pad` filler strings); returns its sequence number. */
  send(pad: string[] = []): number {
    const seq = this.seq++
    const update = this.writer.append([marker(this.sender, seq), ...pad])
    this.ledger?.sent(this, seq)
    this.ws.send(updateFrame(this.server.dialect, this.room, update))
    return seq
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve()
    return new Promise((res) => {
      this.ws.once('close', () => res())
      this.ws.close()
    })
  }
}

/** Who sent what when, and what arrived: latencies and losses of one phase. */
export class Ledger {
  private readonly sentAt = new Map<string, number>()
  private readonly byRoom = new Map<string, Client[]>()
  private readonly senders = new Map<number, Client>()
  latencies: number[] = []
  /** the latencies of deliveries between clients of different servers (several processes) */
  crossLatencies: number[] = []
  expected = 0
  delivered = 0
  duplicates = 0
  private readonly seen = new Set<string>()

  add(client: Client): void {
    const list = this.byRoom.get(client.room) ?? []
    list.push(client)
    this.byRoom.set(client.room, list)
    this.senders.set(client.sender, client)
  }

  sent(client: Client, seq: number): void {
    this.sentAt.set(`${client.sender}.${seq}`, performance.now())
    this.expected += (this.byRoom.get(client.room)?.length ?? 1) - 1
  }

  received(by: Client, data: Buffer): void {
    const now = performance.now()
    for (const [sender, seq] of markersIn(data)) {
      if (sender === by.sender) continue
      const at = this.sentAt.get(`${sender}.${seq}`)
      if (at === undefined) continue // from an earlier phase (a sync step 2 carries history)
      const key = `${by.sender}>${sender}.${seq}`
      if (this.seen.has(key)) {
        this.duplicates++
        continue
      }
      this.seen.add(key)
      this.delivered++
      this.latencies.push(now - at)
      if (this.senders.get(sender)?.server !== by.server) this.crossLatencies.push(now - at)
    }
  }

  /** Starts counting afresh (the clients stay). */
  reset(): void {
    this.sentAt.clear()
    this.seen.clear()
    this.latencies = []
    this.crossLatencies = []
    this.expected = 0
    this.delivered = 0
    this.duplicates = 0
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export interface PhaseResult {
  updatesPerSecond: number
  sent: number
  expected: number
  delivered: number
  lost: number
  p50: number
  p99: number
  max: number
  /** the load generator's own event-loop delay p99 (ms): if high, the figures above are ours, not the server's */
  generatorLagP99: number
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Opens `perRoom` clients on each room, a few hundred at a time, and waits until all are in. */
export async function connect(server: BenchServer, rooms: string[], perRoom: number, ledger: Ledger | null): Promise<Client[]> {
  const clients: Client[] = []
  const batch = 200
  for (let i = 0; i < rooms.length * perRoom; i += batch) {
    const made: Client[] = []
    for (let j = i; j < Math.min(i + batch, rooms.length * perRoom); j++) {
      const c = new Client(server, rooms[j % rooms.length]!, ledger)
      ledger?.add(c)
      made.push(c)
    }
    await Promise.all(made.map((c) => c.ready))
    clients.push(...made)
  }
  return clients
}

/**
 * Sends `rate` updates a second for `seconds`, each from a client picked at random, then waits
 * `drainMs` for the last deliveries.
 */
export async function drive(clients: Client[], ledger: Ledger, rate: number, seconds: number, drainMs = 3000): Promise<PhaseResult> {
  ledger.reset()
  const lag = monitorEventLoopDelay({ resolution: 5 })
  lag.enable()
  const start = performance.now()
  const total = Math.round(rate * seconds)
  let sent = 0
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate))
    for (; sent < due; sent++) clients[Math.floor(Math.random() * clients.length)]!.send()
    await sleep(2)
  }
  await sleep(drainMs)
  lag.disable()
  const sorted = ledger.latencies.sort((a, b) => a - b)
  return {
    updatesPerSecond: rate,
    sent,
    expected: ledger.expected,
    delivered: ledger.delivered,
    lost: ledger.expected - ledger.delivered,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    generatorLagP99: lag.percentile(99) / 1e6,
  }
}

export async function closeAll(clients: Client[]): Promise<void> {
  await Promise.all(clients.map((c) => c.close()))
}
