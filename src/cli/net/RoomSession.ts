// One room held by a headless client: a Y.Doc synced with the server over the stock y-websocket
// client (the same wire as the renderer), plus our MESSAGE_PERSISTED extension so the holder can
// tell what the server has made durable. The only place outside the renderer that imports
// y-websocket (STYLE.md: wrap a library once).
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import { WebSocket as NodeWebSocket } from 'ws'
import { CLOSE_STORAGE_FULL, MESSAGE_PERSISTED, SYNC_PROTOCOL, readPersisted } from '../../core/sync/messages'
import { unconfirmedCount } from '../../core/sync/pending'
import { RoomClosedError, RoomTimeoutError } from './roomErrors'

export { RoomClosedError, RoomTimeoutError }

export interface RoomSessionOptions {
  /** ws(s)://host/sync */
  syncUrl: string
  token: string
  /** room name, e.g. doc:<uuid> */
  room: string
  /** an existing document to sync (a new one otherwise) */
  doc?: Y.Doc
  /** connect at once (default true) */
  connect?: boolean
}

export class RoomSession {
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly provider: WebsocketProvider
  /** the last state vector the server reported durable */
  private serverState: Uint8Array | undefined
  private closedBy: RoomClosedError | null = null
  /** the server's disk was full when it last closed the socket (4507: the client retries) */
  private storageFull = false
  private readonly listeners = new Set<() => void>()

  constructor(options: RoomSessionOptions) {
    this.doc = options.doc ?? new Y.Doc()
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.provider = new WebsocketProvider(options.syncUrl, options.room, this.doc, {
      connect: false,
      awareness: this.awareness,
      // the token as a subprotocol beside ours, not in the URL (which proxies log)
      protocols: [SYNC_PROTOCOL, options.token],
      WebSocketPolyfill: NodeWebSocket as unknown as typeof WebSocket,
      // Node has a BroadcastChannel: without this, clients in one process would sync around the
      // server and an "offline" client would not be offline at all
      disableBc: true,
    })
    this.provider.messageHandlers[MESSAGE_PERSISTED] = (_encoder, decoder) => {
      this.serverState = readPersisted(decoder)
      this.notify()
    }
    this.provider.on('sync', () => this.notify())
    this.provider.on('connection-close', (event) => {
      this.storageFull = event?.code === CLOSE_STORAGE_FULL
    })
    this.provider.on('closed', ({ code, reason }) => {
      this.closedBy = new RoomClosedError(code, reason)
      this.notify()
    })
    if (options.connect ?? true) this.connect()
  }

  get room(): string {
    return this.provider.roomname
  }

  get connected(): boolean {
    return this.provider.wsconnected
  }

  get synced(): boolean {
    return this.provider.synced
  }

  /** Structs this client holds that the server has not confirmed durable. Deletions do not move a
   * state vector, so a delete-only change is not counted. */
  pendingCount(): number {
    return unconfirmedCount(Y.encodeStateVector(this.doc), this.serverState)
  }

  connect(): void {
    this.closedBy = null
    this.provider.connect()
  }

  /** Goes offline: the socket closes and local edits queue in the document. */
  disconnect(): void {
    this.provider.disconnect()
  }

  /** Resolves once this connection has received the server's state. */
  whenSynced(timeoutMs = 15_000): Promise<void> {
    return this.waitFor(() => this.provider.synced, 'synced', timeoutMs)
  }

  /** Resolves once the server reports durable everything this client holds. */
  whenPersisted(timeoutMs = 15_000): Promise<void> {
    return this.waitFor(() => this.serverState !== undefined && this.pendingCount() === 0, 'persisted', timeoutMs)
  }

  /** Closes the socket and frees the document's timers; the session cannot be used again. */
  destroy(): void {
    this.listeners.clear()
    this.provider.destroy()
    this.awareness.destroy()
  }

  private waitFor(done: () => boolean, what: 'synced' | 'persisted', timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined = undefined
      const check = (): void => {
        if (this.closedBy) finish(this.closedBy)
        else if (done()) finish(null)
      }
      const finish = (error: Error | null): void => {
        clearTimeout(timer)
        this.listeners.delete(check)
        if (error) reject(error)
        else resolve()
      }
      this.listeners.add(check)
      // not saved because the server's disk is full: say so rather than blame the network
      timer = setTimeout(() => finish(this.storageFull ? new RoomClosedError(CLOSE_STORAGE_FULL, 'storage full') : new RoomTimeoutError(what)), timeoutMs)
      check()
    })
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener()
  }
}
