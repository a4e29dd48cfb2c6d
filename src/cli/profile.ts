// The CLI's remembered session: one JSON file in a profile directory (--home, ZT_HOME, or
// ~/.zhengtong), readable by its owner only because it holds a bearer token.
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import * as z from 'zod'
import { sessionUserSchema } from '../core/api/http'
import { CLI_MESSAGES } from '../core/messages/cli'
import { CliError } from './CliError'

export const profileSchema = z.object({
  server: z.string().url(),
  token: z.string().min(1),
  user: sessionUserSchema,
  /** ISO time */
  expiresAt: z.string(),
})
export type Profile = z.infer<typeof profileSchema>

const PROFILE_FILE = 'profile.json'

/** --home wins over ZT_HOME, which wins over ~/.zhengtong. */
export function profileHome(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  return resolve(explicit ?? env.ZT_HOME ?? join(homedir(), '.zhengtong'))
}

export function profilePath(home: string): string {
  return join(home, PROFILE_FILE)
}

/** The stored session, or null when nobody is signed in. */
export async function readProfile(home: string): Promise<Profile | null> {
  const path = profilePath(home)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new CliError(CLI_MESSAGES.profileUnreadable(path))
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new CliError(CLI_MESSAGES.profileUnreadable(path))
  }
  const parsed = profileSchema.safeParse(json)
  if (!parsed.success) throw new CliError(CLI_MESSAGES.profileUnreadable(path))
  return parsed.data
}

/** Writes the session with mode 0600 (directory 0700), replacing any earlier one atomically. */
export async function writeProfile(home: string, profile: Profile): Promise<void> {
  await mkdir(home, { recursive: true, mode: 0o700 })
  const path = profilePath(home)
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, JSON.stringify(profile, null, 2) + '\n', { encoding: 'utf8', mode: 0o600 })
  // the mode given to writeFile is masked by umask and ignored for an existing file
  await chmod(tmp, 0o600)
  await rename(tmp, path)
}

export async function removeProfile(home: string): Promise<void> {
  await rm(profilePath(home), { force: true })
}

/** The stored session, refusing when there is none or it has expired by the local clock. */
export async function requireProfile(home: string, now: Date = new Date()): Promise<Profile> {
  const profile = await readProfile(home)
  if (!profile) throw new CliError(CLI_MESSAGES.notLoggedIn)
  if (Date.parse(profile.expiresAt) <= now.getTime()) throw new CliError(CLI_MESSAGES.sessionExpired)
  return profile
}
