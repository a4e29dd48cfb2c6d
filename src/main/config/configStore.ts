// The desktop app's settings (the server address), one JSON file in the user-data directory.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

const configSchema = z.object({ serverUrl: z.string().url() })
export type DesktopConfig = z.infer<typeof configSchema>

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:7788'

export class ConfigStore {
  private readonly file: string

  constructor(dir: string, private readonly defaults: DesktopConfig = { serverUrl: DEFAULT_SERVER_URL }) {
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

  write(config: DesktopConfig): void {
    const valid = configSchema.parse(config)
    writeFileSync(`${this.file}.tmp`, JSON.stringify(valid, null, 2))
    renameSync(`${this.file}.tmp`, this.file)
  }
}
