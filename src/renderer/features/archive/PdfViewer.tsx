// Shows a PDF's pages in the window, drawn by pdf.js onto canvases from bytes held in memory: a
// borrowed record is read here, never saved, and it looks the same on every machine (no reliance
// on a browser's PDF plug-in).
import { Alert, Modal, Spin } from 'antd'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import { useEffect, useState } from 'react'
import { UI } from '../../../core/messages/ui'
import { ScreenWatermark } from '../shell/ScreenWatermark'

/** pdf.js is loaded the first time a PDF is shown (its own chunk), not with the app. */
async function pdfjs(): Promise<typeof import('pdfjs-dist')> {
  const lib = await import('pdfjs-dist')
  lib.GlobalWorkerOptions.workerSrc = workerUrl
  return lib
}

const WIDTH = 820

export function PdfViewer({ bytes, title, onClose }: { bytes: Uint8Array | null; title: string; onClose: () => void }): React.JSX.Element {
  // the modal renders its body when it opens: draw once the container exists
  const [pages, setPages] = useState<HTMLDivElement | null>(null)
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading')
  useEffect(() => {
    if (!bytes || !pages) return
    let cancelled = false
    let destroy = (): void => undefined
    setState('loading')
    void pdfjs().then(async ({ getDocument }) => {
      // pdf.js takes ownership of the buffer it is given: hand it a copy
      const task = getDocument({ data: bytes.slice(), isEvalSupported: false })
      destroy = () => void task.destroy()
      const pdf = await task.promise
      for (let n = 1; n <= pdf.numPages && !cancelled; n++) {
        const page = await pdf.getPage(n)
        const base = page.getViewport({ scale: 1 })
        const viewport = page.getViewport({ scale: (WIDTH / base.width) * (window.devicePixelRatio || 1) })
        const canvas = document.createElement('canvas')
        canvas.width = viewport.width
        canvas.height = viewport.height
        canvas.style.width = `${WIDTH}px`
        canvas.className = 'pdf-page'
        canvas.dataset.testid = `pdf-page-${n}`
        await page.render({ canvasContext: canvas.getContext('2d')!, viewport }).promise
        if (!cancelled) pages.appendChild(canvas)
      }
      if (!cancelled) setState('ready')
    }).catch(() => !cancelled && setState('failed'))
    return () => {
      cancelled = true
      destroy()
      pages.replaceChildren()
    }
  }, [bytes, pages])
  return (
    <Modal open={!!bytes} title={title} onCancel={onClose} footer={null} width={WIDTH + 64} destroyOnHidden>
      {state === 'loading' && <Spin style={{ display: 'block', margin: 24 }} />}
      {state === 'failed' && <Alert type="error" showIcon title={UI.archive.pdfUnreadable} />}
      <ScreenWatermark testId="pdf-watermark">
        <div ref={setPages} className="pdf-pages" data-testid="pdf-viewer" />
      </ScreenWatermark>
    </Modal>
  )
}
