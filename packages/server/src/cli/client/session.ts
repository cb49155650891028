/**
 * Turning a command's options into a connected ApiClient, and every failure into an exit code with
 * a message that says what to do next.
 */
import { ApiClient, ApiError, ConnectionError } from './api-client.js'
import { readCredentials, resolveUrl } from './credentials.js'
import { CliExit, type ClientIo, EXIT, writeLine } from './io.js'

export interface ConnectOptions {
  url?: string
}

export const NOT_LOGGED_IN = 'Not logged in: run `nailgun login`'

/**
 * A client for the server. Without a saved token, its first request is preceded by a look at
 * /version: a server that requires a token gets "not logged in" instead of a bare 401.
 */
export async function connect(io: ClientIo, options: ConnectOptions): Promise<ApiClient> {
  const saved = await readCredentials(io.env)
  const url = resolveUrl(options.url, io.env, saved)
  const token = saved && saved.url === url ? saved.token : undefined
  const prepare = async (client: ApiClient) => {
    if ((await client.version()).auth_required)
      throw new CliExit(EXIT.auth, `${NOT_LOGGED_IN} (the server at ${url} requires a token)`)
  }
  return new ApiClient({ baseUrl: url, token, prepare: token ? undefined : prepare })
}

/** The exit code and message of an error thrown by a command. */
export function describeFailure(error: unknown): { code: number; message: string } {
  if (error instanceof CliExit) return { code: error.code, message: error.message }
  if (error instanceof ApiError) {
    if (error.status === 401)
      return {
        code: EXIT.auth,
        message: `${error.message || 'Unauthorized'}: your session expired or was revoked; run \`nailgun login\``,
      }
    return { code: EXIT.api, message: `${error.message} (HTTP ${error.status})` }
  }
  if (error instanceof ConnectionError) return { code: EXIT.api, message: error.message }
  return { code: EXIT.api, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }
}

/** Runs a command body: failures are printed on stderr and become `io.exitCode`. */
export async function runAction(io: ClientIo, body: () => Promise<unknown>): Promise<void> {
  try {
    const code = await body()
    io.exitCode = typeof code === 'number' ? code : EXIT.ok
  } catch (error) {
    const { code, message } = describeFailure(error)
    writeLine(io.err, `error: ${message}`)
    io.exitCode = code
  }
}
