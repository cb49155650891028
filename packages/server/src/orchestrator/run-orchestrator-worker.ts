/**
 * The body of `nailgun orchestrator`: runs the broker-side simulated orchestrator until SIGTERM or
 * SIGINT, then stops consuming and closes the connection.
 */
import type { Config } from '../config.js'
import type { AmqpNamesOptions } from './amqp-names.js'
import { startOrchestratorWorker } from './amqp-worker.js'
import { consoleLog, type OrchestratorLog } from './log.js'
import type { SimulatorOptions } from './types.js'

export type OrchestratorWorkerConfig = Pick<Config, 'amqpUrl' | 'simulatorStepMs' | 'logLevel'> &
  AmqpNamesOptions & {
    /** Overrides of the simulation (steps, injected failures); `stepMs` defaults to `simulatorStepMs`. */
    simulator?: SimulatorOptions
    log?: OrchestratorLog
    /** Also stops the worker when aborted (embedding, tests). */
    signal?: AbortSignal
  }

export async function runOrchestratorWorker(config: OrchestratorWorkerConfig): Promise<void> {
  const log = config.log ?? consoleLog(config.logLevel, 'nailgun-orchestrator')
  const worker = await startOrchestratorWorker({
    url: config.amqpUrl,
    prefix: config.prefix,
    names: config.names,
    simulator: { stepMs: config.simulatorStepMs, ...config.simulator },
    log,
  })
  log.info({ health: await worker.health() }, 'Simulated orchestrator running')
  const reason = await untilStopped(['SIGTERM', 'SIGINT'], config.signal)
  log.info({ reason }, 'Stopping the simulated orchestrator')
  await worker.close()
}

/** Resolves with the first process signal received, or 'aborted' when `abort` fires. */
function untilStopped(signals: NodeJS.Signals[], abort?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const stop = (reason: string) => {
      for (const s of signals) process.off(s, stop)
      abort?.removeEventListener('abort', onAbort)
      resolve(reason)
    }
    const onAbort = () => stop('aborted')
    for (const s of signals) process.on(s, stop)
    if (abort?.aborted) onAbort()
    else abort?.addEventListener('abort', onAbort, { once: true })
  })
}
