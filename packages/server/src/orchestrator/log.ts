/**
 * The logger the orchestrator code writes to: the subset of pino's API it needs, so the server passes
 * its Fastify logger and the standalone worker a small console logger.
 */

type LogMethod = (fields: object, message?: string) => void

export interface OrchestratorLog {
  debug: LogMethod
  info: LogMethod
  warn: LogMethod
  error: LogMethod
}

const nothing: LogMethod = () => {}

export const silentLog: OrchestratorLog = { debug: nothing, info: nothing, warn: nothing, error: nothing }

const LEVELS = ['debug', 'info', 'warn', 'error'] as const
type Level = (typeof LEVELS)[number]

/** JSON lines on stderr (pino-like), from `minLevel` up; `silent` or an unknown level logs nothing. */
export function consoleLog(minLevel: string, name = 'orchestrator'): OrchestratorLog {
  const min = LEVELS.indexOf(minLevel === 'trace' ? 'debug' : (minLevel as Level))
  const method = (level: Level): LogMethod => {
    if (min < 0 || LEVELS.indexOf(level) < min) return nothing
    return (fields, message) => {
      const line = { level, time: new Date().toISOString(), name, ...serializable(fields), msg: message }
      process.stderr.write(`${JSON.stringify(line)}\n`)
    }
  }
  return { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') }
}

/** Errors do not serialize to JSON by themselves; spell out the useful part. */
function serializable(fields: object): object {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { type: value.name, message: value.message } : value
  }
  return out
}
