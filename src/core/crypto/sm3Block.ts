// SM3 (GB/T 32905-2016 §5) written for speed: the compression works on 32-bit integers in
// preallocated arrays, with no allocation per block. sm-crypto-v2's general-purpose version
// stays the reference; the unit tests hold the two to the same digests.
const IV = Int32Array.of(0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e)
const T = new Int32Array(64)
for (let j = 0; j < 64; j++) {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a
  const r = j % 32
  T[j] = r === 0 ? t : (t << r) | (t >>> (32 - r))
}

const W = new Int32Array(68)

function compress(V: Int32Array, block: DataView, at: number): void {
  for (let i = 0; i < 16; i++) W[i] = block.getInt32(at + i * 4)
  for (let j = 16; j < 68; j++) {
    const w3 = W[j - 3]!
    const x = W[j - 16]! ^ W[j - 9]! ^ ((w3 << 15) | (w3 >>> 17))
    const w13 = W[j - 13]!
    W[j] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w13 << 7) | (w13 >>> 25)) ^ W[j - 6]!
  }
  let A = V[0]! | 0, B = V[1]! | 0, C = V[2]! | 0, D = V[3]! | 0, E = V[4]! | 0, F = V[5]! | 0, G = V[6]! | 0, H = V[7]! | 0
  // rounds 0–15 and 16–63 differ only in FF and GG: two loops, no branch per round
  for (let j = 0; j < 16; j++) {
    const a12 = (A << 12) | (A >>> 20)
    let SS1 = (a12 + E + T[j]!) | 0
    SS1 = (SS1 << 7) | (SS1 >>> 25)
    const SS2 = SS1 ^ a12
    const w = W[j]!
    const TT1 = ((A ^ B ^ C) + D + SS2 + (w ^ W[j + 4]!)) | 0
    const TT2 = ((E ^ F ^ G) + H + SS1 + w) | 0
    D = C
    C = (B << 9) | (B >>> 23)
    B = A
    A = TT1
    H = G
    G = (F << 19) | (F >>> 13)
    F = E
    E = TT2 ^ ((TT2 << 9) | (TT2 >>> 23)) ^ ((TT2 << 17) | (TT2 >>> 15))
  }
  for (let j = 16; j < 64; j++) {
    const a12 = (A << 12) | (A >>> 20)
    let SS1 = (a12 + E + T[j]!) | 0
    SS1 = (SS1 << 7) | (SS1 >>> 25)
    const SS2 = SS1 ^ a12
    const w = W[j]!
    const TT1 = (((A & B) | (A & C) | (B & C)) + D + SS2 + (w ^ W[j + 4]!)) | 0
    const TT2 = (((E & F) | (~E & G)) + H + SS1 + w) | 0
    D = C
    C = (B << 9) | (B >>> 23)
    B = A
    A = TT1
    H = G
    G = (F << 19) | (F >>> 13)
    F = E
    E = TT2 ^ ((TT2 << 9) | (TT2 >>> 23)) ^ ((TT2 << 17) | (TT2 >>> 15))
  }
  V[0]! ^= A; V[1]! ^= B; V[2]! ^= C; V[3]! ^= D
  V[4]! ^= E; V[5]! ^= F; V[6]! ^= G; V[7]! ^= H
}

/** SM3 digest of `data` (32 bytes). */
export function sm3Digest(data: Uint8Array): Uint8Array {
  return sm3Continue(IV, 0, data)
}

/** The chaining value after one 64-byte block: HMAC keeps its two pad blocks' states so that an
 *  iterated PRF (PBKDF2) does not compress the same pads again on every call. */
export function sm3AfterBlock(block: Uint8Array): Int32Array {
  const V = IV.slice()
  compress(V, new DataView(block.buffer, block.byteOffset, 64), 0)
  return V
}

/** SM3 of (the `prefixBytes` already compressed into `state`) ‖ `data`; `state` is not changed. */
export function sm3Continue(state: Int32Array, prefixBytes: number, data: Uint8Array): Uint8Array {
  const V = state.slice()
  const full = data.length - (data.length % 64)
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  for (let at = 0; at < full; at += 64) compress(V, view, at)
  // padding: 1 bit, zeros, then the bit length as 64 bits big-endian
  const rest = data.length - full
  const tail = new Uint8Array(rest < 56 ? 64 : 128)
  tail.set(data.subarray(full))
  tail[rest] = 0x80
  const bits = (prefixBytes + data.length) * 8
  const tailView = new DataView(tail.buffer)
  tailView.setUint32(tail.length - 8, Math.floor(bits / 0x100000000))
  tailView.setUint32(tail.length - 4, bits >>> 0)
  for (let at = 0; at < tail.length; at += 64) compress(V, tailView, at)
  const out = new Uint8Array(32)
  const outView = new DataView(out.buffer)
  for (let i = 0; i < 8; i++) outView.setInt32(i * 4, V[i]!)
  return out
}
