// The Electron fuses flipped into every packaged binary (scripts/afterPack.mjs), so a shipped
// 政通 cannot be turned into a general Node runtime or a debuggable process by whoever can set
// an environment variable or a command-line flag (Electron security checklist, "fuses").
import fuses from '@electron/fuses'
import { join } from 'node:path'

const { FuseV1Options, FuseVersion } = fuses

/** By the names of @electron/fuses' FuseV1Options; a fuse not named keeps Electron's default. */
export const FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would make the app a plain Node with our user's key store at hand
  RunAsNode: false,
  // cookies on disk encrypted with the OS key store, as Chrome does
  EnableCookieEncryption: true,
  // NODE_OPTIONS=--require … would run any script in main
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / SIGUSR1 would open a debugger on main, where the signing key lives
  EnableNodeCliInspectArguments: false,
  // app.asar checked against the hash embedded at packaging (macOS and Windows; Linux has no check yet)
  EnableEmbeddedAsarIntegrityValidation: true,
  // no loose app/ folder beside the asar to load instead
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  // we serve from app://zhengtong; file:// pages get no privileges beyond a browser's
  GrantFileProtocolExtraPrivileges: false,
})

/** The config flipFuses takes. Not strict: a newer Electron's extra fuses keep their defaults. */
export function fuseConfig() {
  const config = { version: FuseVersion.V1 }
  for (const [name, on] of Object.entries(FUSES)) {
    const index = FuseV1Options[name]
    if (typeof index !== 'number') throw new Error(`@electron/fuses knows no fuse ${name}`)
    config[index] = on
  }
  return config
}

/** Throws unless a binary's fuse wire (getCurrentFuseWire) holds every fuse of FUSES as set. */
export function assertFuses(wire) {
  const ENABLE = 0x31
  const DISABLE = 0x30
  const wrong = Object.entries(FUSES).filter(([name, on]) => wire[FuseV1Options[name]] !== (on ? ENABLE : DISABLE)).map(([name]) => name)
  if (wrong.length > 0) throw new Error(`Electron fuses not as configured: ${wrong.join(', ')}`)
}

/** The Electron executable electron-builder has just laid out in appOutDir. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  switch (electronPlatformName) {
    case 'linux':
      return join(appOutDir, packager.executableName)
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`)
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`)
    default:
      throw new Error(`no Electron binary known for platform ${electronPlatformName}`)
  }
}
