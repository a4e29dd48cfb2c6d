// node-forge's ASN.1 codec and its byte helpers as the two files they are: the package's index
// loads all of forge (TLS, RSA, ciphers), which a server would carry in memory unused.
declare module 'node-forge/lib/asn1.js' {
  import type { asn1 } from 'node-forge'
  const codec: typeof asn1
  export default codec
}
declare module 'node-forge/lib/util.js' {
  import type { util } from 'node-forge'
  const helpers: typeof util
  export default helpers
}
