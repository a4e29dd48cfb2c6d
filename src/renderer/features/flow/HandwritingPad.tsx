// A handwriting pad for a leader's 签批: pointer events (pen pressure when the device gives it),
// strokes kept as vectors on a 1000 × 300 pad and drawn to a PNG for the record.
import { Button, Space, Typography } from 'antd'
import { useEffect, useRef } from 'react'
import type { Ink } from '../../../core/docflow'
import { UI } from '../../../core/messages/ui'

const W = 1000
const H = 300

export function HandwritingPad({ onChange }: { onChange: (ink: Ink | undefined) => void }): React.JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null)
  const strokes = useRef<number[][]>([])
  const drawing = useRef<number[] | null>(null)

  const redraw = (): void => {
    const c = canvas.current
    const g = c?.getContext('2d')
    if (!c || !g) return
    g.clearRect(0, 0, W, H)
    g.strokeStyle = '#1a1a1a'
    g.lineCap = 'round'
    g.lineJoin = 'round'
    for (const s of strokes.current) {
      for (let i = 3; i < s.length; i += 3) {
        g.lineWidth = 2 + 5 * (s[i + 2] ?? 0.5)
        g.beginPath()
        g.moveTo(s[i - 3]!, s[i - 2]!)
        g.lineTo(s[i]!, s[i + 1]!)
        g.stroke()
      }
    }
  }
  useEffect(redraw, [])

  const point = (e: React.PointerEvent<HTMLCanvasElement>): number[] => {
    const r = e.currentTarget.getBoundingClientRect()
    const x = Math.round(((e.clientX - r.left) / r.width) * W)
    const y = Math.round(((e.clientY - r.top) / r.height) * H)
    const pressure = e.pointerType === 'mouse' || !e.pressure ? 0.5 : Math.round(e.pressure * 100) / 100
    return [x, y, pressure]
  }
  const finish = (): void => {
    if (!drawing.current) return
    if (drawing.current.length >= 6) strokes.current.push(drawing.current)
    drawing.current = null
    redraw()
    emit()
  }
  const emit = (): void => {
    if (!strokes.current.length || !canvas.current) return onChange(undefined)
    // the PNG at half size keeps the signed command small
    const small = document.createElement('canvas')
    small.width = W / 2
    small.height = H / 2
    small.getContext('2d')?.drawImage(canvas.current, 0, 0, W / 2, H / 2)
    onChange({ strokes: strokes.current.map((s) => [...s]), png: small.toDataURL('image/png') })
  }

  return (
    <div>
      <canvas
        ref={canvas}
        width={W}
        height={H}
        className="ink-pad"
        data-testid="ink-pad"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId)
          drawing.current = point(e)
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return
          drawing.current.push(...point(e))
          strokes.current.push(drawing.current)
          redraw()
          strokes.current.pop()
        }}
        onPointerUp={finish}
        onPointerCancel={finish}
      />
      <Space style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">{UI.flow.inkHint}</Typography.Text>
        <Button size="small" onClick={() => { strokes.current = []; redraw(); onChange(undefined) }}>{UI.flow.clearInk}</Button>
      </Space>
    </div>
  )
}
