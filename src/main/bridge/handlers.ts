// Main's side of the bridge: one handler per contract method, registered once (a duplicate
// throws), every argument validated with the contract's schema before the handler runs.
import { BRIDGE_METHODS, bridgeContract, type BridgeArg, type BridgeMethod, type BridgeResult } from '../../core/bridge/contract'

export type Handlers = { [M in BridgeMethod]: (arg: BridgeArg<M>) => Promise<BridgeResult<M>> | BridgeResult<M> }

export class HandlerTable {
  private readonly table = new Map<BridgeMethod, (arg: unknown) => Promise<unknown>>()

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

  /** Runs a method for an IPC call; unknown methods and bad arguments are refused. */
  call(method: string, arg: unknown): Promise<unknown> {
    const handler = this.table.get(method as BridgeMethod)
    if (!handler) return Promise.reject(new Error(`unknown bridge method: ${method}`))
    return handler(arg)
  }
}
