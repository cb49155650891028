/**
 * `nailgun serve`: runs the API server until SIGINT/SIGTERM, then stops accepting connections,
 * lets in-flight requests finish and closes the database.
 */
import { Command } from 'commander'
import { type App, createApp } from '../app.js'
import { type Config, loadConfig } from '../config.js'
import { addSettingOptions, toConfigFlags } from './options.js'

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000

export function serveCommand(): Command {
  const command = new Command('serve').description('run the Nailgun API server')
  const attributes = addSettingOptions(command)
  return command.action(async () => {
    await serve(loadConfig(toConfigFlags(command.opts(), attributes)))
  })
}

export async function serve(config: Config): Promise<App> {
  const app = await createApp(config)
  try {
    await app.http.listen({ host: config.host, port: config.port })
  } catch (error) {
    await app.close()
    throw error
  }
  stopOnSignals(app)
  return app
}

function stopOnSignals(app: App): void {
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C means "now".
      app.http.log.warn({ signal }, 'Second signal: exiting without waiting')
      process.exit(1)
    }
    stopping = true
    app.http.log.info({ signal }, 'Shutting down')
    const deadline = setTimeout(() => {
      app.http.log.error(`Shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms: exiting`)
      process.exit(1)
    }, SHUTDOWN_TIMEOUT_MS)
    app.close().then(
      () => {
        clearTimeout(deadline)
        app.http.log.info('Stopped')
        // Whatever else still holds the event loop (a broker socket, a timer) must not keep a stopped server alive.
        setTimeout(() => process.exit(0), 1000).unref()
      },
      (error: unknown) => {
        app.http.log.error({ err: error }, 'Shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
