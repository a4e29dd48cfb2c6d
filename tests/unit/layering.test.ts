// The layering holds by rule, not by habit: lint refuses an import that points up from anywhere in
// src/core (src/core/crypto included, where a later block used to replace the rule), and no module
// of ours imports itself through a circle (rules and their registry did).
import { ESLint } from 'eslint'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { COMMAND_RULES, joinRules } from '../../server/commands/rules'
import { COMMAND_PAYLOADS } from '../../src/core/command/registry'

const root = resolve(__dirname, '../..')

describe('layering', () => {
  const eslint = new ESLint({ cwd: root })
  const upward = (file: string, spec: string): Promise<string[]> =>
    eslint.lintText(`import { createApp } from '${spec}'\nexport const x = createApp\n`, { filePath: join(root, file) })
      .then((results) => results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)))

  it('refuses an import of the server from src/core, in crypto too', async () => {
    expect(await upward('src/core/docflow/probe.ts', '../../../server/app')).toHaveLength(1)
    expect(await upward('src/core/crypto/probe.ts', '../../../server/app')).toHaveLength(1)
    expect(await upward('src/core/crypto/probe.ts', 'node:fs')).toHaveLength(1)
  })

  it('keeps each capability home to the rule contract and core', async () => {
    expect(await upward('server/seal/probe.ts', '../commands/ruleContract')).toHaveLength(0)
    expect(await upward('server/seal/probe.ts', '../../src/core/seal/ses')).toHaveLength(0)
    expect(await upward('server/seal/probe.ts', './sealRule')).toHaveLength(0)
    expect(await upward('server/seal/probe.ts', '../docflow/docflowRule')).toHaveLength(1)
    expect(await upward('server/archive/probe.ts', '../commands/rules')).toHaveLength(1)
    expect(await upward('server/docflow/probe.ts', '../http/respond')).toHaveLength(1)
    expect(await upward('server/http/probe.ts', '../commands/rules')).toHaveLength(0)
    // the rendition reads a record as the archive does, from core, not from the archive's home
    expect(await upward('server/rendition/probe.ts', '../archive/recordBuilder')).toHaveLength(1)
    expect(await upward('server/rendition/probe.ts', '../../src/core/docflow/recordSource')).toHaveLength(0)
  })

  it('lets only src/core/crypto import sm-crypto-v2', async () => {
    expect(await upward('src/core/crypto/probe.ts', 'sm-crypto-v2')).toHaveLength(0)
    expect(await upward('src/core/docflow/probe.ts', 'sm-crypto-v2')).toHaveLength(1)
    expect(await upward('server/probe.ts', 'sm-crypto-v2')).toHaveLength(1)
  })
})

/** Every .ts/.tsx file under `dir`, tests left out (they import widely by design). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.(test|d)\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
}

/** Import cycles among `files`, found with TypeScript's own import scanner and resolver. */
function cycles(files: readonly string[]): string[][] {
  const options: ts.CompilerOptions = { moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: false, jsx: ts.JsxEmit.ReactJSX }
  const known = new Set(files)
  const edges = new Map<string, string[]>()
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets: string[] = []
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue
      const resolved = ts.resolveModuleName(ref.fileName, file, options, ts.sys).resolvedModule?.resolvedFileName
      if (resolved && known.has(resolved)) targets.push(resolved)
    }
    edges.set(file, targets)
  }
  // Tarjan's strongly connected components: a component of more than one file is a circle
  let index = 0
  const order = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string): void => {
    order.set(v, index); low.set(v, index); index++
    stack.push(v); onStack.add(v)
    for (const w of edges.get(v) ?? []) {
      if (!order.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)) }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!))
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = []
      let w: string
      do { w = stack.pop()!; onStack.delete(w); component.push(relative(root, w)) } while (w !== v)
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(component.sort())
    }
  }
  for (const f of files) if (!order.has(f)) visit(f)
  return found
}

describe('imports', () => {
  it('form no circle in core, server, CLI, main, preload or renderer', () => {
    const files = ['src', 'server'].flatMap((d) => sources(join(root, d)))
    expect(cycles(files)).toEqual([])
  })

  it('would name a circle if there were one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zt-cycle-'))
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './b'\nexport type A = B\n")
    writeFileSync(join(dir, 'b.ts'), "import type { A } from './a'\nexport type B = A | 1\n")
    writeFileSync(join(dir, 'c.ts'), "import type { A } from './a'\nexport type C = A\n")
    expect(cycles(sources(dir)).map((c) => c.map((f) => f.split('/').pop()))).toEqual([['a.ts', 'b.ts']])
  })
})

describe('the HTTP API', () => {
  it('has one client, in core: the desktop and the CLI call no fetch of their own', () => {
    // the page loads one file of its own bundle by fetch (hb-subset's wasm), which is not the API
    const appAssets = new Set(['src/renderer/platform/ofdFonts.ts'])
    const callers = ['src/renderer', 'src/cli'].flatMap((d) => sources(join(root, d)))
      .filter((f) => !appAssets.has(relative(root, f)))
      .filter((f) => /(?<![\w.$])fetch\s*\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f))
    expect(callers).toEqual([])
  })
})

describe('the command registry', () => {
  it('refuses a command type claimed by two rules', () => {
    const rule = { judge: async () => ({ refused: { code: 'x' } }) }
    expect(() => joinRules([['doc.share'], rule], [['doc.share', 'doc.rename'], rule])).toThrow(/doc\.share/)
    expect(Object.keys(COMMAND_RULES)).toContain('archive.file')
  })

  it('has a payload schema in core for every rule the server runs, and no schema without a rule', () => {
    expect(Object.keys(COMMAND_PAYLOADS).sort()).toEqual(Object.keys(COMMAND_RULES).sort())
  })
})
