// `npm run bench -- crypto`: our SM3/SM4/SM2 (sm-crypto-v2 behind src/core/crypto) beside Node's
// OpenSSL for SM3 and SM4, measured in the same run so the ratios hold on a noisy machine.
// Targets (issue 3): SM3 and SM4 ≥ 0.45× OpenSSL; SM2 verify ≥ 800/s with a prepared key.
import { createCipheriv, createHash, randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateSm2KeyPair, preparePublicKey, sm2Sign, sm2Verify } from '../src/core/crypto/sm2'
import { sm3 } from '../src/core/crypto/sm3'
import { sm4CbcEncrypt } from '../src/core/crypto/sm4'
import { rate } from './rate'

const MiB = 1024 * 1024
const data = randomBytes(MiB)
const key = randomBytes(16)
const iv = randomBytes(16)

const rows: { name: string; ours: number; openssl: number | null; unit: string; target: string }[] = []

const sm3Ours = rate(() => sm3(data))
const sm3Ssl = rate(() => createHash('sm3').update(data).digest())
rows.push({ name: 'SM3 (1 MiB)', ours: sm3Ours, openssl: sm3Ssl, unit: 'MB/s', target: '≥ 0.45× OpenSSL' })

const sm4Ours = rate(() => sm4CbcEncrypt(key, iv, data))
const sm4Ssl = rate(() => {
  const c = createCipheriv('sm4-cbc', key, iv)
  c.update(data)
  c.final()
})
rows.push({ name: 'SM4-CBC (1 MiB)', ours: sm4Ours, openssl: sm4Ssl, unit: 'MB/s', target: '≥ 0.45× OpenSSL' })

const keys = generateSm2KeyPair()
const message = randomBytes(256)
const sig = sm2Sign(message, keys.privateKey, { publicKey: keys.publicKey })
const prepared = preparePublicKey(keys.publicKey)
rows.push({ name: 'SM2 sign', ours: rate(() => sm2Sign(message, keys.privateKey, { publicKey: keys.publicKey })), openssl: null, unit: 'ops/s', target: '' })
rows.push({ name: 'SM2 verify', ours: rate(() => sm2Verify(message, sig, keys.publicKey)), openssl: null, unit: 'ops/s', target: '' })
rows.push({ name: 'SM2 verify (prepared key)', ours: rate(() => sm2Verify(message, sig, keys.publicKey, { prepared })), openssl: null, unit: 'ops/s', target: '≥ 800/s' })

const fmt = (v: number): string => v.toFixed(1).padStart(10)
console.log('\n' + 'measure'.padEnd(28) + 'ours'.padStart(10) + 'OpenSSL'.padStart(10) + 'ratio'.padStart(8) + '  unit    target')
for (const r of rows) {
  const ratio = r.openssl ? (r.ours / r.openssl).toFixed(2) : '—'
  console.log(r.name.padEnd(28) + fmt(r.ours) + (r.openssl ? fmt(r.openssl) : '—'.padStart(10)) + ratio.padStart(8) + '  ' + r.unit.padEnd(8) + r.target)
}

const outDir = join(import.meta.dirname, 'results')
mkdirSync(outDir, { recursive: true })
const file = join(outDir, `crypto-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2))
console.log(`\n结果已写入 ${file}`)
