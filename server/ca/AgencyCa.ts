// The agency CA (ARCHITECTURE.md §3.5): an SM2 root made on first start and kept under --data,
// which issues X.509 v3 certificates (SM2-with-SM3, key usage digitalSignature + nonRepudiation)
// to users for the public keys their devices generated. The private key never leaves the server.
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { checkpointEntry } from '../../src/core/audit/checkpoint'
import type { AuditEntry, AuditRecord } from '../../src/core/audit/chain'
import { generateSm2KeyPair, isValidPublicKey, type Sm2KeyPair } from '../../src/core/crypto/sm2'
import { issueCertificate, parseCertificate, type Certificate, type DistinguishedName } from '../../src/core/pki/certificate'
import { fromPem, toPem } from '../../src/core/pki/der'

const ROOT_NAME: DistinguishedName = { countryName: 'CN', organizationName: '政通示范厅', commonName: '政通示范厅 SM2 根证书' }
const YEAR_MS = 365 * 24 * 3600 * 1000

/** The seal maker (GB/T 38540 制章者): signs every SES_Seal the 印章管理员 makes. */
export interface SealMaker {
  keys: Sm2KeyPair
  cert: Certificate
}

export class AgencyCa {
  private maker: SealMaker | null = null

  private constructor(
    private readonly keys: Sm2KeyPair,
    readonly root: Certificate,
    private readonly dir = '',
  ) {}

  /** The seal maker's key and certificate (issued by the root), made on first use and kept. */
  sealMaker(now = new Date()): SealMaker {
    if (this.maker) return this.maker
    const keyFile = join(this.dir, 'sealmaker.key.json')
    const certFile = join(this.dir, 'sealmaker.pem')
    if (existsSync(keyFile) && existsSync(certFile)) {
      this.maker = { keys: JSON.parse(readFileSync(keyFile, 'utf8')) as Sm2KeyPair, cert: parseCertificate(fromPem('CERTIFICATE', readFileSync(certFile, 'utf8'))) }
      return this.maker
    }
    const keys = generateSm2KeyPair()
    const der = issueCertificate(
      {
        serial: serial(),
        issuer: ROOT_NAME,
        subject: { countryName: 'CN', organizationName: ROOT_NAME.organizationName, commonName: `${ROOT_NAME.organizationName} 电子印章制作` },
        subjectPublicKey: keys.publicKey,
        notBefore: new Date(now.getTime() - 3600_000),
        notAfter: new Date(now.getTime() + 10 * YEAR_MS),
        keyUsage: ['digitalSignature', 'nonRepudiation'],
        isCA: false,
        issuerPublicKey: this.keys.publicKey,
      },
      this.keys.privateKey,
    )
    writeFileSync(keyFile, JSON.stringify(keys), { mode: 0o600 })
    writeFileSync(certFile, toPem('CERTIFICATE', der))
    this.maker = { keys, cert: parseCertificate(der) }
    return this.maker
  }

  /** Loads the CA from `<dataDir>/ca`, creating it on first start. */
  static open(dataDir: string, now = new Date()): AgencyCa {
    const dir = join(dataDir, 'ca')
    const keyFile = join(dir, 'root.key.json')
    const certFile = join(dir, 'root.pem')
    if (existsSync(keyFile) && existsSync(certFile)) {
      const keys = JSON.parse(readFileSync(keyFile, 'utf8')) as Sm2KeyPair
      return new AgencyCa(keys, parseCertificate(fromPem('CERTIFICATE', readFileSync(certFile, 'utf8'))), dir)
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const keys = generateSm2KeyPair()
    const der = issueCertificate(
      {
        serial: serial(),
        issuer: ROOT_NAME,
        subject: ROOT_NAME,
        subjectPublicKey: keys.publicKey,
        notBefore: new Date(now.getTime() - 3600_000),
        notAfter: new Date(now.getTime() + 20 * YEAR_MS),
        keyUsage: ['keyCertSign', 'cRLSign'],
        isCA: true,
        issuerPublicKey: keys.publicKey,
      },
      keys.privateKey,
    )
    writeFileSync(keyFile, JSON.stringify(keys), { mode: 0o600 })
    chmodSync(keyFile, 0o600)
    writeFileSync(certFile, toPem('CERTIFICATE', der))
    return new AgencyCa(keys, parseCertificate(der), dir)
  }

  /** A signed checkpoint of the audit chain at `head` (verifiable with the root certificate's key). */
  auditCheckpoint(head: AuditRecord, now = new Date()): AuditEntry {
    return checkpointEntry(head, this.keys.privateKey, this.keys.publicKey, now)
  }

  get rootPem(): string {
    return toPem('CERTIFICATE', this.root.der)
  }

  /** A certificate for `publicKey`, naming the user by id and name. */
  issue(user: { id: string; name: string; unitName: string }, publicKey: string, now = new Date()): Certificate {
    if (!isValidPublicKey(publicKey)) throw new RangeError('not an SM2 public key')
    const der = issueCertificate(
      {
        serial: serial(),
        issuer: ROOT_NAME,
        subject: { countryName: 'CN', organizationName: ROOT_NAME.organizationName, organizationalUnitName: user.unitName, commonName: user.name, userId: user.id },
        subjectPublicKey: publicKey,
        notBefore: new Date(now.getTime() - 300_000),
        notAfter: new Date(now.getTime() + 2 * YEAR_MS),
        keyUsage: ['digitalSignature', 'nonRepudiation'],
        isCA: false,
        issuerPublicKey: this.keys.publicKey,
      },
      this.keys.privateKey,
    )
    return parseCertificate(der)
  }
}

/** 16 random bytes, top bit clear: positive and unique enough (RFC 5280 allows up to 20). */
function serial(): string {
  const bytes = randomBytes(16)
  bytes[0]! &= 0x7f
  bytes[0]! |= 0x01
  return bytes.toString('hex')
}
