import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ARCHIVE_ROOM, type CatalogueEntry } from '../../src/core/archive/catalogue'
import type { Storage, UserRecord } from '../../src/core/storage/types'
import { mayReadArchiveBlob } from './recordView'

const entry = (code: string, classification: string, packageSm3: string): CatalogueEntry => ({
  code, room: 'doc:x', title: 't', responsible: 'r', date: '20261201', docType: '通知', docNumber: '', retention: 'D30', classification,
  pages: 1, filedBy: 'sunba', filedAt: '', status: 'filed', tbsSm3: `t${packageSm3}`, packageSm3,
})
const user = (roles: string[], clearance: string): UserRecord => ({ id: 'u', username: 'u', name: 'u', unitId: 'das', title: '', roles, clearance, passwordHash: '' }) as unknown as UserRecord

describe('archive blobs', () => {
  const doc = new Y.Doc()
  doc.getMap('catalogue').set('a', entry('a', '非密', 'p1'))
  doc.getMap('catalogue').set('b', entry('b', '机密', 'p2'))
  const deps = { storage: {} as Storage, readRoom: async <T,>(room: string, read: (d: Y.Doc) => T) => (room === ARCHIVE_ROOM ? read(doc) : read(new Y.Doc())), writeRoom: async () => undefined }

  it('go only to archivists cleared for the record’s 密级', async () => {
    expect(await mayReadArchiveBlob(deps, user(['archivist'], '秘密'), 'p1')).toBe(true)
    expect(await mayReadArchiveBlob(deps, user(['archivist'], '秘密'), 'p2')).toBe(false)
    expect(await mayReadArchiveBlob(deps, user(['archivist'], '绝密'), 'p2')).toBe(true)
    expect(await mayReadArchiveBlob(deps, user(['admin'], '绝密'), 'p1')).toBe(false)
    expect(await mayReadArchiveBlob(deps, user(['archivist'], '绝密'), 'unknown')).toBe(false)
  })
})
