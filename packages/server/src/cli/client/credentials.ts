/**
 * The operator's session: server URL and token in `~/.config/nailgun/credentials.json` (mode 0600,
 * directory 0700), or in `$NAILGUN_CONFIG_DIR`. The token is a password equivalent until it expires.
 */
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

export const DEFAULT_URL = 'http://127.0.0.1:8000'

export interface Credentials {
  url: string
  /** Absent for servers running with `--auth none`. */
  token?: string
  user?: string
  expires?: string
}

export function configDir(env: NodeJS.ProcessEnv): string {
  if (env.NAILGUN_CONFIG_DIR) return env.NAILGUN_CONFIG_DIR
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config')
  return path.join(base, 'nailgun')
}

export const credentialsFile = (env: NodeJS.ProcessEnv) => path.join(configDir(env), 'credentials.json')

export async function readCredentials(env: NodeJS.ProcessEnv): Promise<Credentials | undefined> {
  let text: string
  try {
    text = await readFile(credentialsFile(env), 'utf8')
  } catch {
    return undefined
  }
  try {
    const value = JSON.parse(text) as Credentials
    return typeof value?.url === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

export async function writeCredentials(env: NodeJS.ProcessEnv, credentials: Credentials): Promise<string> {
  const dir = configDir(env)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const file = credentialsFile(env)
  // Remove first so an existing file with looser permissions is not reused.
  await rm(file, { force: true })
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 })
  await chmod(file, 0o600)
  return file
}

export async function deleteCredentials(env: NodeJS.ProcessEnv): Promise<void> {
  await rm(credentialsFile(env), { force: true })
}

/** --url, then NAILGUN_URL, then the URL logged in to, then the default. */
export function resolveUrl(flag: string | undefined, env: NodeJS.ProcessEnv, saved?: Credentials): string {
  return (flag || env.NAILGUN_URL || saved?.url || DEFAULT_URL).replace(/\/+$/, '')
}
