import { describe, expect, it } from 'vitest'
import { utf8 } from '../crypto/bytes'
import { toBase64 } from '../pki/der'
import { pictureProblem, sealPayloadProblem } from './registry'

const svg = (text: string) => ({ type: 'svg', data: toBase64(utf8(text)), widthMm: 42, heightMm: 42 })

describe('seal registry commands', () => {
  it('accepts a drawn SVG or a PNG, and refuses active SVG, odd sizes and other formats', () => {
    expect(pictureProblem(svg('<svg xmlns="http://www.w3.org/2000/svg"><circle r="20"/></svg>'))).toBeNull()
    expect(pictureProblem({ type: 'png', data: 'iVBORw0KGgoAAAANSUhEUg==', widthMm: 40, heightMm: 40 })).toBeNull()
    expect(pictureProblem(svg('<svg><script>alert(1)</script></svg>'))).toBe('bad_picture')
    expect(pictureProblem(svg('<svg onload="x()"></svg>'))).toBe('bad_picture')
    expect(pictureProblem(svg('<svg><image href="http://example.invalid/a.png"/></svg>'))).toBe('bad_picture')
    expect(pictureProblem({ type: 'png', data: 'R0lGODlhAQABAAAAACw=', widthMm: 40, heightMm: 40 })).toBe('bad_picture')
    expect(pictureProblem({ ...svg('<svg/>'), widthMm: 200 })).toBe('bad_picture')
    expect(pictureProblem({ type: 'gif', data: 'AAAA', widthMm: 40, heightMm: 40 })).toBe('bad_picture')
  })

  it('checks each command’s payload', () => {
    expect(sealPayloadProblem('seal.create', { name: '政通示范厅', typeName: '单位印章', holders: ['zhaoliu'], validEnd: '2030-12-31' })).toBeNull()
    expect(sealPayloadProblem('seal.create', { name: '', typeName: '单位印章', holders: ['zhaoliu'], validEnd: '2030-12-31' })).toBe('bad_command')
    expect(sealPayloadProblem('seal.create', { name: '章', typeName: '私章', holders: ['zhaoliu'], validEnd: '2030-12-31' })).toBe('bad_command')
    expect(sealPayloadProblem('seal.create', { name: '章', typeName: '单位印章', holders: [], validEnd: '2030-12-31' })).toBe('bad_command')
    expect(sealPayloadProblem('seal.revoke', {})).toBe('bad_command')
    expect(sealPayloadProblem('seal.explode', { esID: 'x' })).toBe('unknown_command')
  })
})
