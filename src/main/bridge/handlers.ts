// Main's side of the bridge: one handler per contract method, registered once (a duplicate
// throws). Every call is judged twice before the handler runs: the sender must be our own window's
// main frame (./sender.ts), then the argument must match the contract's schema.
import { BRIDGE_METHODS, bridgeContract, type BridgeArg, type BridgeMethod, type BridgeResult } from '../../core/bridge/contract'
import { BridgeSenderRefused, refuseEverySender, type IpcSender, type SenderGuard } from './sender'

export type Handlers = { [M in BridgeMethod]: (arg: BridgeArg<M>) => Promise<BridgeResult<M>> | BridgeResult<M> }

export class HandlerTable {
  private readonly table = new Map<BridgeMethod, (arg: unknown) => Promise<unknown>>()

  /** Without a guard nothing may call: a table is never open to every frame by accident. */
  constructor(private readonly guard: SenderGuard = refuseEverySender) {}

  register<M extends BridgeMethod>(method: M, handler: Handlers[M]): void {
    if (this.table.has(method)) throw new Error(`bridge method registered twice: ${method}`)
    const { arg: argSchema, result: resultSchema } = bridgeContract[method]
    this.table.set(method, async (raw: unknown) => {
      const parsed = argSchema.safeParse(raw)
      if (!parsed.success) throw new Error(`invalid argument for ${method}`)
      return resultSchema.parse(await handler(parsed.data as BridgeArg<M>))
    })
  }

  registerAll(handlers: Handlers): void {
    for (const method of BRIDGE_METHODS) this.register(method, handlers[method] as Handlers[typeof method])
  }

  methods(): BridgeMethod[] {
    return [...this.table.keys()]
  }

  /** Runs a method for an IPC call; foreign senders, unknown methods and bad arguments are refused. */
  call(method: string, arg: unknown, event: IpcSender): Promise<unknown> {
    const refusal = this.guard(event)
    if (refusal !== null) return Promise.reject(new BridgeSenderRefused(method, refusal))
    const handler = this.table.get(method as BridgeMethod)
    if (!handler) return Promise.reject(new Error(`unknown bridge method: ${method}`))
    return handler(arg)
  }
}
