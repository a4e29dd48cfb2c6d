// A sealed OFD: the unsigned rendition made at 用印 plus, for each seal, Sign_N/ with the
// Signature.xml the holder signed, the seal (Seal.esl) and the SES_Signature (SignedValue.dat).
import { parseSignature } from '../seal/ses'
import { signatureFiles } from './signature'
import { packOfd } from './writer'
import { unzipEntries } from './zip'

export function sealOfd(unsigned: Uint8Array, signs: { sealData: Uint8Array; ses: Uint8Array }[]): Uint8Array {
  const entries = unzipEntries(unsigned)
  if (!entries) throw new TypeError('OFD: the rendition is not a zip')
  return packOfd([...entries, ...signatureFiles(signs.map((s) => ({ xml: s.sealData, sealDer: parseSignature(s.ses).seal.der, sesDer: s.ses })))])
}
