// SM4 (GB/T 32907-2016) written for speed: the round's S-box and linear transform L are merged
// into four 256-entry tables (the usual T-table form), blocks are processed on 32-bit integers,
// and CBC runs over the whole buffer without allocating per block. sm-crypto-v2 stays the
// reference the tests compare against.

/** The S-box of GB/T 32907-2016 §6.2. */
const SBOX = Uint8Array.of(
  0xd6, 0x90, 0xe9, 0xfe, 0xcc, 0xe1, 0x3d, 0xb7, 0x16, 0xb6, 0x14, 0xc2, 0x28, 0xfb, 0x2c, 0x05,
  0x2b, 0x67, 0x9a, 0x76, 0x2a, 0xbe, 0x04, 0xc3, 0xaa, 0x44, 0x13, 0x26, 0x49, 0x86, 0x06, 0x99,
  0x9c, 0x42, 0x50, 0xf4, 0x91, 0xef, 0x98, 0x7a, 0x33, 0x54, 0x0b, 0x43, 0xed, 0xcf, 0xac, 0x62,
  0xe4, 0xb3, 0x1c, 0xa9, 0xc9, 0x08, 0xe8, 0x95, 0x80, 0xdf, 0x94, 0xfa, 0x75, 0x8f, 0x3f, 0xa6,
  0x47, 0x07, 0xa7, 0xfc, 0xf3, 0x73, 0x17, 0xba, 0x83, 0x59, 0x3c, 0x19, 0xe6, 0x85, 0x4f, 0xa8,
  0x68, 0x6b, 0x81, 0xb2, 0x71, 0x64, 0xda, 0x8b, 0xf8, 0xeb, 0x0f, 0x4b, 0x70, 0x56, 0x9d, 0x35,
  0x1e, 0x24, 0x0e, 0x5e, 0x63, 0x58, 0xd1, 0xa2, 0x25, 0x22, 0x7c, 0x3b, 0x01, 0x21, 0x78, 0x87,
  0xd4, 0x00, 0x46, 0x57, 0x9f, 0xd3, 0x27, 0x52, 0x4c, 0x36, 0x02, 0xe7, 0xa0, 0xc4, 0xc8, 0x9e,
  0xea, 0xbf, 0x8a, 0xd2, 0x40, 0xc7, 0x38, 0xb5, 0xa3, 0xf7, 0xf2, 0xce, 0xf9, 0x61, 0x15, 0xa1,
  0xe0, 0xae, 0x5d, 0xa4, 0x9b, 0x34, 0x1a, 0x55, 0xad, 0x93, 0x32, 0x30, 0xf5, 0x8c, 0xb1, 0xe3,
  0x1d, 0xf6, 0xe2, 0x2e, 0x82, 0x66, 0xca, 0x60, 0xc0, 0x29, 0x23, 0xab, 0x0d, 0x53, 0x4e, 0x6f,
  0xd5, 0xdb, 0x37, 0x45, 0xde, 0xfd, 0x8e, 0x2f, 0x03, 0xff, 0x6a, 0x72, 0x6d, 0x6c, 0x5b, 0x51,
  0x8d, 0x1b, 0xaf, 0x92, 0xbb, 0xdd, 0xbc, 0x7f, 0x11, 0xd9, 0x5c, 0x41, 0x1f, 0x10, 0x5a, 0xd8,
  0x0a, 0xc1, 0x31, 0x88, 0xa5, 0xcd, 0x7b, 0xbd, 0x2d, 0x74, 0xd0, 0x12, 0xb8, 0xe5, 0xb4, 0xb0,
  0x89, 0x69, 0x97, 0x4a, 0x0c, 0x96, 0x77, 0x7e, 0x65, 0xb9, 0xf1, 0x09, 0xc5, 0x6e, 0xc6, 0x84,
  0x18, 0xf0, 0x7d, 0xec, 0x3a, 0xdc, 0x4d, 0x20, 0x79, 0xee, 0x5f, 0x3e, 0xd7, 0xcb, 0x39, 0x48,
)
const FK = Int32Array.of(0xa3b1bac6 | 0, 0x56aa3350, 0x677d9197, 0xb27022dc | 0)
/** CK_i: byte j is (4i + j) · 7 mod 256 (§7.3). */
const CK = Int32Array.from({ length: 32 }, (_, i) => {
  let v = 0
  for (let j = 0; j < 4; j++) v = (v << 8) | (((4 * i + j) * 7) & 0xff)
  return v
})

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n))
/** L(B) = B ⊕ (B <<< 2) ⊕ (B <<< 10) ⊕ (B <<< 18) ⊕ (B <<< 24), applied to each S-box output. */
const T0 = new Int32Array(256)
const T1 = new Int32Array(256)
const T2 = new Int32Array(256)
const T3 = new Int32Array(256)
for (let i = 0; i < 256; i++) {
  const b = SBOX[i]! << 24
  const l = b ^ rotl(b, 2) ^ rotl(b, 10) ^ rotl(b, 18) ^ rotl(b, 24)
  T0[i] = l
  T1[i] = rotl(l, 24)
  T2[i] = rotl(l, 16)
  T3[i] = rotl(l, 8)
}

