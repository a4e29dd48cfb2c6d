// The page's side of the search worker: one request, one promise.
import type { SearchDoc, SearchFilters } from '../../../core/search'
import type { Found, OpenAnswer, SearchRequest, WorkerAnswer } from './protocol'

export class SearchClient {
  private readonly worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'search' })
  private next = 1
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()

  constructor() {
    this.worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
      const a = event.data
      const w = this.waiting.get(a.id)
      if (!w) return
      this.waiting.delete(a.id)
      if (a.ok) w.resolve(a.result)
      else w.reject(new Error(a.error))
    }
  }

  private send<T>(request: SearchRequest): Promise<T> {
    const id = this.next++
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.worker.postMessage({ id, request })
    })
  }

  open = (userId: string): Promise<OpenAnswer> => this.send({ op: 'open', userId })
  put = (source: string, fingerprint: string, docs: SearchDoc[]): Promise<void> => this.send({ op: 'put', source, fingerprint, docs })
  drop = (source: string, refused: boolean): Promise<void> => this.send({ op: 'drop', source, refused })
  allow = (source: string): Promise<void> => this.send({ op: 'allow', source })
  retain = (sources: string[]): Promise<void> => this.send({ op: 'retain', sources })
  search = (query: string, filters?: SearchFilters, limit?: number): Promise<Found> => this.send({ op: 'search', query, filters, limit })

  terminate(): void {
    this.worker.terminate()
    for (const w of this.waiting.values()) w.reject(new Error('search stopped'))
    this.waiting.clear()
  }
}
