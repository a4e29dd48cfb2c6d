// The `directory` room mirrors the users and units tables, so every client holds the 通讯录
// offline, with the agency root and every user certificate so signatures verify offline too.
// Only the server writes it; entries carry no secrets.
import type * as Y from 'yjs'
import type { DirectoryUser, Unit } from '../../src/core/directory/model'
import type { CertRecord, Storage, UnitRecord } from '../../src/core/storage/types'

/** A unit as the directory room lists it (what every client reads offline). */
export function unitEntry(u: UnitRecord): Unit {
  return {
    id: u.id, name: u.name, order: u.order, ...(u.code ? { code: u.code } : {}),
    ...(u.registrars?.length ? { registrars: u.registrars } : {}), ...(u.template ? { template: u.template } : {}),
  }
}

export function writeDirectory(storage: Storage, doc: Y.Doc, rootPem: string): void {
  const units = doc.getMap<Unit>('units')
  const users = doc.getMap<DirectoryUser>('users')
  const certificates = doc.getMap<CertRecord>('certificates')
  const ca = doc.getMap<string>('ca')
  doc.transact(() => {
    if (ca.get('root') !== rootPem) ca.set('root', rootPem)
    // a device's id stays with the server: published, it would let anyone aim a supersede at it
    for (const { device: _device, ...c } of storage.certs()) {
      if (JSON.stringify(certificates.get(c.serial)) !== JSON.stringify(c)) certificates.set(c.serial, c)
    }
    for (const u of storage.units()) {
      const entry = unitEntry(u)
      if (JSON.stringify(units.get(u.id)) !== JSON.stringify(entry)) units.set(u.id, entry)
    }
    for (const u of storage.users()) {
      const entry: DirectoryUser = {
        id: u.id, username: u.username, name: u.name, unitId: u.unitId, title: u.title, roles: u.roles, clearance: u.clearance,
        ...(u.phone ? { phone: u.phone } : {}),
      }
      if (JSON.stringify(users.get(u.id)) !== JSON.stringify(entry)) users.set(u.id, entry)
    }
  })
}
