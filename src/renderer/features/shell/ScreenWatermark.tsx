// The screen watermark (ARCHITECTURE.md §4): 姓名 · 单位 and the time, tiled over every document,
// record and 正本 view, PDF previews included. The page's own CSS cannot take it away: the tile
// lives in a closed shadow root (no selector of the page reaches it), the host's every property
// that could hide it is set inline with !important (which beats any stylesheet rule), and a
// MutationObserver puts it back if a script removes or restyles it.
import { useEffect, useRef } from 'react'
import { watermarkLines } from '../../../core/workcentre/watermark'
import { useEngine } from '../../sync/hooks'

const TILE_W = 300
const TILE_H = 180

const escapeXml = (s: string): string => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)

function tile(lines: readonly string[]): string {
  const text = lines.map((l, i) => `<text x="20" y="${90 + i * 24}" transform="rotate(-20 150 90)">${escapeXml(l)}</text>`).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${TILE_W}" height="${TILE_H}"><g font-family="sans-serif" font-size="15" fill="rgba(0,0,0,0.09)">${text}</g></svg>`
  return `url("data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}")`
}

const HOST_STYLE: Record<string, string> = {
  display: 'block', visibility: 'visible', opacity: '1', position: 'absolute', top: '0', left: '0', right: '0', bottom: '0',
  width: 'auto', height: 'auto', margin: '0', padding: '0', border: '0', 'z-index': '1000', 'pointer-events': 'none',
  transform: 'none', filter: 'none', 'clip-path': 'none', mask: 'none', 'mix-blend-mode': 'normal', 'content-visibility': 'visible', overflow: 'hidden',
}

/** Wraps a view; the watermark is drawn over it (clicks pass through). */
export function ScreenWatermark({ children, testId = 'watermark' }: { children: React.ReactNode; testId?: string }): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null)
  const { session } = useEngine()
  const { name, unitName } = session.user
  useEffect(() => {
    const container = box.current
    if (!container) return
    let host: HTMLDivElement | null = null
    let layer: HTMLDivElement | null = null
    let lines = watermarkLines(name, unitName, new Date())
    const paint = (): void => {
      if (!host || !layer) return
      for (const [k, v] of Object.entries(HOST_STYLE)) host.style.setProperty(k, v, 'important')
      host.dataset.testid = testId
      host.dataset.watermarkText = lines.join(' · ')
      layer.style.cssText = `position:absolute;inset:0;background-image:${tile(lines)};background-repeat:repeat;pointer-events:none`
    }
    const mount = (): void => {
      host = document.createElement('div')
      const shadow = host.attachShadow({ mode: 'closed' })
      layer = document.createElement('div')
      shadow.appendChild(layer)
      paint()
      container.appendChild(host)
    }
    mount()
    const observer = new MutationObserver(() => {
      observer.disconnect()
      if (!host || host.parentNode !== container) mount()
      else paint()
      watch()
    })
    const watch = (): void => {
      observer.observe(container, { childList: true })
      if (host) observer.observe(host, { attributes: true })
    }
    watch()
    // the time on it moves on
    const timer = setInterval(() => {
      lines = watermarkLines(name, unitName, new Date())
      observer.disconnect()
      paint()
      watch()
    }, 60_000)
    return () => {
      clearInterval(timer)
      observer.disconnect()
      host?.remove()
    }
  }, [name, unitName, testId])
  return <div ref={box} style={{ position: 'relative' }}>{children}</div>
}
