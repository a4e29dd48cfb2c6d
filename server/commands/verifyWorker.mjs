// Verifies signed commands' SM2 signatures off the main thread (server/commands/SignatureVerifier.ts),
// so that the `commands` lock and the main thread are not spent on the one costly step of a
// command. It is given only bytes: the exact bytes the signature covers, the signature (already
// found to be the one canonical DER encoding, by isCanonicalDerSignature on the main thread) and
// the public key of a certificate on record. The call below is sm2Verify's
// (src/core/crypto/sm2.ts): hash with the default user id, DER. Plain JavaScript so that the worker
// starts without a TypeScript loader, from source and from the bundle alike.
//
// in:  { jobs: { id, message: Uint8Array, sig: string (DER hex), publicKey: string (04‖x‖y hex) }[] }
// out: { answers: { id, ok: boolean }[] }, one for each job, in order
import { parentPort, workerData } from 'node:worker_threads'
import { sm2 } from 'sm-crypto-v2'

/** as SM2_DEFAULT_USER_ID in src/core/crypto/sm2.ts */
const USER_ID = '1234567812345678'

/** keys kept prepared (precomputed multiples), the most recently used, and their window */
const { keys: KEYS, window: WINDOW } = workerData

/** @type {Map<string, ReturnType<typeof sm2.precomputePublicKey>>} */
const prepared = new Map()

/** @param {string} publicKey */
function preparedKey(publicKey) {
  let key = prepared.get(publicKey)
  if (key) {
    // most recently used last, so the oldest is first to go
    prepared.delete(publicKey)
  } else {
    key = sm2.precomputePublicKey(publicKey, WINDOW)
    if (prepared.size >= KEYS) prepared.delete(prepared.keys().next().value)
  }
  prepared.set(publicKey, key)
  return key
}

/** @param {{ message: Uint8Array, sig: string, publicKey: string }} job */
function verify(job) {
  try {
    return sm2.doVerifySignature(job.message, job.sig, preparedKey(job.publicKey), { hash: true, der: true, userId: USER_ID })
  } catch {
    return false
  }
}

parentPort.on('message', (msg) => {
  parentPort.postMessage({ answers: msg.jobs.map((job) => ({ id: job.id, ok: verify(job) })) })
})
