// A camera for Chromium that shows a QR code: Chromium's fake capture device plays a Y4M file
// (--use-file-for-fake-video-capture) and reopens it each time a page starts the camera, so a test
// writes the code it wants scanned just before the page asks for the camera.
import { writeFileSync } from 'node:fs'
import QRCode from 'qrcode'

const SIDE = 720

/** One grey 4:2:0 frame of SIDE×SIDE, the QR code for `text` centred (white when text is empty). */
export function writeQrY4m(path: string, text: string): void {
  const y = new Uint8Array(SIDE * SIDE).fill(235)
  if (text) {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'L' })
    const scale = Math.floor(SIDE / (modules.size + 8))
    const offset = Math.floor((SIDE - modules.size * scale) / 2)
    for (let r = 0; r < modules.size; r++) for (let c = 0; c < modules.size; c++) {
      if (!modules.data[r * modules.size + c]) continue
      for (let dy = 0; dy < scale; dy++) y.fill(16, (offset + r * scale + dy) * SIDE + offset + c * scale, (offset + r * scale + dy) * SIDE + offset + (c + 1) * scale)
    }
  }
  const chroma = new Uint8Array((SIDE / 2) * (SIDE / 2) * 2).fill(128)
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${SIDE} H${SIDE} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), y, chroma]))
}
