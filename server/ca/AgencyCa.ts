// The agency CA (ARCHITECTURE.md §3.5): an SM2 root made on first start, which issues X.509 v3
// certificates (SM2-with-SM3, key usage digitalSignature + nonRepudiation) to users for the public
// keys their devices generated. The private key never leaves the server. Its keys are kept by a
// CaKeyStore: files under --data (caFiles), or the database that several processes share.
import { randomBytes } from 'node:crypto'
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { checkpointEntry } from '../../src/core/audit/checkpoint'
import type { AuditEntry, AuditRecord } from '../../src/core/audit/chain'
import { generateSm2KeyPair, isValidPublicKey, type Sm2KeyPair } from '../../src/core/crypto/sm2'
import { issueCertificate, parseCertificate, type Certificate, type DistinguishedName } from '../../src/core/pki/certificate'
import { fromPem, toPem } from '../../src/core/pki/der'
import { CaKeySealer, isSealed } from './keyAtRest'

/** A key pair (as JSON) with its certificate (PEM), as kept. */
export interface CaKeyEntry {
  key: string
  cert: string
}

/** Where the CA's keys are kept: `root` (the agency root) and `sealmaker` (GB/T 38540 制章者). */
export interface CaKeyStore {
  load(name: 'root' | 'sealmaker'): Promise<CaKeyEntry | undefined>
  /** Keeps `entry` unless an entry of that name is kept already (another process may have been first); returns the one kept. */
  saveOnce(name: 'root' | 'sealmaker', entry: CaKeyEntry): Promise<CaKeyEntry>
  /** Replaces the kept key of `name` with `key` if it is still `expected` (a plain key being sealed). */
  replaceKey(name: 'root' | 'sealmaker', expected: string, key: string): Promise<void>
}

/** The keys as files under `<dataDir>/ca`: `<name>.key.json` (mode 600) and `<name>.pem`. */
export function caFiles(dataDir: string): CaKeyStore {
  const dir = join(dataDir, 'ca')
  const files = (name: string) => ({ key: join(dir, `${name}.key.json`), cert: join(dir, `${name}.pem`) })
  const load = async (name: string): Promise<CaKeyEntry | undefined> => {
    const f = files(name)
    return existsSync(f.key) && existsSync(f.cert) ? { key: readFileSync(f.key, 'utf8'), cert: readFileSync(f.cert, 'utf8') } : undefined
  }
  return {
    load,
    async saveOnce(name, entry) {
      const kept = await load(name)
      if (kept) return kept
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      const f = files(name)
      writeFileSync(f.key, entry.key, { mode: 0o600 })
      chmodSync(f.key, 0o600)
      writeFileSync(f.cert, entry.cert)
      return entry
    },
    async replaceKey(name, expected, key) {
      const f = files(name)
      if (readFileSync(f.key, 'utf8') !== expected) return
      // the new file complete and durable before it takes the old one's place
      const tmp = `${f.key}.tmp`
      const fd = openSync(tmp, 'w', 0o600)
      try {
        writeSync(fd, key)
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
      renameSync(tmp, f.key)
      const dirFd = openSync(dir, 'r')
      try {
        fsyncSync(dirFd)
      } finally {
        closeSync(dirFd)
      }
    },
  }
}

const ROOT_NAME: DistinguishedName = { countryName: 'CN', organizationName: '政通示范厅', commonName: '政通示范厅 SM2 根证书' }
const YEAR_MS = 365 * 24 * 3600 * 1000

/** The seal maker (GB/T 38540 制章者): signs every SES_Seal the 印章管理员 makes. */
export interface SealMaker {
  keys: Sm2KeyPair
  cert: Certificate
}

export class AgencyCa {
  private constructor(
    private readonly keys: Sm2KeyPair,
    readonly root: Certificate,
    private readonly maker: SealMaker,
  ) {}

  /** The seal maker's key and certificate (issued by the root), made on first start and kept. */
  sealMaker(): SealMaker {
    return this.maker
  }

  /**
   * Loads the CA from `store` (or the files under a data directory), creating it on first start.
   * With a passphrase the private keys are kept sealed (keyAtRest.ts): new ones are sealed before
   * they are saved, and plain ones found are sealed once both keys have opened — a wrong
   * passphrase throws CaKeyError before anything is written.
   */
  static async open(store: CaKeyStore | string, now = new Date(), passphrase: string | null = null): Promise<AgencyCa> {
    const keys = typeof store === 'string' ? caFiles(store) : store
    const sealer = new CaKeySealer(passphrase)
    const seal = (name: string, entry: CaKeyEntry): CaKeyEntry => ({ ...entry, key: sealer.seal(name, entry.key) })
    const root = (await keys.load('root')) ?? (await keys.saveOnce('root', seal('root', makeRoot(now))))
    const rootKeys = JSON.parse(sealer.open('root', root.key)) as Sm2KeyPair
    const maker = (await keys.load('sealmaker')) ?? (await keys.saveOnce('sealmaker', seal('sealmaker', makeSealMaker(rootKeys, now))))
    const makerKeys = JSON.parse(sealer.open('sealmaker', maker.key)) as Sm2KeyPair
    if (passphrase !== null) {
      for (const [name, entry] of [['root', root], ['sealmaker', maker]] as const) {
        if (!isSealed(entry.key)) await keys.replaceKey(name, entry.key, sealer.seal(name, entry.key))
      }
    }
    return new AgencyCa(rootKeys, parseCertificate(fromPem('CERTIFICATE', root.cert)), {
      keys: makerKeys,
      cert: parseCertificate(fromPem('CERTIFICATE', maker.cert)),
    })
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

function makeRoot(now: Date): CaKeyEntry {
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
  return { key: JSON.stringify(keys), cert: toPem('CERTIFICATE', der) }
}

function makeSealMaker(root: Sm2KeyPair, now: Date): CaKeyEntry {
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
      issuerPublicKey: root.publicKey,
    },
    root.privateKey,
  )
  return { key: JSON.stringify(keys), cert: toPem('CERTIFICATE', der) }
}