function tau(a: number): number {
  return (SBOX[a >>> 24]! << 24) | (SBOX[(a >>> 16) & 0xff]! << 16) | (SBOX[(a >>> 8) & 0xff]! << 8) | SBOX[a & 0xff]!
}

/** The 32 round keys (§7.3); reversed, they decrypt. */
export function sm4RoundKeys(key: Uint8Array): Int32Array {
  const v = new DataView(key.buffer, key.byteOffset, 16)
  let k0 = v.getInt32(0) ^ FK[0]!, k1 = v.getInt32(4) ^ FK[1]!, k2 = v.getInt32(8) ^ FK[2]!, k3 = v.getInt32(12) ^ FK[3]!
  const rk = new Int32Array(32)
  for (let i = 0; i < 32; i++) {
    const b = tau(k1 ^ k2 ^ k3 ^ CK[i]!)
    const next = k0 ^ b ^ rotl(b, 13) ^ rotl(b, 23)
    rk[i] = next
    k0 = k1
    k1 = k2
    k2 = k3
    k3 = next
  }
  return rk
}

const state = new Int32Array(4)

/** Runs 32 rounds on the block in `state` (x0..x3), leaving the output (reversed order) there. */
function rounds(rk: Int32Array): void {
  let x0 = state[0]!, x1 = state[1]!, x2 = state[2]!, x3 = state[3]!
  for (let r = 0; r < 32; r += 4) {
    let t = x1 ^ x2 ^ x3 ^ rk[r]!
    x0 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 0xff]! ^ T2[(t >>> 8) & 0xff]! ^ T3[t & 0xff]!
    t = x2 ^ x3 ^ x0 ^ rk[r + 1]!
    x1 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 0xff]! ^ T2[(t >>> 8) & 0xff]! ^ T3[t & 0xff]!
    t = x3 ^ x0 ^ x1 ^ rk[r + 2]!
    x2 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 0xff]! ^ T2[(t >>> 8) & 0xff]! ^ T3[t & 0xff]!
    t = x0 ^ x1 ^ x2 ^ rk[r + 3]!
    x3 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 0xff]! ^ T2[(t >>> 8) & 0xff]! ^ T3[t & 0xff]!
  }
  state[0] = x3
  state[1] = x2
  state[2] = x1
  state[3] = x0
}

/** CBC over whole blocks, in place on `out` (a copy of the input made by the caller). */
export function sm4CbcEncryptBlocks(rk: Int32Array, iv: Uint8Array, buf: Uint8Array): void {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const ivv = new DataView(iv.buffer, iv.byteOffset, 16)
  let c0 = ivv.getInt32(0), c1 = ivv.getInt32(4), c2 = ivv.getInt32(8), c3 = ivv.getInt32(12)
  for (let at = 0; at < buf.length; at += 16) {
    state[0] = v.getInt32(at) ^ c0
    state[1] = v.getInt32(at + 4) ^ c1
    state[2] = v.getInt32(at + 8) ^ c2
    state[3] = v.getInt32(at + 12) ^ c3
    rounds(rk)
    c0 = state[0]!
    c1 = state[1]!
    c2 = state[2]!
    c3 = state[3]!
    v.setInt32(at, c0)
    v.setInt32(at + 4, c1)
    v.setInt32(at + 8, c2)
    v.setInt32(at + 12, c3)
  }
}

export function sm4CbcDecryptBlocks(rkDecrypt: Int32Array, iv: Uint8Array, buf: Uint8Array): void {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const ivv = new DataView(iv.buffer, iv.byteOffset, 16)
  let p0 = ivv.getInt32(0), p1 = ivv.getInt32(4), p2 = ivv.getInt32(8), p3 = ivv.getInt32(12)
  for (let at = 0; at < buf.length; at += 16) {
    const c0 = v.getInt32(at), c1 = v.getInt32(at + 4), c2 = v.getInt32(at + 8), c3 = v.getInt32(at + 12)
    state[0] = c0
    state[1] = c1
    state[2] = c2
    state[3] = c3
    rounds(rkDecrypt)
    v.setInt32(at, state[0]! ^ p0)
    v.setInt32(at + 4, state[1]! ^ p1)
    v.setInt32(at + 8, state[2]! ^ p2)
    v.setInt32(at + 12, state[3]! ^ p3)
    p0 = c0
    p1 = c1
    p2 = c2
    p3 = c3
  }
}
