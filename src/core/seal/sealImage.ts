// The classic round red 公章 drawn from the unit's name, as SVG: an outer ring, the name along the
// upper arc, a five-pointed star in the middle, optional text below the star and along the bottom.
// Sizes follow common practice for agency seals (42 mm across, ring about 1.2 mm).

export interface RoundSealOptions {
  /** the unit's name, set clockwise along the upper arc */
  name: string
  /** text on one line under the star, e.g. 合同专用章 */
  centerText?: string
  /** text along the bottom arc (e.g. a code) */
  bottomText?: string
  /** diameter in mm */
  diameterMm?: number
  color?: string
  /** font family list (the PDF and page view map it to installed CJK faces) */
  fontFamily?: string
}

const esc = (s: string): string => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)
const fmt = (n: number): string => (Math.round(n * 1000) / 1000).toString()

/** SVG source of the seal; its user units are millimetres (viewBox 0 0 d d). */
export function drawRoundSeal(options: RoundSealOptions): string {
  const d = options.diameterMm ?? 42
  const r = d / 2
  const color = options.color ?? '#e60012'
  const font = options.fontFamily ?? "'Noto Serif CJK SC', 'Source Han Serif SC', SimSun, serif"
  const ring = d * 0.03
  const chars = [...options.name]
  // the name spans about 240°, starting lower left, each character upright towards the centre
  const span = Math.min(250, 40 + chars.length * 18)
  const textR = r - ring - d * 0.115
  const size = Math.min(d * 0.16, ((2 * Math.PI * textR * span) / 360 / Math.max(chars.length, 1)) * 0.92)
  const parts: string[] = []
  parts.push(`<circle cx="${fmt(r)}" cy="${fmt(r)}" r="${fmt(r - ring / 2)}" fill="none" stroke="${color}" stroke-width="${fmt(ring)}"/>`)
  chars.forEach((ch, i) => {
    const angle = -span / 2 + (span * (i + 0.5)) / chars.length // degrees from the top, clockwise
    const rad = (angle * Math.PI) / 180
    const x = r + textR * Math.sin(rad)
    const y = r - textR * Math.cos(rad)
    parts.push(`<text x="${fmt(x)}" y="${fmt(y)}" font-size="${fmt(size)}" text-anchor="middle" dominant-baseline="central" transform="rotate(${fmt(angle)} ${fmt(x)} ${fmt(y)})" fill="${color}" font-family="${esc(font)}" font-weight="bold">${esc(ch)}</text>`)
  })
  // five-pointed star, outer radius ~ 0.19 d
  const starR = d * 0.19
  const inner = starR * 0.382
  const points: string[] = []
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? starR : inner
    const a = (Math.PI / 5) * i - Math.PI / 2
    points.push(`${fmt(r + rr * Math.cos(a))},${fmt(r + rr * Math.sin(a))}`)
  }
  parts.push(`<polygon points="${points.join(' ')}" fill="${color}"/>`)
  if (options.centerText) {
    parts.push(`<text x="${fmt(r)}" y="${fmt(r + d * 0.3)}" font-size="${fmt(d * 0.09)}" text-anchor="middle" dominant-baseline="central" fill="${color}" font-family="${esc(font)}" font-weight="bold">${esc(options.centerText)}</text>`)
  }
  if (options.bottomText) {
    parts.push(`<text x="${fmt(r)}" y="${fmt(d - ring - d * 0.07)}" font-size="${fmt(d * 0.055)}" text-anchor="middle" dominant-baseline="central" fill="${color}" font-family="${esc(font)}">${esc(options.bottomText)}</text>`)
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(d)}mm" height="${fmt(d)}mm" viewBox="0 0 ${fmt(d)} ${fmt(d)}">${parts.join('')}</svg>`
}
