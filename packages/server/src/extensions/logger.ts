/**
 * The logger the host needs: Fastify's (pino) in the server, a plain one in one-shot CLI commands.
 * Extensions see a narrower {@link ExtensionLogger} named after them.
 * @module
 */
import type { ExtensionLogger } from '@nailgun/extensions'

type LogFn = (data: object, message?: string) => void

export interface HostLogger {
  debug: LogFn
  info: LogFn
  warn: LogFn
  error: LogFn
  child(bindings: Record<string, unknown>): HostLogger
}

/** A logger whose lines carry `extension: <name>`. */
export function extensionLogger(log: HostLogger, name: string): ExtensionLogger {
  const child = log.child({ extension: name })
  return {
    debug: (message, data) => child.debug(data ?? {}, message),
    info: (message, data) => child.info(data ?? {}, message),
    warn: (message, data) => child.warn(data ?? {}, message),
    error: (message, data) => child.error(data ?? {}, message),
  }
}

/** For CLI commands: warnings and errors to stderr, the rest dropped (results are printed separately). */
export function stderrLogger(bindings: Record<string, unknown> = {}): HostLogger {
  const write = (level: string) => (data: object, message?: string) => {
    const context = { ...bindings, ...data }
    const suffix = Object.keys(context).length > 0 ? ` ${JSON.stringify(context)}` : ''
    process.stderr.write(`${level}: ${message ?? ''}${suffix}\n`)
  }
  const quiet = () => {}
  return {
    debug: quiet,
    info: quiet,
    warn: write('warning'),
    error: write('error'),
    child: (more) => stderrLogger({ ...bindings, ...more }),
  }
}
