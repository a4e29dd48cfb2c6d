// LEB128 varints and a growable byte buffer: postings and the persisted index are written in them.

export class ByteWriter {
  buf: Uint8Array
  len = 0

  constructor(capacity = 1024) {
    this.buf = new Uint8Array(capacity)
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return
    let cap = this.buf.length * 2
    while (cap < this.len + extra) cap *= 2
    const next = new Uint8Array(cap)
    next.set(this.buf.subarray(0, this.len))
    this.buf = next
  }

  uint(n: number): void {
    this.ensure(5)
    while (n >= 0x80) {
      this.buf[this.len++] = (n & 0x7f) | 0x80
      n = Math.floor(n / 128)
    }
    this.buf[this.len++] = n
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length)
    this.buf.set(b, this.len)
    this.len += b.length
  }

  string(s: string): void {
    const b = new TextEncoder().encode(s)
    this.uint(b.length)
    this.bytes(b)
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.len)
  }
}

export class ByteReader {
  pos = 0
  private readonly decoder = new TextDecoder('utf-8', { fatal: true })

  constructor(readonly buf: Uint8Array) {}

  uint(): number {
    let n = 0
    let mul = 1
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('search index truncated')
      const b = this.buf[this.pos++]!
      n += (b & 0x7f) * mul
      if (b < 0x80) return n
      mul *= 128
      if (mul > 2 ** 35) throw new Error('search index corrupt')
    }
  }

  bytes(n: number): Uint8Array {
    if (this.pos + n > this.buf.length) throw new Error('search index truncated')
    const out = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return out
  }

  string(): string {
    return this.decoder.decode(this.bytes(this.uint()))
  }
}
