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

/** Per host logger, the extension loggers already made: events fire every handler on every node change. */
const made = new WeakMap<HostLogger, Map<string, ExtensionLogger>>()

/**
 * A logger whose lines carry `extension: <name>`. Made once per host logger and extension:
 * creating a pino child for each handler call was half the cost of firing an event (see
 * BENCHMARKS.md, event dispatch).
 */
export function extensionLogger(log: HostLogger, name: string): ExtensionLogger {
  let byName = made.get(log)
  if (!byName) {
    byName = new Map()
    made.set(log, byName)
  }
  let logger = byName.get(name)
  if (!logger) {
    logger = makeExtensionLogger(log, name)
    byName.set(name, logger)
  }
  return logger
}

function makeExtensionLogger(log: HostLogger, name: string): ExtensionLogger {
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
