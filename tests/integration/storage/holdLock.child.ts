// A process that takes a store's lock and keeps it until it is killed (postgresProcesses.test.ts).
import { PostgresStorage } from '../../../server/storage/PostgresStorage'

const store = await PostgresStorage.open(process.argv[2]!, { poolSize: 1 })
void store.withLock(process.argv[3]!, async () => {
  console.log('held')
  await new Promise(() => undefined)
})
