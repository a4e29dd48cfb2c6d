// A file written only at its end, with records framed [u32 length][u32 crc32][body]. It knows its
// own size, so a batch that fails half-way (a full disk) is cut back to where it began, and a torn
// tail left by a crash is found on open (its length or checksum fails) and cut.
import { closeSync, existsSync, fdatasync, fdatasyncSync, fstatSync, ftruncate, ftruncateSync, openSync, readSync, writeSync } from 'node:fs'
import { promisify } from 'node:util'
import { crc32 } from 'node:zlib'

// the callback forms run in libuv's thread pool: a fdatasync here can take tens of ms, and the
// event loop (every room) would wait for it
export const datasync = promisify(fdatasync)
const truncateFd = promisify(ftruncate)

export const FRAME_HEADER = 8

export function frame(body: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(FRAME_HEADER + body.length)
  out.writeUInt32LE(body.length, 0)
  out.writeUInt32LE(crc32(body), 4)
  out.set(body, FRAME_HEADER)
  return out
}

/** One framed record found in a buffer: its body and where its frame starts. */
export interface FramedRecord {
  body: Buffer
  offset: number
}

/** The records of `buf` up to the first torn one, and the length of that good prefix. */
export function readFrames(buf: Buffer): { records: FramedRecord[]; goodLength: number } {
  const records: FramedRecord[] = []
  let at = 0
  while (at + FRAME_HEADER <= buf.length) {
    const len = buf.readUInt32LE(at)
    if (at + FRAME_HEADER + len > buf.length) break
    const body = buf.subarray(at + FRAME_HEADER, at + FRAME_HEADER + len)
    if (crc32(body) !== buf.readUInt32LE(at + 4)) break
    records.push({ body, offset: at })
    at += FRAME_HEADER + len
  }
  return { records, goodLength: at }
}

export class AppendFile {
  private fd: number
  size: number
  /** written since the last sync */
  dirty = false

  constructor(readonly path: string) {
    this.fd = openSync(path, existsSync(path) ? 'r+' : 'w+')
    this.size = fstatSync(this.fd).size
  }

  /** Appends bytes (no sync); returns the offset they start at. Throws as the file system does (ENOSPC). */
  append(bytes: Uint8Array): number {
    const at = this.size
    let done = 0
    try {
      while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, at + done)
    } catch (err) {
      // what went half-way is cut, so the next append follows the last whole record
      this.truncate(at)
      throw err
    }
    this.size = at + bytes.length
    this.dirty = true
    return at
  }

  truncate(size: number): void {
    try {
      ftruncateSync(this.fd, size)
    } finally {
      this.size = size
    }
  }

  read(offset: number, length: number): Buffer {
    const out = Buffer.allocUnsafe(length)
    let done = 0
    while (done < length) {
      const n = readSync(this.fd, out, done, length - done, offset + done)
      if (n === 0) throw new Error(`short read at ${offset} in ${this.path}`)
      done += n
    }
    return out
  }

  readAll(): Buffer {
    return this.size === 0 ? Buffer.alloc(0) : this.read(0, this.size)
  }

  /** On open only, before the server serves: once it does, `syncAsync`. */
  sync(): void {
    if (!this.dirty) return
    fdatasyncSync(this.fd)
    this.dirty = false
  }

  /** The sync off the event loop. The file must stay open (not closed) until it resolves. */
  async syncAsync(): Promise<void> {
    if (!this.dirty) return
    // an append meanwhile marks it dirty again: this sync may not cover it
    this.dirty = false
    try {
      await datasync(this.fd)
    } catch (err) {
      this.dirty = true
      throw err
    }
  }

  /** `truncate` off the event loop; nothing may append meanwhile. */
  async truncateAsync(size: number): Promise<void> {
    try {
      await truncateFd(this.fd, size)
    } finally {
      this.size = size
    }
  }

  get descriptor(): number {
    return this.fd
  }

  close(): void {
    closeSync(this.fd)
    this.fd = -1
  }
}
