// The storage contract (src/core/storage/types.ts) as tests: every store runs this same suite
// (embedded.test.ts, postgres.test.ts), in the manner of Hocuspocus's one suite per extension.
// A factory opens a fresh store; `reopen` opens the same data again, as after a restart.
import fc from 'fast-check'
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { AuditRecord } from '../../../src/core/audit/chain'
import { verifyChain } from '../../../src/core/audit/chain'
import type { CommandRecord, RoomRecord, Storage, StorageChange, UserRecord } from '../../../src/core/storage/types'

export interface StoreFactory {
  /** a new, empty store */
  create(): Promise<Storage>
  /** the same data opened again (the first handle is closed first) */
  reopen(store: Storage): Promise<Storage>
  /** removes whatever `create` made */
  dispose(): Promise<void>
  /**
   * For a store several processes share: another handle on the same data, as a second process
   * would open it (both stay open). The tests of sharing run only where this is given.
   */
  share?(store: Storage): Promise<Storage>
}

const user = (id: string, extra: Partial<UserRecord> = {}): UserRecord => ({
  id, username: id, name: `用户${id}`, unitId: 'bgs', title: '科员', roles: ['drafter'], clearance: '秘密', passwordHash: 'x', ...extra,
})

const roomRecord = (room: string, owner: string, extra: Partial<RoomRecord> = {}): RoomRecord => ({
  room, owner, members: {}, title: '标题', docType: '通知', createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z', ...extra,
})

const command = (room: string, extra: Partial<CommandRecord> = {}): Omit<CommandRecord, 'seq'> => ({
  id: randomUUID(), actor: 'u1', type: 'doc.rename', room, at: '2026-12-01T00:00:00.000Z', receivedAt: '2026-12-01T00:00:01.000Z',
  status: 'accepted', payload: { title: '新标题' }, sig: 'ab', ...extra,
})

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

