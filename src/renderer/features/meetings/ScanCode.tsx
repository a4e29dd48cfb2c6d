// 扫码签到: the camera, read a few times a second until a 签到码 is in view. The frames never leave
// the machine; the decoded text goes through the same check-in as a pasted code.
import { Alert, Modal, Typography } from 'antd'
import jsQR from 'jsqr'
import { useEffect, useRef, useState } from 'react'
import { decodeCode } from '../../../core/meeting/checkin'
import { UI } from '../../../core/messages/ui'

const SCAN_EVERY_MS = 200

export function ScanCode({ open, onCode, onClose }: { open: boolean; onCode: (code: string) => void; onClose: () => void }): React.JSX.Element {
  const video = useRef<HTMLVideoElement>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!open) return
    let stream: MediaStream | null = null
    let timer: ReturnType<typeof setInterval> | undefined
    let live = true
    const canvas = document.createElement('canvas')
    const read = (): void => {
      const v = video.current
      if (!v || v.readyState < 2 || !v.videoWidth) return
      canvas.width = v.videoWidth
      canvas.height = v.videoHeight
      const g = canvas.getContext('2d', { willReadFrequently: true })
      if (!g) return
      g.drawImage(v, 0, 0)
      const found = jsQR(g.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height, { inversionAttempts: 'dontInvert' })
      // only a 签到码 ends the scan; any other QR code in view is ignored
      if (found && decodeCode(found.data)) {
        clearInterval(timer)
        onCode(found.data)
      }
    }
    setError(null)
    if (!navigator.mediaDevices) {
      setError(UI.meetings.scanNoCamera)
      return
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then((s) => {
      if (!live) return s.getTracks().forEach((t) => t.stop())
      stream = s
      if (video.current) {
        video.current.srcObject = s
        void video.current.play().catch(() => undefined)
      }
      timer = setInterval(read, SCAN_EVERY_MS)
    }, () => setError(UI.meetings.scanNoCamera))
    return () => {
      live = false
      clearInterval(timer)
      stream?.getTracks().forEach((t) => t.stop())
    }
  }, [open, onCode])

  return (
    <Modal open={open} title={UI.meetings.scan} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{UI.meetings.scanTitle}</Typography.Paragraph>
      {error ? <Alert type="warning" showIcon title={error} /> : <video ref={video} className="scan-video" muted playsInline data-testid="scan-video" />}
    </Modal>
  )
}
