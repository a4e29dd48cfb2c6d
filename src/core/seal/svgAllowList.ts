// An uploaded seal picture in SVG is accepted only if every element, attribute and style
// declaration is on an allow-list of what draws shapes and text. A deny-list misses what it did
// not think of (a namespaced <x:script>, CSS @import or url(), <animate values="javascript:…">);
// here whatever is not named is refused. No DOCTYPE, entity, CDATA or processing instruction
// beyond the XML declaration; references only to fragments of the picture itself (#id).
import { XMLParser, XMLValidator } from 'fast-xml-parser'

const SVG_NS = 'http://www.w3.org/2000/svg'
const XLINK_NS = 'http://www.w3.org/1999/xlink'

const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'title', 'desc', 'symbol', 'use',
  'path', 'circle', 'ellipse', 'rect', 'line', 'polyline', 'polygon',
  'text', 'tspan',
  'linearGradient', 'radialGradient', 'stop', 'clipPath',
])

/** elements whose text is drawn or describes the picture; elsewhere only whitespace */
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'title', 'desc'])

/** presentation properties, allowed as attributes and in `style` */
const PRESENTATION = new Set([
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity', 'clip-path', 'clip-rule',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'letter-spacing',
  'stop-color', 'stop-opacity', 'display', 'visibility', 'vector-effect', 'shape-rendering',
])

const ATTRIBUTES = new Set([
  ...PRESENTATION,
  'id', 'class', 'style', 'version', 'baseProfile', 'viewBox', 'preserveAspectRatio', 'transform',
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'width', 'height',
  'd', 'points', 'pathLength', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust',
  'offset', 'gradientUnits', 'gradientTransform', 'spreadMethod', 'clipPathUnits',
  'href', 'xlink:href', 'xml:space',
])

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  ignoreDeclaration: true,
})

type Node = Record<string, unknown> & { ':@'?: Record<string, string> }

/** True when `text` is an SVG picture that only draws (see the allow-lists above). */
export function isDrawingOnlySvg(text: string): boolean {
  // markup declarations (DOCTYPE, ENTITY), CDATA and processing instructions other than the XML declaration
  const body = text.replace(/^\s*<\?xml\s[^>]*\?>/, '')
  if (/<!(?!--)/.test(body) || /<\?/.test(body)) return false
  if (XMLValidator.validate(text) !== true) return false
  let nodes: Node[]
  try {
    nodes = parser.parse(text) as Node[]
  } catch {
    return false
  }
  const elements = nodes.filter((n) => !('#text' in n) || String(n['#text']).trim() !== '')
  if (elements.length !== 1 || !('svg' in elements[0]!)) return false
  return nodeAllowed(elements[0]!, null, true)
}

function nodeAllowed(node: Node, parent: string | null, root = false): boolean {
  if ('#text' in node) return (parent !== null && TEXT_ELEMENTS.has(parent)) || String(node['#text']).trim() === ''
  const names = Object.keys(node).filter((k) => k !== ':@')
  if (names.length !== 1) return false
  const name = names[0]!
  // no prefixed element (another namespace) and nothing unnamed
  if (!ELEMENTS.has(name)) return false
  const attrs = node[':@'] ?? {}
  for (const [attr, value] of Object.entries(attrs)) if (!attributeAllowed(attr, String(value), root)) return false
  const children = node[name]
  if (!Array.isArray(children)) return false
  return children.every((child) => nodeAllowed(child as Node, name))
}

function attributeAllowed(name: string, value: string, root: boolean): boolean {
  // the root may declare the SVG namespace and xlink, nothing else
  if (name === 'xmlns') return root && value === SVG_NS
  if (name === 'xmlns:xlink') return root && value === XLINK_NS
  if (!ATTRIBUTES.has(name)) return false
  if (name === 'href' || name === 'xlink:href') return /^#[\w.-]+$/.test(value)
  if (name === 'style') return styleAllowed(value)
  return valueAllowed(value)
}

/** A value never names a scheme, escapes, or refers outside the picture (`url(#id)` only). */
function valueAllowed(value: string): boolean {
  // only the five XML entities: a character reference could spell a scheme's colon
  if (/[\\<>@:]|&(?!(?:amp|quot|lt|gt|apos);)|expression\s*\(/i.test(value)) return false
  return [...value.matchAll(/url\s*\(/gi)].every((m) => /^url\(#[\w.-]+\)/.test(value.slice(m.index)))
}

function styleAllowed(style: string): boolean {
  if (/\/\*|[{}]/.test(style)) return false
  return style
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .every((decl) => {
      const colon = decl.indexOf(':')
      if (colon < 0) return false
      const prop = decl.slice(0, colon).trim().toLowerCase()
      return PRESENTATION.has(prop) && valueAllowed(decl.slice(colon + 1).trim())
    })
}
