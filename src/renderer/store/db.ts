// The offline store (ARCHITECTURE.md §3.4): one IndexedDB database per user, every transaction
// strictly durable. The only module that knows Dexie and y-dexie (lint enforces it).
import { Dexie, type EntityTable } from 'dexie'
import yDexie from 'y-dexie'
import type * as Y from 'yjs'
import type { Command } from '../../core/command/envelope'

export interface RoomRow {
  room: string
  kind: string
  title: string
  docType: string
  classification: string
  urgency: string
  owner: string
  /** owner | write | read */
  access: string
  updatedAt: string
  /** the state vector the server last said it holds durably */
  serverSV?: Uint8Array
  ydoc: Y.Doc
}

/** room.create: an HTTP request; command: a signed command for POST /api/commands; blob.upload: an attachment's bytes */
export type OutboxKind = 'room.create' | 'command' | 'blob.upload'

/** An attachment's bytes, by SM3: uploaded from here, or fetched once and kept for offline reading. */
export interface BlobRow {
  sm3: string
  name: string
  size: number
  bytes: Uint8Array
}

export interface OutboxRow {
  seq?: number
  id: string
  kind: OutboxKind
  room: string
  payload: Record<string, string>
  /** the signed command, for kind `command` (signed when the user acted, sent as is) */
  command?: Command
  createdAt: string
  attempts: number
  status: 'pending' | 'rejected'
  error?: string
}

export type ZtDb = Dexie & {
  rooms: EntityTable<RoomRow, 'room'>
  outbox: EntityTable<OutboxRow, 'seq'>
  blobs: EntityTable<BlobRow, 'sm3'>
}

export function openDb(userId: string): ZtDb {
  const db = new Dexie(`zhengtong-${userId}`, { addons: [yDexie], chromeTransactionDurability: 'strict' }) as ZtDb
  db.version(1).stores({
    rooms: 'room, kind, updatedAt, ydoc: Y.Doc',
    outbox: '++seq, id, room, status',
  })
  db.version(2).stores({ blobs: 'sm3' })
  return db
}
