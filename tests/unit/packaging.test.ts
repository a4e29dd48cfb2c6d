// The desktop packaging: electron-builder's config (deb and AppImage, x64 and arm64 for 信创
// machines) and the afterPack hook that flips the Electron fuses. Packaging itself needs the
// Electron release archives, which this test does not fetch: it checks the config with
// electron-builder's own validator and runs the hook on a binary carrying a real fuse wire.
import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fuses from '@electron/fuses'
import afterPack from '../../scripts/afterPack.mjs'
import { assertFuses, electronBinaryPath, fuseConfig, FUSES } from '../../scripts/electronFuses.mjs'

const ROOT = new URL('../../', import.meta.url).pathname
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>
  build: { afterPack: string; asar: boolean; files: string[]; protocols: { schemes: string[] }[]; linux: { executableName: string; target: { target: string; arch: string[] }[] } }
}
const { FuseV1Options, FuseVersion } = fuses

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** A stand-in for the Electron executable: Electron 45's fuse wire (9 fuses, as shipped) between other bytes. */
function fakeElectron(dir: string, name: string, wire = '101100011'): string {
  const path = join(dir, name)
  writeFileSync(path, Buffer.concat([Buffer.alloc(256, 7), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.alloc(256, 7)]))
  return path
}

describe('electron-builder config', () => {
  it('builds deb and AppImage for x64 and arm64, from the asar, with the fuses hook', () => {
    const targets = Object.fromEntries(pkg.build.linux.target.map((t) => [t.target, [...t.arch].sort()]))
    expect(targets).toEqual({ deb: ['arm64', 'x64'], AppImage: ['arm64', 'x64'] })
    expect(pkg.build.asar).toBe(true)
    expect(pkg.build.afterPack).toBe('./scripts/afterPack.mjs')
    expect(existsSync(join(ROOT, pkg.build.afterPack))).toBe(true)
    expect(pkg.build.files).toContain('out/**/*')
    expect(pkg.build.protocols.flatMap((p) => p.schemes)).toEqual(['zhengtong'])
    expect(pkg.scripts.dist).toMatch(/electron-vite build && electron-builder --linux$/)
  })

  it('passes electron-builder\'s own schema, which refuses a wrong arch', async () => {
    const requireBuilder = createRequire(createRequire(join(ROOT, 'package.json')).resolve('electron-builder'))
    const { validateConfiguration } = requireBuilder('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, log: unknown): Promise<void> }
    const { DebugLogger } = requireBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
    await expect(validateConfiguration(pkg.build, new DebugLogger(false))).resolves.toBeUndefined()
    const wrong = { ...pkg.build, linux: { ...pkg.build.linux, target: [{ target: 'deb', arch: ['x64', 'mips'] }] } }
    await expect(validateConfiguration(wrong, new DebugLogger(false))).rejects.toThrow(/Invalid configuration/)
  })
})

describe('Electron fuses', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect; turns on cookie encryption, ASAR integrity and ASAR-only', () => {
    const config = fuseConfig()
    expect(config.version).toBe(FuseVersion.V1)
    expect(config[FuseV1Options.RunAsNode]).toBe(false)
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false)
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false)
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true)
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true)
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true)
    expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false)
    expect(Object.keys(FUSES).every((name) => name in FuseV1Options)).toBe(true)
  })

  it('afterPack flips them in the packed binary and leaves fuses it does not name as Electron ships them', async () => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'zt-pack-'))
    const binary = fakeElectron(appOutDir, pkg.build.linux.executableName)
    const context = { appOutDir, electronPlatformName: 'linux', packager: { executableName: pkg.build.linux.executableName, appInfo: { productFilename: '政通' } } }
    expect(electronBinaryPath(context)).toBe(binary)
    await afterPack(context)
    const wire = await fuses.getCurrentFuseWire(binary)
    const states = Array.from({ length: 9 }, (_, i) => String.fromCharCode((wire as unknown as Record<number, number>)[i] ?? 0)).join('')
    expect(states).toBe('010011001')
  })

  it('fails the packaging when the binary has no fuse wire, or the fuses read back wrong', async () => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'zt-pack-'))
    writeFileSync(join(appOutDir, 'zhengtong'), 'not electron')
    await expect(afterPack({ appOutDir, electronPlatformName: 'linux', packager: { executableName: 'zhengtong', appInfo: { productFilename: '政通' } } })).rejects.toThrow(/sentinel/)
    const shipped = await fuses.getCurrentFuseWire(fakeElectron(appOutDir, 'shipped'))
    expect(() => assertFuses(shipped)).toThrow(/RunAsNode.*EnableNodeOptionsEnvironmentVariable/)
  })
})
