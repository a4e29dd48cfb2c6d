// electron-builder's afterPack hook (package.json "build.afterPack"): flips the fuses of
// scripts/electronFuses.mjs into the Electron binary before it is put into the deb or AppImage,
// then reads them back — a package whose fuses did not take is never produced.
import fuses from '@electron/fuses'
import { assertFuses, electronBinaryPath, fuseConfig } from './electronFuses.mjs'

export default async function afterPack(context) {
  const binary = electronBinaryPath(context)
  await fuses.flipFuses(binary, fuseConfig())
  assertFuses(await fuses.getCurrentFuseWire(binary))
}