export function storageContract(name: string, factory: StoreFactory): void {
  describe(`storage contract: ${name}`, () => {
    const open: Storage[] = []
    const create = async (): Promise<Storage> => {
      const s = await factory.create()
      open.push(s)
      return s
    }
    const reopen = async (s: Storage): Promise<Storage> => {
      open.splice(open.indexOf(s), 1)
      const again = await factory.reopen(s)
      open.push(again)
      return again
    }
    const share = async (s: Storage): Promise<Storage> => {
      const other = await factory.share!(s)
      open.push(other)
      return other
    }
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close().catch(() => undefined)
      await factory.dispose()
    })

    it('keeps room updates in order and loads the same state after a restart and a compaction', async () => {
      let s = await create()
      const doc = new Y.Doc()
      const updates: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => updates.push(u))
      for (let i = 0; i < 20; i++) doc.getText('t').insert(i, String(i % 10))
      for (const u of updates) await s.appendUpdate('doc:a', u)
      expect(s.logLength('doc:a')).toBe(20)
      s = await reopen(s)
      const loaded = new Y.Doc()
      for (const u of await s.loadRoom('doc:a')) Y.applyUpdate(loaded, u)
      expect(loaded.getText('t').toString()).toBe(doc.getText('t').toString())
      await s.compactRoom('doc:a', Y.encodeStateAsUpdate(loaded))
      expect(s.logLength('doc:a')).toBe(0)
      doc.getText('t').insert(0, 'x')
      await s.appendUpdate('doc:a', updates.at(-1)!)
      s = await reopen(s)
      const again = new Y.Doc()
      for (const u of await s.loadRoom('doc:a')) Y.applyUpdate(again, u)
      expect(again.getText('t').toString()).toBe(doc.getText('t').toString())
      expect(await s.loadRoom('doc:nothing')).toEqual([])
    })

    it('gives a room\'s updates after a position it has seen, also once they are compacted', async () => {
      let s = await create()
      const doc = new Y.Doc()
      const updates: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => updates.push(u))
      const text = doc.getText('t')
      for (let i = 0; i < 6; i++) text.insert(text.length, String(i))
      const positions: number[] = []
      for (const u of updates) positions.push(await s.appendUpdate('doc:p', u))
      for (let i = 1; i < positions.length; i++) expect(positions[i]).toBe(positions[i - 1]! + 1)
      const seen = positions[2]!
      const after = await s.updatesSince('doc:p', seen)
      expect(after.position).toBe(positions.at(-1))
      expect(after.updates.map((u) => [...u])).toEqual(updates.slice(3).map((u) => [...u]))
      expect(await s.updatesSince('doc:p', after.position)).toEqual({ updates: [], position: after.position })
      expect((await s.updatesSince('doc:p', 0)).updates).toHaveLength(6)
      // a reader at `seen` still reaches the whole state once what it missed has been merged
      const copy = new Y.Doc()
      for (const u of updates.slice(0, 3)) Y.applyUpdate(copy, u)
      await s.compactRoom('doc:p', Y.encodeStateAsUpdate(doc))
      text.insert(0, 'x')
      const last = await s.appendUpdate('doc:p', updates.at(-1)!)
      expect(last).toBe(after.position + 1)
      const caught = await s.updatesSince('doc:p', seen)
      expect(caught.position).toBe(last)
      for (const u of caught.updates) Y.applyUpdate(copy, u)
      expect(copy.getText('t').toString()).toBe(text.toString())
      // positions never go back while the store is open, nor (for a shared store) after a restart
      expect((await s.updatesSince('doc:p', last)).updates).toEqual([])
      if (factory.share) {
        s = await reopen(s)
        expect((await s.updatesSince('doc:p', 0)).position).toBe(last)
        expect(await s.appendUpdate('doc:p', updates[0]!)).toBe(last + 1)
      }
      expect((await s.updatesSince('doc:empty', 0)).updates).toEqual([])
    })

    it('serves the directory: units, users by id and name, certificates newest first', async () => {
      let s = await create()
      await s.putUnit({ id: 'bgs', name: '办公室', code: '办发', order: 1 })
      await s.putUser(user('u1'))
      await s.putUser(user('u2', { username: 'second' }))
      await s.putCert({ serial: '01', userId: 'u1', pem: 'A', issuedAt: '2026-01-01T00:00:00.000Z' })
      await s.putCert({ serial: '02', userId: 'u1', pem: 'B', issuedAt: '2026-06-01T00:00:00.000Z' })
      await s.putCert({ serial: '03', userId: 'u2', pem: 'C', issuedAt: '2026-03-01T00:00:00.000Z' })
      s = await reopen(s)
      await s.catchUp()
      expect(s.units().map((u) => u.name)).toEqual(['办公室'])
      expect(s.userById('u1')?.name).toBe('用户u1')
      expect(s.userByUsername('second')?.id).toBe('u2')
      expect(s.userByUsername('nobody')).toBeUndefined()
      expect(s.certsOf('u1').map((c) => c.serial)).toEqual(['02', '01'])
      await s.putCert({ serial: '01', userId: 'u1', pem: 'A', issuedAt: '2026-01-01T00:00:00.000Z', revokedAt: '2026-07-01T00:00:00.000Z' })
      expect(s.certsOf('u1').find((c) => c.serial === '01')?.revokedAt).toBe('2026-07-01T00:00:00.000Z')
      expect(s.certs()).toHaveLength(3)
    })

    it('keeps sessions by token hash until deleted', async () => {
      let s = await create()
      await s.putSession({ tokenHash: 'h1', userId: 'u1', createdAt: '2026-12-01T00:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z' })
      s = await reopen(s)
      expect((await s.session('h1'))?.userId).toBe('u1')
      await s.deleteSession('h1')
      expect(await s.session('h1')).toBeUndefined()
    })

    it('ends every session of one user at once, and says so to watchers', async () => {
      const s = await create()
      const seen: StorageChange[] = []
      const stop = s.watch((c) => seen.push(c))
      for (const [hash, userId] of [['ha', 'u1'], ['hb', 'u1'], ['hc', 'u2']]) {
        await s.putSession({ tokenHash: hash!, userId: userId!, createdAt: '2026-12-01T00:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z' })
      }
      await s.deleteSessionsOf('u1')
      expect(await s.session('ha')).toBeUndefined()
      expect(await s.session('hb')).toBeUndefined()
      expect((await s.session('hc'))?.userId).toBe('u2')
      await expect.poll(() => seen.some((c) => c.kind === 'sessions' && c.userId === 'u1')).toBe(true)
      stop()
    })

    it('lists the rooms a user owns or belongs to, whatever their level', async () => {
      const s = await create()
      await s.putRoom(roomRecord('doc:1', 'u1'))
      await s.putRoom(roomRecord('doc:2', 'u2', { members: { u1: 'read' }, classification: '绝密' }))
      await s.putRoom(roomRecord('doc:3', 'u2'))
      expect((await s.roomsOf('u1')).map((r) => r.room).sort()).toEqual(['doc:1', 'doc:2'])
      expect((await s.room('doc:3'))?.owner).toBe('u2')
      expect(await s.room('doc:none')).toBeUndefined()
    })

    it('numbers accepted commands, keeps their room order, and writes counters with them', async () => {
      let s = await create()
      const a = await s.putCommand(command('doc:1'), { 'docno:办发:2026': 1 })
      const refused = await s.putCommand(command('doc:1', { status: 'rejected', reason: 'forbidden', payload: undefined }))
      const b = await s.putCommand(command('doc:2'))
      const c = await s.putCommand(command('doc:1'), { 'docno:办发:2026': 2 })
      expect(refused.seq).toBeUndefined()
      expect(b.seq).toBeGreaterThan(a.seq!)
      expect(c.seq).toBeGreaterThan(b.seq!)
      s = await reopen(s)
      expect((await s.roomCommands('doc:1')).map((x) => x.id)).toEqual([a.id, c.id])
      expect((await s.command(refused.id))?.status).toBe('rejected')
      expect(await s.counter('docno:办发:2026')).toBe(2)
      expect(await s.counter('never')).toBe(0)
      const next = await s.putCommand(command('doc:3'))
      expect(next.seq).toBeGreaterThan(c.seq!)
    })

    it('property: interleaved commands over rooms keep gap-free counters and each room in order', async () => {
      const s = await create()
      await fc.assert(
        fc.asyncProperty(fc.array(fc.record({ room: fc.constantFrom('doc:a', 'doc:b', 'doc:c'), numbered: fc.boolean(), accepted: fc.boolean() }), { maxLength: 30 }), async (steps) => {
          const counter = `docno:${randomUUID()}`
          const expected = new Map<string, string[]>()
          let value = 0
          const run = randomUUID()
          for (const step of steps) {
            const room = `${step.room}-${run}`
            const counters = step.accepted && step.numbered ? { [counter]: ++value } : {}
            const rec = await s.putCommand(command(room, step.accepted ? {} : { status: 'rejected', reason: 'forbidden', payload: undefined }), counters)
            if (step.accepted) expected.set(room, [...(expected.get(room) ?? []), rec.id])
          }
          expect(await s.counter(counter)).toBe(value)
          for (const [room, ids] of expected) {
            const stored = await s.roomCommands(room)
            expect(stored.map((x) => x.id)).toEqual(ids)
            for (let i = 1; i < stored.length; i++) expect(stored[i]!.seq!).toBeGreaterThan(stored[i - 1]!.seq!)
          }
        }),
        { numRuns: 15 },
      )
    })

    it('runs tasks under one lock name one at a time, and others alongside', async () => {
      const s = await create()
      const order: string[] = []
      const slow = (tag: string, ms: number) => async () => {
        order.push(`${tag}+`)
        await new Promise((r) => setTimeout(r, ms))
        order.push(`${tag}-`)
        return tag
      }
      const [x, y] = await Promise.all([s.withLock('commands', slow('a', 40)), s.withLock('commands', slow('b', 5))])
      expect([x, y]).toEqual(['a', 'b'])
      expect(order).toEqual(['a+', 'a-', 'b+', 'b-'])
      // a task that throws releases the lock
      await expect(s.withLock('commands', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
      expect(await s.withLock('commands', async () => 'after')).toBe('after')
    })

    it('stores blobs once by SM3 and adds rooms to an existing one', async () => {
      let s = await create()
      const bytes = new TextEncoder().encode('附件内容')
      await s.putBlob({ sm3: 'aa'.repeat(32), size: bytes.length, uploadedBy: 'u1', uploadedAt: '2026-12-01T00:00:00.000Z', rooms: ['doc:1'] }, bytes)
      const merged = await s.putBlob({ sm3: 'aa'.repeat(32), size: bytes.length, uploadedBy: 'u2', uploadedAt: '2026-12-02T00:00:00.000Z', rooms: ['doc:2'] }, bytes)
      expect(merged.rooms.sort()).toEqual(['doc:1', 'doc:2'])
      s = await reopen(s)
      expect((await s.blob('aa'.repeat(32)))?.rooms.sort()).toEqual(['doc:1', 'doc:2'])
      expect(new TextDecoder().decode(await s.readBlob('aa'.repeat(32)))).toBe('附件内容')
      expect(await s.blob('bb'.repeat(32))).toBeUndefined()
    })

    it('chains audit records, in order, across a restart', async () => {
      let s = await create()
      const appended = await Promise.all(Array.from({ length: 10 }, (_, i) => s.appendAudit({ at: new Date().toISOString(), type: 'login.ok', actor: `u${i}`, detail: { i } })))
      expect(appended.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      const head = await s.appendAudit((h) => ({ at: new Date().toISOString(), type: 'audit.test', detail: { after: h?.seq ?? 0 } }))
      expect(head.detail).toEqual({ after: 10 })
      s = await reopen(s)
      const next = await s.appendAudit({ at: new Date().toISOString(), type: 'logout', detail: {} })
      expect(next.seq).toBe(12)
      const records: AuditRecord[] = await collect(s.readAudit())
      expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
      expect(verifyChain(records)).toBeNull()
    })

    it('tells watchers what changed', async () => {
      const s = await create()
      const seen: StorageChange[] = []
      const stop = s.watch((c) => seen.push(c))
      await s.putRoom(roomRecord('doc:w', 'u1'))
      await s.putUser(user('u9'))
      await s.putSession({ tokenHash: 'hw', userId: 'u9', createdAt: '2026-12-01T00:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z' })
      await s.deleteSession('hw')
      await expect.poll(() => seen.length).toBeGreaterThanOrEqual(3)
      expect(seen).toContainEqual({ kind: 'room', room: 'doc:w' })
      expect(seen).toContainEqual({ kind: 'directory' })
      expect(seen.some((c) => c.kind === 'sessions' && c.tokenHashes?.includes('hw'))).toBe(true)
      stop()
      const count = seen.length
      await s.putRoom(roomRecord('doc:w2', 'u1'))
      await new Promise((r) => setTimeout(r, 50))
      expect(seen.length).toBe(count)
    })

    // ── several processes on one store (as a second handle on the same data) ──────────────
    describe.runIf(factory.share !== undefined)('shared by several processes', () => {
      it('shows a directory change made elsewhere once catchUp() resolves, and tells watchers', async () => {
        const a = await create()
        const b = await share(a)
        const seen: StorageChange[] = []
        b.watch((c) => seen.push(c))
        await a.putUnit({ id: 'bgs', name: '办公室', order: 1 })
        await a.putUser(user('u1'))
        await a.putCert({ serial: '01', userId: 'u1', pem: 'A', issuedAt: '2026-01-01T00:00:00.000Z' })
        await b.catchUp()
        // exact: no waiting beyond catchUp
        expect(b.userById('u1')?.name).toBe('用户u1')
        expect(b.userByUsername('u1')?.id).toBe('u1')
        expect(b.units().map((u) => u.id)).toEqual(['bgs'])
        expect(b.certsOf('u1').map((c) => c.serial)).toEqual(['01'])
        await a.putUser(user('u1', { username: 'renamed' }))
        await b.catchUp()
        expect(b.userByUsername('u1')).toBeUndefined()
        expect(b.userByUsername('renamed')?.id).toBe('u1')
        expect(seen).toContainEqual({ kind: 'directory' })
        // and without catchUp, the notification brings it
        await a.putCert({ serial: '01', userId: 'u1', pem: 'A', issuedAt: '2026-01-01T00:00:00.000Z', revokedAt: '2026-07-01T00:00:00.000Z' })
        await expect.poll(() => b.certsOf('u1')[0]?.revokedAt).toBe('2026-07-01T00:00:00.000Z')
      })

      it('tells every process of room records changed and sessions ended elsewhere', async () => {
        const a = await create()
        const b = await share(a)
        const seen: StorageChange[] = []
        b.watch((c) => seen.push(c))
        await a.putRoom(roomRecord('doc:shared', 'u1'))
        await a.putSession({ tokenHash: 'hs', userId: 'u1', createdAt: '2026-12-01T00:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z' })
        expect((await b.session('hs'))?.userId).toBe('u1')
        await a.deleteSession('hs')
        await expect.poll(() => seen.length).toBeGreaterThanOrEqual(2)
        expect(seen[0]).toEqual({ kind: 'room', room: 'doc:shared' })
        expect(seen.some((c) => c.kind === 'sessions' && c.tokenHashes?.includes('hs'))).toBe(true)
        expect(await b.session('hs')).toBeUndefined()
        expect((await b.room('doc:shared'))?.owner).toBe('u1')
      })

      it('holds a lock against every process', async () => {
        const a = await create()
        const b = await share(a)
        const c = await share(a)
        let inside = 0
        let most = 0
        const task = (store: Storage) => store.withLock('commands', async () => {
          inside++
          most = Math.max(most, inside)
          await new Promise((r) => setTimeout(r, 15))
          inside--
        })
        await Promise.all([a, b, c, a, b, c, a, b, c].map(task))
        expect(most).toBe(1)
        // another name is not held by it
        let other = false
        await a.withLock('commands', async () => {
          await b.withLock('seed', async () => {
            other = true
          })
        })
        expect(other).toBe(true)
      })

      it('gives gap-free numbers when several processes take them at once', async () => {
        const first = await create()
        const stores = [first, await share(first), await share(first)]
        const counter = 'docno:办发:2026'
        // what the command judge does: under the lock, catch up, read the counter, take the next
        const take = (store: Storage) => store.withLock('commands', async () => {
          await store.catchUp()
          const next = (await store.counter(counter)) + 1
          const rec = await store.putCommand(command('doc:n'), { [counter]: next })
          return { seq: rec.seq!, number: next }
        })
        const taken = await Promise.all(Array.from({ length: 30 }, (_, i) => take(stores[i % 3]!)))
        expect(taken.map((t) => t.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
        expect(new Set(taken.map((t) => t.seq)).size).toBe(30)
        // the numbers follow the command order
        const bySeq = [...taken].sort((x, y) => x.seq - y.seq)
        expect(bySeq.map((t) => t.number)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
        for (const s of stores) expect(await s.counter(counter)).toBe(30)
        expect((await stores[2]!.roomCommands('doc:n')).map((c) => c.seq)).toEqual(bySeq.map((t) => t.seq))
      })

      it('never gives a number twice, even to a process that skipped the lock', async () => {
        const a = await create()
        const b = await share(a)
        await a.putCommand(command('doc:x'), { 'docno:x': 1 })
        const stale = command('doc:x')
        await expect(b.putCommand(stale, { 'docno:x': 1 })).rejects.toThrow()
        expect(await b.command(stale.id)).toBeUndefined()
        expect(await b.counter('docno:x')).toBe(1)
      })

      it('keeps one audit chain when several processes append at once', async () => {
        const first = await create()
        const stores = [first, await share(first), await share(first)]
        await Promise.all(stores.flatMap((s, k) => Array.from({ length: 20 }, (_, i) => s.appendAudit({ at: new Date().toISOString(), type: 'login.ok', actor: `p${k}`, detail: { i } }))))
        const heads = await Promise.all(stores.map((s) => s.appendAudit((h) => ({ at: new Date().toISOString(), type: 'audit.test', detail: { after: h?.seq ?? 0 } }))))
        expect(heads.map((h) => h.seq).sort()).toEqual([61, 62, 63])
        for (const h of heads) expect(h.detail).toEqual({ after: h.seq - 1 })
        const records: AuditRecord[] = await collect(stores[1]!.readAudit())
        expect(records).toHaveLength(63)
        expect(verifyChain(records)).toBeNull()
      })

      it('compacts a room while another process appends to it, and loses nothing', async () => {
        const a = await create()
        const b = await share(a)
        const writerA = new Y.Doc()
        const writerB = new Y.Doc()
        const fromA: Uint8Array[] = []
        const fromB: Uint8Array[] = []
        writerA.on('update', (u: Uint8Array) => fromA.push(u))
        writerB.on('update', (u: Uint8Array) => fromB.push(u))
        for (let i = 0; i < 40; i++) writerA.getArray<number>('a').push([i])
        for (let i = 0; i < 40; i++) writerB.getArray<number>('b').push([i])
        for (const u of fromA.slice(0, 20)) await a.appendUpdate('doc:c', u)
        // a's copy holds only its own first half; b appends all the while a compacts, twice
        const copyA = new Y.Doc()
        for (const u of fromA.slice(0, 20)) Y.applyUpdate(copyA, u)
        const appendsB = (async () => {
          for (const u of fromB) await b.appendUpdate('doc:c', u)
        })()
        await a.compactRoom('doc:c', Y.encodeStateAsUpdate(copyA))
        for (const u of fromA.slice(20)) {
          await a.appendUpdate('doc:c', u)
          Y.applyUpdate(copyA, u)
        }
        await a.compactRoom('doc:c', Y.encodeStateAsUpdate(copyA))
        await appendsB
        const loaded = new Y.Doc()
        for (const u of await b.loadRoom('doc:c')) Y.applyUpdate(loaded, u)
        expect(loaded.getArray('a').toArray()).toEqual(Array.from({ length: 40 }, (_, i) => i))
        expect(loaded.getArray('b').toArray()).toEqual(Array.from({ length: 40 }, (_, i) => i))
        expect((await a.updatesSince('doc:c', 0)).position).toBe(80)
      })

      it('numbers a room\'s updates in commit order when processes append to it at once', async () => {
        const a = await create()
        const b = await share(a)
        const doc = new Y.Doc()
        const updates: Uint8Array[] = []
        doc.on('update', (u: Uint8Array) => updates.push(u))
        for (let i = 0; i < 30; i++) doc.getMap('m').set(`k${i}`, i)
        const positions = await Promise.all(updates.map((u, i) => (i % 2 ? a : b).appendUpdate('doc:o', u)))
        expect([...positions].sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
        // a reader that has seen up to any position gets exactly what came after
        const half = await b.updatesSince('doc:o', 15)
        expect(half.updates).toHaveLength(15)
        expect(half.position).toBe(30)
      })
    })
  })
}
