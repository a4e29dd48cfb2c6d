import { describe, expect, it } from 'vitest'
import { utf8 } from '../crypto/bytes'
import { toBase64 } from '../pki/der'
import { pictureProblem } from './registry'
import { drawRoundSeal } from './sealImage'
import { isDrawingOnlySvg } from './svgAllowList'

const NS = 'xmlns="http://www.w3.org/2000/svg"'
const picture = (text: string) => ({ type: 'svg', data: toBase64(utf8(text)), widthMm: 42, heightMm: 42 })

describe('seal SVG allow-list', () => {
  it('accepts pictures that only draw: shapes, text, gradients, inline presentation styles, local references', () => {
    const seal = `<?xml version="1.0" encoding="UTF-8"?>
<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" width="42mm" height="42mm" viewBox="0 0 42 42">
  <!-- 公章 -->
  <defs><radialGradient id="g"><stop offset="0" stop-color="#e00"/><stop offset="1" stop-color="#a00"/></radialGradient>
  <path id="arc" d="M 6 21 A 15 15 0 0 1 36 21"/></defs>
  <circle cx="21" cy="21" r="19" fill="none" stroke="url(#g)" stroke-width="1.2"/>
  <polygon points="21,14 23,19 28,19 24,22 25,27 21,24 17,27 18,22 14,19 19,19" style="fill:#d00; stroke:none"/>
  <text x="21" y="34" font-family="'SimSun', serif" font-size="4" text-anchor="middle">政通示范厅</text>
  <use xlink:href="#arc" fill="none"/>
</svg>`
    expect(isDrawingOnlySvg(seal)).toBe(true)
    expect(pictureProblem(picture(seal))).toBeNull()
  })

  it('accepts the seal pictures the app draws itself', () => {
    expect(isDrawingOnlySvg(drawRoundSeal({ name: '政通示范厅 & 办公室', centerText: '合同专用章', bottomText: '3701020001' }))).toBe(true)
  })

  const VECTORS: Record<string, string> = {
    'namespaced script': `<svg ${NS} xmlns:x="http://www.w3.org/2000/svg"><x:script>alert(1)</x:script></svg>`,
    'script in the XHTML namespace': `<svg ${NS}><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`,
    'default namespace switched to XHTML': `<svg xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></svg>`,
    'CSS @import in a style element': `<svg ${NS}><style>@import url(https://evil.example/x.css);</style></svg>`,
    'CSS url() in a style attribute': `<svg ${NS}><rect width="1" height="1" style="fill:url(https://evil.example/t.png)"/></svg>`,
    'CSS @import in a style attribute': `<svg ${NS}><rect style="@import 'https://evil.example/x.css'"/></svg>`,
    'url() to another document in a presentation attribute': `<svg ${NS}><rect fill="url(https://evil.example/p.svg#g)"/></svg>`,
    'animate values="javascript:…"': `<svg ${NS}><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>`,
    'set to="javascript:…"': `<svg ${NS}><set attributeName="onmouseover" to="alert(1)"/></svg>`,
    'event handler': `<svg ${NS} onload="alert(1)"/>`,
    'uppercase event handler': `<svg ${NS}><rect ONCLICK="alert(1)"/></svg>`,
    'foreignObject': `<svg ${NS}><foreignObject><iframe src="https://evil.example"/></foreignObject></svg>`,
    'external image': `<svg ${NS}><image href="https://evil.example/a.png"/></svg>`,
    'external use': `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://evil.example/s.svg#x"/></svg>`,
    'character reference spelling a scheme': `<svg ${NS}><rect fill="javascript&#58;alert(1)"/></svg>`,
    'javascript href on a link': `<svg ${NS}><a href="javascript:alert(1)"><text>x</text></a></svg>`,
    'entity declaration': `<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;">]><svg ${NS}>&x;</svg>`,
    'CDATA': `<svg ${NS}><text><![CDATA[<script>alert(1)</script>]]></text></svg>`,
    'processing instruction': `<?xml-stylesheet href="https://evil.example/x.css"?><svg ${NS}/>`,
    'escaped CSS in a style attribute': `<svg ${NS}><rect style="fill:u\\72l(https://evil.example/x)"/></svg>`,
    'not SVG at all': `<html><body>x</body></html>`,
    'two roots': `<svg ${NS}/><svg ${NS}/>`,
    'malformed XML': `<svg ${NS}><rect></svg>`,
  }
  for (const [name, text] of Object.entries(VECTORS)) {
    it(`refuses ${name}`, () => {
      expect(isDrawingOnlySvg(text)).toBe(false)
      expect(pictureProblem(picture(text))).toBe('bad_picture')
    })
  }
})
