// The GB/T 9704 page view: the same page model the PDF writer draws, as SVG (one unit = 1 mm), in
// the same font files, so what is on screen is what prints. Printed, each sheet is one A4 page at
// its true size (print.css).
import { Alert } from 'antd'
import { createPortal } from 'react-dom'
import type { Box, PageModel } from '../../../core/layout'
import { charUnits, FONT_FACES, ptToMm } from '../../../core/layout'
import { UI } from '../../../core/messages/ui'
import { facesLine, usePageFaces, type PageFaces } from './pageFaces'

const COLOURS = { red: '#e60012', black: '#000' }

export function PageView({ model, width = 620 }: { model: PageModel; width?: number }): React.JSX.Element {
  const faces = usePageFaces()
  return (
    <div className="page-view" data-testid="page-view" data-fonts={faces.loading ? 'loading' : faces.error ? 'fallback' : 'loaded'}>
      <div className="page-count">{UI.page.pages(model.pages.length)}</div>
      <FacesNote faces={faces} />
      {model.pages.map((page, i) => (
        <Sheet key={i} model={model} index={i} faces={faces} width={width} height={(width * model.height) / model.width} className="page-sheet" />
      ))}
      {createPortal(
        <div className="print-root" data-testid="print-root">
          {model.pages.map((_, i) => <Sheet key={i} model={model} index={i} faces={faces} width={`${model.width}mm`} height={`${model.height}mm`} className="print-sheet" />)}
        </div>,
        document.body,
      )}
    </div>
  )
}

function Sheet({ model, index, faces, width, height, className }: { model: PageModel; index: number; faces: PageFaces; width: number | string; height: number | string; className: string }): React.JSX.Element {
  return (
    <svg viewBox={`0 0 ${model.width} ${model.height}`} width={width} height={height} className={className} data-page={index + 1}>
      <rect x={0} y={0} width={model.width} height={model.height} fill="#fff" />
      {model.pages[index]!.boxes.map((b, j) => <BoxView key={j} box={b} faces={faces} />)}
    </svg>
  )
}

/** Which fonts stand for the 公文 faces; a warning when one is a stand-in or could not be loaded. */
function FacesNote({ faces }: { faces: PageFaces }): React.JSX.Element | null {
  if (faces.loading) return <div className="page-fonts" data-testid="page-fonts">{UI.page.fontsLoading}</div>
  if (faces.error && !faces.choice) return <Alert className="page-fonts" data-testid="page-fonts" type="warning" showIcon title={UI.page.fontsNotLoaded(faces.error)} />
  if (!faces.choice) return null
  const line = UI.page.fonts(facesLine(faces.choice))
  if (faces.error) return <Alert className="page-fonts" data-testid="page-fonts" type="warning" showIcon title={UI.page.fontsNotLoaded(faces.error)} description={line} />
  const fallback = FONT_FACES.some((f) => faces.choice![f].fallback)
  if (fallback) return <Alert className="page-fonts" data-testid="page-fonts" type="warning" showIcon title={line + UI.page.fallback} />
  return <div className="page-fonts" data-testid="page-fonts">{line}</div>
}

function BoxView({ box, faces }: { box: Box; faces: PageFaces }): React.JSX.Element | null {
  if (box.kind === 'rule') return <rect x={box.x} y={box.y} width={box.width} height={box.thickness} fill={COLOURS[box.color]} />
  if (box.kind === 'image') {
    const href = box.png ? `data:image/png;base64,${btoa(String.fromCharCode(...box.png))}` : box.svg ? `data:image/svg+xml;utf8,${encodeURIComponent(box.svg)}` : ''
    return <image href={href} x={box.cx - box.width / 2} y={box.cy - box.height / 2} width={box.width} height={box.height} />
  }
  // every character at its grid position, as in the PDF
  const xs: number[] = []
  let x = box.x
  let text = ''
  for (const ch of box.text) {
    xs.push(Math.round(x * 100) / 100)
    text += ch
    x += charUnits(ch) * box.advance
  }
  // where the host's 小标宋 is not loaded, its stand-in is Noto Serif Bold, as in the PDF
  const weight = box.face === 'xiaobiaosong' && !faces.families.xiaobiaosong.startsWith('"zt-') ? 700 : 400
  return (
    <text x={xs.join(' ')} y={box.baseline} fontSize={ptToMm(box.size)} fontFamily={faces.families[box.face]} fontWeight={weight} fill={COLOURS[box.color]} style={{ whiteSpace: 'pre' }}>
      {text}
    </text>
  )
}
