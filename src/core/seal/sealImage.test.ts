import { describe, expect, it } from 'vitest'
import { drawRoundSeal } from './sealImage'

describe('round seal image', () => {
  it('draws the ring, every character of the name, the star and the extra text, sized in mm', () => {
    const svg = drawRoundSeal({ name: '示范厅办公室', centerText: '合同专用章', bottomText: '2301<&>' })
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="42mm" height="42mm" viewBox="0 0 42 42">/)
    for (const ch of '示范厅办公室') expect(svg).toContain(`>${ch}</text>`)
    expect(svg).toContain('>合同专用章</text>')
    expect(svg).toContain('2301&lt;&amp;&gt;')
    expect((/<polygon points="([^"]+)"/.exec(svg)![1]!).split(' ')).toHaveLength(10)
    expect(svg).toContain('<circle')
  })
})
