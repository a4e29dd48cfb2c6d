// GET /app/fonts/: the server names the font it writes each 公文 face with and sends the same file,
// so the browser build's page view and its PDF use exactly the server's faces.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FONT_FACES } from '../../../src/core/layout'
import { faceChoice, findFonts } from '../../../src/pdf/fonts'
import { newServer, type TestServer } from '../../support/newServer'

let server: TestServer
beforeAll(async () => {
  server = await newServer({ seed: null })
})
afterAll(() => server.dispose())

describe('the fonts the server writes PDFs with', () => {
  it('names each face as the PDF writer finds it, with a versioned address', async () => {
    const res = await fetch(`${server.url}/app/fonts/`)
    expect(res.status).toBe(200)
    const { faces } = (await res.json()) as { faces: Record<string, { label: string; fallback: boolean; url: string }> }
    const here = faceChoice(findFonts())
    expect(Object.keys(faces).sort()).toEqual([...FONT_FACES].sort())
    for (const f of FONT_FACES) {
      expect(faces[f]).toMatchObject(here[f])
      expect(faces[f]!.url).toMatch(new RegExp(`^/app/fonts/${f}\\?v=[0-9a-z]+-[0-9a-z]+$`))
    }
  })

  it('sends the very file of a face, without signing in', async () => {
    const res = await fetch(`${server.url}/app/fonts/fangsong`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^font\//)
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect(Buffer.from(bytes).equals(readFileSync(findFonts().fangsong.path))).toBe(true)
  })

  it('knows no other face and no path outside its list', async () => {
    for (const path of ['/app/fonts/arial', '/app/fonts/..%2Fpackage.json', '/app/fonts/fangsong/x']) {
      expect((await fetch(`${server.url}${path}`)).status).toBe(404)
    }
  })
})
