// Rooms as this machine last saw them: each online read saves the room's state under
// <home>/rooms, so that `--offline` commands can judge and sign against it with no network.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as Y from 'yjs'
import { CLI_MESSAGES } from '../core/messages/cli'
import { CliError } from './CliError'
import { apiClient } from './net/api'
import { RoomSession } from './net/RoomSession'
import type { Profile } from './profile'

function cacheFile(home: string, room: string): string {
  return join(home, 'rooms', `${room.replace(/[^a-z0-9_-]/gi, '_')}.bin`)
}

async function save(home: string, room: string, doc: Y.Doc): Promise<void> {
  await mkdir(join(home, 'rooms'), { recursive: true, mode: 0o700 })
  const file = cacheFile(home, room)
  await writeFile(`${file}.tmp`, Y.encodeStateAsUpdate(doc), { mode: 0o600 })
  await rename(`${file}.tmp`, file)
}

/** The room's document: fetched from the server (and cached), or from the cache when offline. */
export async function loadRoom(home: string, profile: Profile, room: string, offline = false): Promise<Y.Doc> {
  if (offline) {
    let bytes: Buffer
    try {
      bytes = await readFile(cacheFile(home, room))
    } catch {
      throw new CliError(CLI_MESSAGES.notCached(room), 1)
    }
    const doc = new Y.Doc()
    Y.applyUpdate(doc, new Uint8Array(bytes))
    return doc
  }
  const api = apiClient(profile.server, profile.token)
  const session = new RoomSession({ syncUrl: api.syncUrl, token: profile.token, room })
  try {
    await session.whenSynced()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(session.doc))
    await save(home, room, doc)
    return doc
  } finally {
    session.destroy()
  }
}
