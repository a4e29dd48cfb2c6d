// Types for scripts/electronFuses.mjs (a plain script, so electron-builder loads it without a build).
export declare const FUSES: Readonly<Record<string, boolean>>
export declare function fuseConfig(): { version: string } & Record<number, boolean>
export declare function assertFuses(wire: Record<string | number, unknown>): void
export interface PackContext {
  appOutDir: string
  electronPlatformName: string
  packager: { executableName: string; appInfo: { productFilename: string } }
}
export declare function electronBinaryPath(context: PackContext): string
