// The desktop app's settings (the server address), one JSON file in the user-data directory.
// Every address passes checkServerUrl, on the way in and on the way out: a file written by hand
// or by an older version with a plain-http office address is not used.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as z from 'zod'
import { checkServerUrl, type ServerUrlCheck } from './serverUrl'

const configSchema = z.object({ serverUrl: z.string().refine((url) => checkServerUrl(url).ok) })
export type DesktopConfig = z.infer<typeof configSchema>

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:7788'

export type SetServerUrl = Exclude<ServerUrlCheck, { ok: true }> | { ok: true; origin: string; changed: boolean }

/** The installation's default server (ZT_SERVER_URL), if the desktop accepts it; else the loopback one. */
export function defaultServerUrl(configured: string | undefined): { serverUrl: string; refused?: Exclude<ServerUrlCheck, { ok: true }> } {
  if (configured === undefined || configured === '') return { serverUrl: DEFAULT_SERVER_URL }
  const check = checkServerUrl(configured)
  return check.ok ? { serverUrl: check.origin } : { serverUrl: DEFAULT_SERVER_URL, refused: check }
}

export class ConfigStore {
  private readonly file: string
  private readonly defaults: DesktopConfig

  constructor(dir: string, defaults: DesktopConfig = { serverUrl: DEFAULT_SERVER_URL }) {
    this.defaults = configSchema.parse(defaults)
    mkdirSync(dir, { recursive: true })
    this.file = join(dir, 'zhengtong.json')
  }

  read(): DesktopConfig {
    try {
      return configSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')))
    } catch {
      return this.defaults
    }
  }

  /** Keeps the server's origin if the desktop accepts the address; otherwise keeps nothing. */
  setServerUrl(input: string): SetServerUrl {
    const check = checkServerUrl(input)
    if (!check.ok) return check
    const changed = check.origin !== this.read().serverUrl
    if (changed) this.write({ serverUrl: check.origin })
    return { ok: true, origin: check.origin, changed }
  }

  private write(config: DesktopConfig): void {
    const valid = configSchema.parse(config)
    writeFileSync(`${this.file}.tmp`, JSON.stringify(valid, null, 2))
    renameSync(`${this.file}.tmp`, this.file)
  }
}
