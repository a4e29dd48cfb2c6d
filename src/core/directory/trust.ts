// What the directory room gives a verifier offline: the agency root, each user's certificates and
// the revocation list.
import type * as Y from 'yjs'
import { fromPem } from '../pki/der'
import { parseCertificate, type Certificate } from '../pki/certificate'

export interface CertEntry {
  serial: string
  userId: string
  pem: string
  issuedAt: string
  revokedAt?: string
}

export interface DirectoryTrust {
  root?: Certificate
  revokedAt(serial: string): string | undefined
  revocations: Record<string, string>
  /** a user's newest unrevoked certificate for a public key */
  certFor(userId: string, publicKey: string): Certificate | undefined
}

export function directoryTrust(directory: Y.Doc): DirectoryTrust {
  const pem = directory.getMap('ca').get('root')
  const certs = [...directory.getMap<CertEntry>('certificates').values()]
  const revocations = Object.fromEntries(certs.filter((c) => c.revokedAt).map((c) => [c.serial, c.revokedAt!]))
  return {
    ...(typeof pem === 'string' ? { root: parseCertificate(fromPem('CERTIFICATE', pem)) } : {}),
    revokedAt: (serial) => revocations[serial],
    revocations,
    certFor: (userId, publicKey) =>
      certs
        .filter((c) => c.userId === userId && !c.revokedAt)
        .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))
        .map((c) => parseCertificate(fromPem('CERTIFICATE', c.pem)))
        .find((c) => c.publicKey === publicKey),
  }
}

/** Users with at least one unrevoked certificate: who may hold a seal (the server's 持章人 rule). */
export function certifiedUsers(directory: Y.Doc): ReadonlySet<string> {
  return new Set([...directory.getMap<CertEntry>('certificates').values()].filter((c) => !c.revokedAt).map((c) => c.userId))
}
