// Applying a seal with a user's key (用印): the key holder (main process, PIN vault, CLI) builds the
// SES_Signature itself from its parts, and only for a real SES_Seal and the key's own certificate —
// so a page that may ask for seals can never have arbitrary bytes signed.
import type { Sm2KeyPair } from '../crypto/sm2'
import { fromHex } from '../crypto/bytes'
import { parseCertificate } from '../pki/certificate'
import { fromBase64, toBase64 } from '../pki/der'
import { makeSignature, parseSeal } from './ses'
import { errorMessage } from '../messages/errors'

export interface SealRequest {
  userId: string
  /** base64 DER of the SES_Seal to apply */
  sealDer: string
  /** base64 DER of the user's certificate (it must hold the signing key) */
  certDer: string
  timeInfo: string
  /** hex SM3 of the signed-off content */
  dataHash: string
  propertyInfo: string
}

/** A seal this key may not apply; its message is the Chinese text of `code` (src/core/messages/errors.ts). */
export class SealRequestError extends Error {
  constructor(readonly code: 'seal_cert_mismatch' | 'not_seal_holder' | 'bad_data_hash') {
    super(errorMessage(code))
  }
}

/** The SES_Signature (base64 DER) for a request, signed with `keys`. */
export function signSealRequest(req: SealRequest, keys: Sm2KeyPair): string {
  const seal = parseSeal(fromBase64(req.sealDer))
  const cert = parseCertificate(fromBase64(req.certDer))
  if (cert.publicKey !== keys.publicKey) throw new SealRequestError('seal_cert_mismatch')
  if (!seal.info.certs.some((c) => toBase64(c) === req.certDer)) throw new SealRequestError('not_seal_holder')
  if (!/^[0-9a-f]{64}$/.test(req.dataHash)) throw new SealRequestError('bad_data_hash')
  const der = makeSignature(
    { sealDer: seal.der, timeInfo: new Date(req.timeInfo), dataHash: fromHex(req.dataHash), propertyInfo: req.propertyInfo },
    { certDer: cert.der, privateKey: keys.privateKey, publicKey: keys.publicKey },
  )
  return toBase64(der)
}
