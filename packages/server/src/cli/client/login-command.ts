/**
 * `nailgun login` / `nailgun logout`: a Keystone v2.0 token kept in the credentials file, so the
 * other commands need no password. Servers running `--auth none` need no login; their URL is kept.
 */
import type { Command } from 'commander'
import { ApiClient, ApiError, ConnectionError } from './api-client.js'
import { credentialsFile, deleteCredentials, readCredentials, resolveUrl, writeCredentials } from './credentials.js'
import { CliExit, type ClientIo, EXIT, usageError, writeLine } from './io.js'
import { ask, askSecret, readFirstLine } from './prompt.js'
import { runAction } from './session.js'

interface LoginOptions {
  url?: string
  user?: string
  passwordStdin?: boolean
}

export function addLoginCommands(program: Command, io: ClientIo): void {
  const login = program
    .command('login')
    .description('log in to a Nailgun server and keep the token in ~/.config/nailgun/credentials.json')
    .option('--url <url>', 'server URL (env: NAILGUN_URL; asked when on a terminal; default http://127.0.0.1:8000)')
    .option('--user <name>', 'user name (asked when on a terminal; default admin)')
    .option('--password-stdin', 'read the password from the first line of stdin instead of asking')
  login.action(() => runAction(io, () => doLogin(io, login.opts<LoginOptions>())))

  program
    .command('logout')
    .description('revoke the saved token and delete the credentials file')
    .action(() => runAction(io, () => doLogout(io)))
}

const interactive = (io: ClientIo) => Boolean(io.stdin.isTTY)

async function doLogin(io: ClientIo, options: LoginOptions): Promise<number> {
  const saved = await readCredentials(io.env)
  let url = resolveUrl(options.url, io.env, saved)
  if (!options.url && !io.env.NAILGUN_URL && interactive(io) && !options.passwordStdin)
    url = resolveUrl(await ask(io, 'Nailgun server URL', url), io.env)
  const client = new ApiClient({ baseUrl: url })
  const version = await client.version()
  if (!version.auth_required) {
    const file = await writeCredentials(io.env, { url })
    writeLine(io.out, `The server at ${url} does not require a login (auth none); its URL is saved in ${file}`)
    return EXIT.ok
  }
  const user = options.user ?? (interactive(io) && !options.passwordStdin ? await ask(io, 'User', 'admin') : 'admin')
  const password = await obtainPassword(io, options)
  let session: { token: string; expires?: string }
  try {
    session = await client.login(user, password)
  } catch (error) {
    if (error instanceof ApiError && error.status === 401)
      throw new CliExit(EXIT.auth, `Login to ${url} failed: wrong user name or password`)
    throw error
  }
  const file = await writeCredentials(io.env, { url, user, token: session.token, expires: session.expires })
  const until = session.expires ? ` until ${session.expires}` : ''
  writeLine(io.out, `Logged in to ${url} as ${user}${until}; the token is saved in ${file}`)
  return EXIT.ok
}

async function obtainPassword(io: ClientIo, options: LoginOptions): Promise<string> {
  if (options.passwordStdin) {
    if (interactive(io)) throw usageError('--password-stdin expects piped input, e.g. `cat pw.txt | nailgun login ...`')
    return readFirstLine(io)
  }
  if (!interactive(io)) throw usageError('no terminal to ask the password on: pipe it with --password-stdin')
  return askSecret(io, 'Password')
}

async function doLogout(io: ClientIo): Promise<number> {
  const saved = await readCredentials(io.env)
  if (!saved) {
    writeLine(io.out, `Not logged in (no ${credentialsFile(io.env)})`)
    return EXIT.ok
  }
  if (saved.token) {
    try {
      await new ApiClient({ baseUrl: saved.url, token: saved.token }).revoke(saved.token)
    } catch (error) {
      // An expired or already revoked token is as good as revoked; an unreachable server is not.
      if (error instanceof ConnectionError)
        writeLine(io.err, `warning: ${error.message}; the token was not revoked and stays valid until it expires`)
      else if (!(error instanceof ApiError && (error.status === 401 || error.status === 404))) throw error
    }
  }
  await deleteCredentials(io.env)
  writeLine(io.out, `Logged out of ${saved.url}`)
  return EXIT.ok
}
