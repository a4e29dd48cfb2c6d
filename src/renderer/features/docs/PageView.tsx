// The GB/T 9704 page view: the same page model the PDF writer draws, as SVG (one unit = 1 mm),
// so what is on screen is what prints.
import type { Box, FontFace, PageModel } from '../../../core/layout'
import { charUnits, ptToMm } from '../../../core/layout'
import { UI } from '../../../core/messages/ui'

const FAMILY: Record<FontFace, { family: string; weight: number }> = {
  xiaobiaosong: { family: '"Noto Serif CJK SC", "Source Han Serif SC", serif', weight: 700 },
  fangsong: { family: '"Noto Serif CJK SC", "Source Han Serif SC", serif', weight: 400 },
  kaiti: { family: '"Noto Serif CJK SC", "Source Han Serif SC", serif', weight: 400 },
  songti: { family: '"Noto Serif CJK SC", "Source Han Serif SC", serif', weight: 400 },
  heiti: { family: '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif', weight: 400 },
}
const COLOURS = { red: '#e60012', black: '#000' }

export function PageView({ model, width = 620 }: { model: PageModel; width?: number }): React.JSX.Element {
  return (
    <div className="page-view" data-testid="page-view">
      <div className="page-count">{UI.page.pages(model.pages.length)}</div>
      {model.pages.map((page, i) => (
        <svg key={i} viewBox={`0 0 ${model.width} ${model.height}`} width={width} height={(width * model.height) / model.width} className="page-sheet" data-page={i + 1}>
          <rect x={0} y={0} width={model.width} height={model.height} fill="#fff" />
          {page.boxes.map((b, j) => <BoxView key={j} box={b} />)}
        </svg>
      ))}
    </div>
  )
}

function BoxView({ box }: { box: Box }): React.JSX.Element | null {
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
  const f = FAMILY[box.face]
  return (
    <text x={xs.join(' ')} y={box.baseline} fontSize={ptToMm(box.size)} fontFamily={f.family} fontWeight={f.weight} fill={COLOURS[box.color]} style={{ whiteSpace: 'pre' }}>
      {text}
    </text>
  )
}
