export { openDb, type BlobRow, type RoomRow, type OutboxRow, type OutboxKind, type ZtDb } from './db'
export { useLiveQuery } from 'dexie-react-hooks'
export { DexieYProvider } from 'y-dexie'
export { browserKeyStorage } from './keyDb'
